import { makeStaffContext } from '~/lib/server/context';
import { eq, sql } from 'drizzle-orm';
import { beforeEach, expect, it, vi } from 'vitest';
import { auditLog, mailOutbox, passwordTokens, users } from '~db/schema';
import {
  LOGIN_LIMITS,
  changePassword,
  login,
  requestPasswordReset,
} from '~/features/accounts/sign-in.server';
import { hashPassword } from '~/lib/server/auth/password';
import { validateSessionToken } from '~/lib/server/auth/session';
import { describeEachDb } from '../helpers/db';

// Counts every password verification (real or against the dummy hash), keeping the real check.
const verifications = vi.hoisted(() => ({ count: 0 }));
vi.mock('~/lib/server/auth/password', async (importOriginal) => {
  const original = await importOriginal<typeof import('~/lib/server/auth/password')>();
  return {
    ...original,
    verifyPassword: async (hash: string, password: string) => {
      verifications.count++;
      return original.verifyPassword(hash, password);
    },
    dummyVerify: async (password: string) => {
      verifications.count++;
      return original.dummyVerify(password);
    },
  };
});

const PASSWORD = 'caballo correcto batería grapa';
const mail = { publicUrl: 'https://vinculo.example', orgName: 'Línea Ciudadana' };

describeEachDb('login attempts under a race', (ctx) => {
  let n = 0;
  async function makeUser() {
    const email = `carrera${++n}-${Math.random().toString(36).slice(2, 7)}@vinculo.test`;
    const [u] = await ctx.db
      .insert(users)
      .values({ name: `Carrera ${n}`, email, role: 'operator', passwordHash: await hashPassword(PASSWORD) })
      .returning();
    return u!;
  }
  const meta = (ip: string) => ({ ip, userAgent: 'vitest' });
  beforeEach(() => {
    verifications.count = 0;
  });

  it('20 simultaneous wrong passwords for one account verify at most 5, the rest are throttled', async () => {
    const u = await makeUser();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        login(ctx.db, u.email, `equivocada número ${i}`, meta(`10.20.0.${i}`)),
      ),
    );
    expect(verifications.count).toBe(LOGIN_LIMITS.perAccount);
    expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(LOGIN_LIMITS.perAccount);
    expect(results.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(
      20 - LOGIN_LIMITS.perAccount,
    );
    // Even the right password is refused now, without being checked.
    verifications.count = 0;
    expect(await login(ctx.db, u.email, PASSWORD, meta('10.20.1.1'))).toMatchObject({ reason: 'throttled' });
    expect(verifications.count).toBe(0);
  });

  it('one IP racing 30 accounts gets exactly 20 verifications', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        login(ctx.db, `nadie${i}-${n}@vinculo.test`, 'cualquier cosa larga', meta('10.21.0.1')),
      ),
    );
    expect(verifications.count).toBe(LOGIN_LIMITS.perIp);
    expect(results.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(30 - LOGIN_LIMITS.perIp);
  });

  it('the right password still works after fewer failures, and clears the account counter', async () => {
    const u = await makeUser();
    for (let i = 0; i < LOGIN_LIMITS.perAccount - 1; i++) {
      expect(await login(ctx.db, u.email, 'mal mal mal mal', meta('10.22.0.1'))).toMatchObject({
        reason: 'invalid',
      });
    }
    const ok = await login(ctx.db, u.email, PASSWORD, meta('10.22.0.1'));
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(await validateSessionToken(ctx.db, ok.token)).not.toBeNull();
    // Cleared: a full budget of failures again before the lock.
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) {
      expect(await login(ctx.db, u.email, 'mal mal mal mal', meta('10.22.0.2'))).toMatchObject({
        reason: 'invalid',
      });
    }
    expect(await login(ctx.db, u.email, PASSWORD, meta('10.22.0.2'))).toMatchObject({ reason: 'throttled' });
  });

  it('a correct password gives the IP its reservation back', async () => {
    const u = await makeUser();
    for (let i = 0; i < LOGIN_LIMITS.perIp + 5; i++) {
      expect((await login(ctx.db, u.email, PASSWORD, meta('10.23.0.1'))).ok).toBe(true);
    }
  });

  it('changePassword: 20 simultaneous wrong current passwords verify at most 5', async () => {
    const u = await makeUser();
    const session = await login(ctx.db, u.email, PASSWORD, meta('10.24.0.1'));
    if (!session.ok) throw new Error('login failed');
    const current = (await validateSessionToken(ctx.db, session.token))!;
    verifications.count = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        changePassword(
          makeStaffContext({ db: ctx.db, user: current.user, ip: meta('10.24.0.1').ip }),
          current.session.id,
          `no es la actual ${i}`,
          'nueva frase muy segura',
        ),
      ),
    );
    expect(verifications.count).toBe(LOGIN_LIMITS.perAccount);
    const messages = results.map((r) => (r.ok ? '' : r.errors.current));
    expect(messages.filter((m) => m === 'La contraseña actual no es correcta.')).toHaveLength(
      LOGIN_LIMITS.perAccount,
    );
    expect(messages.filter((m) => m?.startsWith('Hubo demasiados intentos'))).toHaveLength(
      20 - LOGIN_LIMITS.perAccount,
    );
    // The budget is the account's: the login form is locked too, and the right current password is refused.
    expect(await login(ctx.db, u.email, PASSWORD, meta('10.24.0.2'))).toMatchObject({ reason: 'throttled' });
    expect(
      await changePassword(
        makeStaffContext({ db: ctx.db, user: current.user, ip: meta('10.24.0.1').ip }),
        current.session.id,
        PASSWORD,
        'nueva frase muy segura',
      ),
    ).toMatchObject({ ok: false });
    const throttled = await ctx.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'password.change-throttled'));
    expect(throttled.length).toBeGreaterThan(0);
  });

  it('forgot-password writes and rolls back the same rows for an unknown account', async () => {
    const u = await makeUser();
    const countOf = async (table: typeof users | typeof passwordTokens | typeof mailOutbox) =>
      (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
    const count = async () => ({
      users: await countOf(users),
      tokens: await countOf(passwordTokens),
      mails: await countOf(mailOutbox),
    });
    // Where the outbox id sequence stands: it moves when a mail row is written, even if rolled back.
    const seq = async () =>
      BigInt(
        (
          await ctx.db
            .select({
              v: sql<string>`(select last_value::text from pg_sequences where sequencename = 'mail_outbox_id_seq')`,
            })
            .from(users)
            .limit(1)
        )[0]?.v ?? '0',
      );
    const before = await count();
    const seqBefore = await seq();
    expect(
      await requestPasswordReset(ctx.db, 'no-existe-del-todo@vinculo.test', meta('10.25.0.1'), mail),
    ).toEqual({
      throttled: false,
    });
    // Nothing is left behind, but a mail row was written (the sequence moved) and rolled back.
    expect(await count()).toEqual(before);
    expect(await seq()).toBeGreaterThan(seqBefore);
    expect(await requestPasswordReset(ctx.db, u.email, meta('10.25.0.1'), mail)).toEqual({
      throttled: false,
    });
    const after = await count();
    expect(after).toEqual({ ...before, tokens: before.tokens + 1, mails: before.mails + 1 });
  });
});
