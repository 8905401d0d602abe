import { makeStaffContext } from '~/lib/server/context';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, mailOutbox, sessions, users } from '~db/schema';
import {
  LOGIN_LIMITS,
  changePassword,
  login,
  requestPasswordReset,
  setPasswordWithToken,
} from '~/features/accounts/sign-in.server';
import { createUser, type UpdateUserResult, updateUser } from '~/features/accounts/users.server';
import { hashPassword } from '~/lib/server/auth/password';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, validateSessionToken } from '~/lib/server/auth/session';
import { DB_KINDS, type TestDatabase, createTestDatabase, describeEachDb } from '../helpers/db';

const mail = { publicUrl: 'https://vinculo.example', orgName: 'Línea Ciudadana' };
const PASSWORD = 'caballo correcto batería grapa';

describeEachDb('accounts', (ctx) => {
  let n = 0;
  async function makeUser(role: 'admin' | 'supervisor' | 'operator' | 'comms' = 'operator', active = true) {
    const email = `persona${++n}-${Math.random().toString(36).slice(2, 7)}@vinculo.test`;
    const [u] = await ctx.db
      .insert(users)
      .values({ name: `Persona ${n}`, email, role, active, passwordHash: await hashPassword(PASSWORD) })
      .returning();
    return { id: u!.id, email, name: u!.name, role };
  }
  const meta = (ip = '10.0.0.1') => ({ ip, userAgent: 'vitest' });
  const linkFrom = (text: string) => /\/contrasena\/([a-z0-9]+)/.exec(text)![1]!;

  it('logs in with the right password and returns a session that validates', async () => {
    const u = await makeUser();
    const result = await login(ctx.db, u.email, PASSWORD, meta());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const validated = await validateSessionToken(ctx.db, result.token);
    expect(validated?.user.email).toBe(u.email);
    // Only the hash of the token is stored.
    const stored = await ctx.db.select().from(sessions).where(eq(sessions.userId, u.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id).not.toBe(result.token);
    expect(stored[0]!.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same answer for a wrong password, an unknown e-mail and a disabled account', async () => {
    const u = await makeUser();
    const off = await makeUser('operator', false);
    expect(await login(ctx.db, u.email, 'otra contraseña distinta', meta('10.0.1.1'))).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await login(ctx.db, 'nadie@vinculo.test', PASSWORD, meta('10.0.1.2'))).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await login(ctx.db, off.email, PASSWORD, meta('10.0.1.3'))).toEqual({
      ok: false,
      reason: 'invalid',
    });
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'login.failure'));
    expect(audit.map((a) => a.actorLabel)).toEqual(
      expect.arrayContaining([u.email, 'nadie@vinculo.test', off.email]),
    );
  });

  it('throttles an account after repeated failures, even with the right password, from any IP', async () => {
    const u = await makeUser();
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) {
      expect(await login(ctx.db, u.email, 'mal mal mal mal', meta(`10.1.0.${i}`))).toEqual({
        ok: false,
        reason: 'invalid',
      });
    }
    const blocked = await login(ctx.db, u.email, PASSWORD, meta('10.1.1.1'));
    expect(blocked).toMatchObject({ ok: false, reason: 'throttled' });
    if (!blocked.ok && blocked.reason === 'throttled') expect(blocked.minutes).toBeGreaterThanOrEqual(1);
  });

  it('throttles an IP that tries many accounts', async () => {
    const target = await makeUser();
    for (let i = 0; i < LOGIN_LIMITS.perIp; i++) {
      await login(ctx.db, `desconocida${i}@vinculo.test`, 'cualquier cosa larga', meta('10.2.0.1'));
    }
    expect(await login(ctx.db, target.email, PASSWORD, meta('10.2.0.1'))).toMatchObject({
      reason: 'throttled',
    });
    // Another address is not affected.
    expect((await login(ctx.db, target.email, PASSWORD, meta('10.2.0.2'))).ok).toBe(true);
  });

  it('ends a session after the idle timeout and after the absolute lifetime', async () => {
    const u = await makeUser();
    const r = await login(ctx.db, u.email, PASSWORD, meta('10.3.0.1'));
    if (!r.ok) throw new Error('login failed');
    const start = Date.now();
    // Active every 20 minutes: slides past the first idle deadline…
    for (let minutes = 20; minutes <= 100; minutes += 20) {
      expect(await validateSessionToken(ctx.db, r.token, new Date(start + minutes * 60_000))).not.toBeNull();
    }
    // …then idle for longer than the timeout: gone.
    expect(
      await validateSessionToken(ctx.db, r.token, new Date(start + 100 * 60_000 + SESSION_IDLE_MS + 1000)),
    ).toBeNull();

    const r2 = await login(ctx.db, u.email, PASSWORD, meta('10.3.0.1'));
    if (!r2.ok) throw new Error('login failed');
    let t = Date.now();
    while (t < start + SESSION_ABSOLUTE_MS - 20 * 60_000) {
      t += 20 * 60_000;
      await validateSessionToken(ctx.db, r2.token, new Date(t));
    }
    expect(
      await validateSessionToken(ctx.db, r2.token, new Date(start + SESSION_ABSOLUTE_MS + 60_000)),
    ).toBeNull();
  });

  it('creates a user without a password and queues a set-password e-mail whose link works once', async () => {
    const admin = await makeUser('admin');
    const email = `nueva${Date.now()}@vinculo.test`;
    const created = await createUser(
      makeStaffContext({ db: ctx.db, user: admin, ip: meta().ip, publicUrl: mail.publicUrl }),
      { name: 'Rosa Elena Marín', email, role: 'operator' },
    );
    expect(created.ok).toBe(true);
    const [message] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email));
    expect(message?.subject).toContain('Tu cuenta');
    expect(message?.text).toContain('https://vinculo.example/contrasena/');
    expect(message?.html).toContain('Elegir mi contraseña');
    const token = linkFrom(message!.text);

    expect(await setPasswordWithToken(ctx.db, token, 'corta', meta())).toMatchObject({
      ok: false,
      errors: { password: expect.stringContaining('12') },
    });
    expect(await setPasswordWithToken(ctx.db, token, 'password1234', meta())).toMatchObject({
      ok: false,
      errors: { password: expect.stringContaining('común') },
    });
    expect(await setPasswordWithToken(ctx.db, token, 'una frase larga y mía', meta())).toMatchObject({
      ok: true,
    });
    expect(await setPasswordWithToken(ctx.db, token, 'otra frase larga y mía', meta())).toMatchObject({
      ok: false,
      expired: true,
    });
    expect((await login(ctx.db, email, 'una frase larga y mía', meta('10.4.0.1'))).ok).toBe(true);

    const again = await createUser(
      makeStaffContext({ db: ctx.db, user: admin, ip: meta().ip, publicUrl: mail.publicUrl }),
      { name: 'Otra', email: email.toUpperCase(), role: 'comms' },
    );
    expect(again).toEqual({ ok: false, errors: { email: 'Ya existe una cuenta con ese correo.' } });
  });

  it('disabling a user or changing the role ends their sessions; the last admin cannot be removed', async () => {
    const admin = await makeUser('admin');
    const u = await makeUser('operator');
    const r = await login(ctx.db, u.email, PASSWORD, meta('10.5.0.1'));
    if (!r.ok) throw new Error('login failed');
    expect(
      await updateUser(makeStaffContext({ db: ctx.db, user: admin, ip: meta().ip }), {
        id: u.id,
        name: u.name,
        role: 'supervisor',
        active: true,
      }),
    ).toEqual({ ok: true });
    expect(await validateSessionToken(ctx.db, r.token)).toBeNull();

    const r2 = await login(ctx.db, u.email, PASSWORD, meta('10.5.0.1'));
    if (!r2.ok) throw new Error('login failed');
    expect(
      await updateUser(makeStaffContext({ db: ctx.db, user: admin, ip: meta().ip }), {
        id: u.id,
        name: u.name,
        role: 'supervisor',
        active: false,
      }),
    ).toEqual({ ok: true });
    expect(await validateSessionToken(ctx.db, r2.token)).toBeNull();
    expect(await login(ctx.db, u.email, PASSWORD, meta('10.5.0.2'))).toEqual({
      ok: false,
      reason: 'invalid',
    });

    const roleAudit = await ctx.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(u.id)));
    expect(roleAudit.map((a) => a.action)).toEqual(expect.arrayContaining(['user.role', 'user.disable']));

    // An admin cannot demote themselves.
    const self = await updateUser(makeStaffContext({ db: ctx.db, user: admin, ip: meta().ip }), {
      id: admin.id,
      name: admin.name,
      role: 'operator',
      active: true,
    });
    expect(self).toEqual({
      ok: false,
      errors: { role: 'No puedes quitarte a ti mismo el rol de administración ni desactivar tu cuenta.' },
    });
  });

  it('refuses to demote or disable the last active admin', async () => {
    // Only two active admins in this database from here on.
    await ctx.db.update(users).set({ active: false }).where(eq(users.role, 'admin'));
    const a = await makeUser('admin');
    const b = await makeUser('admin');
    expect(
      await updateUser(makeStaffContext({ db: ctx.db, user: a, ip: meta().ip }), {
        id: b.id,
        name: b.name,
        role: 'supervisor',
        active: true,
      }),
    ).toEqual({ ok: true });
    const lastAdmin = {
      ok: false,
      errors: { role: 'Debe quedar al menos una cuenta activa de administración.' },
    };
    // a is now the last one. Only a request that raced b's demotion can still ask (the check does
    // not trust the actor's role, which the action guard already checked when the request began).
    expect(
      await updateUser(makeStaffContext({ db: ctx.db, user: b, ip: meta().ip }), {
        id: a.id,
        name: a.name,
        role: 'operator',
        active: true,
      }),
    ).toEqual(lastAdmin);
    expect(
      await updateUser(makeStaffContext({ db: ctx.db, user: b, ip: meta().ip }), {
        id: a.id,
        name: a.name,
        role: 'admin',
        active: false,
      }),
    ).toEqual(lastAdmin);
    const [still] = await ctx.db.select().from(users).where(eq(users.id, a.id));
    expect(still).toMatchObject({ role: 'admin', active: true });
  });

  it('changing the password ends the other sessions but keeps the current one', async () => {
    const u = await makeUser();
    const a = await login(ctx.db, u.email, PASSWORD, meta('10.6.0.1'));
    const b = await login(ctx.db, u.email, PASSWORD, meta('10.6.0.2'));
    if (!a.ok || !b.ok) throw new Error('login failed');
    const current = (await validateSessionToken(ctx.db, a.token))!;
    expect(
      await changePassword(
        makeStaffContext({ db: ctx.db, user: current.user, ip: meta().ip }),
        current.session.id,
        'incorrecta de verdad',
        'nueva frase muy segura',
      ),
    ).toMatchObject({ ok: false, errors: { current: expect.any(String) } });
    expect(
      await changePassword(
        makeStaffContext({ db: ctx.db, user: current.user, ip: meta().ip }),
        current.session.id,
        PASSWORD,
        'nueva frase muy segura',
      ),
    ).toEqual({ ok: true });
    expect(await validateSessionToken(ctx.db, a.token)).not.toBeNull();
    expect(await validateSessionToken(ctx.db, b.token)).toBeNull();
  });

  it('a forgotten-password request mails only existing accounts and answers the same either way', async () => {
    const u = await makeUser();
    const before = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(mailOutbox);
    expect(await requestPasswordReset(ctx.db, u.email, meta('10.7.0.1'), mail)).toEqual({ throttled: false });
    expect(await requestPasswordReset(ctx.db, 'no-existe@vinculo.test', meta('10.7.0.1'), mail)).toEqual({
      throttled: false,
    });
    const after = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(mailOutbox);
    expect(after[0]!.n - before[0]!.n).toBe(1);
    const [reset] = await ctx.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.template, 'account.reset-password'));
    expect(reset!.toAddress).toBe(u.email);
  });

  it('keeps the audit log append-only', async () => {
    await expect(ctx.db.update(auditLog).set({ action: 'borrado' })).rejects.toThrow();
    await expect(ctx.db.delete(auditLog)).rejects.toThrow();
  });
});

/**
 * Two admins, the only two, demote each other at the same moment. Both updates are held at their
 * first statement by a transaction that locks both rows, then released together, so each checks
 * "is there another admin?" while the other's change is still uncommitted.
 */
async function demoteEachOther(database: TestDatabase, round: number, steps: typeof updateUser = updateUser) {
  const db = database.db;
  await db.update(users).set({ active: false }).where(eq(users.role, 'admin'));
  const [a, b] = await db
    .insert(users)
    .values([
      { name: `Admin A${round}`, email: `carrera-a${round}@vinculo.test`, role: 'admin' },
      { name: `Admin B${round}`, email: `carrera-b${round}@vinculo.test`, role: 'admin' },
    ])
    .returning();
  const actor = (u: typeof a) => ({ id: u!.id, name: u!.name, email: u!.email, role: 'admin' as const });
  let racing!: Promise<UpdateUserResult[]>;
  await db.transaction(async (tx) => {
    await tx
      .select({ id: users.id })
      .from(users)
      .where(inArray(users.id, [a!.id, b!.id]))
      .for('update');
    racing = Promise.all([
      steps(makeStaffContext({ db, user: actor(a) }), {
        id: b!.id,
        name: b!.name,
        role: 'operator',
        active: true,
      }),
      steps(makeStaffContext({ db, user: actor(b) }), {
        id: a!.id,
        name: a!.name,
        role: 'operator',
        active: true,
      }),
    ]);
    await new Promise((r) => setTimeout(r, 150));
  });
  const results = await racing;
  const [{ admins }] = (await db
    .select({ admins: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true)))) as [{ admins: number }];
  return { results, admins };
}

/**
 * updateUser's steps for a demotion without the lock: lock the target row, count, write. Both
 * wait for each other between counting and writing, which the real race only sometimes does.
 */
function withoutLock(): typeof updateUser {
  let counted = 0;
  let bothCounted!: () => void;
  const barrier = new Promise<void>((r) => (bothCounted = r));
  return ({ db }, input) =>
    db.transaction(async (tx) => {
      const [user] = await tx.select().from(users).where(eq(users.id, input.id)).for('update');
      const [{ count }] = (await tx
        .select({ count: sql<number>`count(*)::int` })
        .from(users)
        .where(and(eq(users.role, 'admin'), eq(users.active, true)))) as [{ count: number }];
      if (++counted === 2) bothCounted();
      await barrier;
      if (count <= 1)
        return { ok: false, errors: { role: 'Debe quedar al menos una cuenta activa de administración.' } };
      await tx.update(users).set({ role: input.role }).where(eq(users.id, user!.id));
      return { ok: true };
    });
}

// Real concurrency needs real connections: PostgreSQL only (PGlite runs one transaction at a time).
describe.skipIf(!DB_KINDS.includes('postgres'))(
  'the last admin under concurrent demotions [postgres]',
  () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase('postgres', { max: 10 });
    });
    afterAll(async () => {
      await database?.destroy();
    });

    it('exactly one of two simultaneous demotions succeeds; an admin always remains', async () => {
      for (let round = 0; round < 4; round++) {
        const { results, admins } = await demoteEachOther(database, round);
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(results.filter((r) => !r.ok)).toEqual([
          { ok: false, errors: { role: 'Debe quedar al menos una cuenta activa de administración.' } },
        ]);
        expect(admins).toBe(1);
      }
    });

    it('control: the same race without the lock leaves no admin at all', async () => {
      const { results, admins } = await demoteEachOther(database, 100, withoutLock());
      expect(results.filter((r) => r.ok)).toHaveLength(2);
      expect(admins).toBe(0);
    });
  },
);

describeEachDb('housekeeping', (ctx) => {
  it('removes expired sessions and spent links but keeps live ones', async () => {
    const { runHousekeeping } = await import('~/server/jobs');
    const { createSession } = await import('~/lib/server/auth/session');
    const [u] = await ctx.db
      .insert(users)
      .values({ name: 'Limpieza', email: 'limpieza@vinculo.test', role: 'operator' })
      .returning();
    const old = await createSession(ctx.db, u!.id, {}, new Date(Date.now() - 13 * 3600_000));
    const live = await createSession(ctx.db, u!.id, {});
    await runHousekeeping(ctx.db);
    const left = await ctx.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, u!.id));
    expect(left.map((s) => s.id)).toEqual([live.session.id]);
    expect(old.session.id).not.toBe(live.session.id);
  });
});
