import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, Executor } from '~db/client';
import { passwordTokens, users } from '~db/schema';
import type { StaffContext } from '~/lib/server/context';
import { writeAudit } from '~/lib/server/audit';
import { checkPasswordPolicy, dummyVerify, hashPassword, verifyPassword } from '~/lib/server/auth/password';
import { type SessionUser, createSession, invalidateUserSessions } from '~/lib/server/auth/session';
import { sendMail } from '~/lib/server/mail/outbox';
import { renderMail } from '~/lib/server/mail/templates';
import {
  hitRateLimit,
  minutesUntil,
  releaseAttempt,
  reserveAttempt,
  resetRateLimit,
} from '~/lib/server/rate-limit';
import { generateToken, hashToken } from '~/lib/server/tokens';
import { revealedBy } from './outbox.server';

// Signing in and passwords: the login form, "forgot my password", the one-time password links
// (set and reset) and changing one's own password. Account administration is in users.server.ts.

/** Failed logins allowed per account, and per IP address, in one window. */
export const LOGIN_LIMITS = { perAccount: 5, perIp: 20, windowSeconds: 15 * 60 } as const;
const SET_PASSWORD_TTL_MS = 72 * 60 * 60 * 1000;
const RESET_PASSWORD_TTL_MS = 60 * 60 * 1000;

export interface RequestMeta {
  ip: string | null;
  userAgent?: string | null;
}

export interface MailContext {
  publicUrl: string;
  orgName: string;
}

export type LoginResult =
  | { ok: true; token: string; expiresAt: Date; user: SessionUser }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; minutes: number };

/** The one budget of password guesses per account, shared by login and the change-password form. */
const accountGuessKey = (email: string) => `login:account:${email.trim().toLowerCase()}`;

/**
 * Checks the password, with attempts counted per account and per IP in the database so every
 * instance agrees. The answer for an unknown e-mail, a disabled account and a wrong password is
 * the same, and takes the same time.
 *
 * The attempt is reserved before the password is verified (`reserveAttempt`: one statement that
 * only counts while under the limit), so parallel requests cannot all pass a check made before
 * any of them has failed: 20 simultaneous attempts against one account verify at most
 * `perAccount` passwords, and one IP gets at most `perIp` verifications per window.
 * A correct password clears the account's counter (only the owner can do that; the budget is
 * against guessing) and gives its IP reservation back (the per-IP limit counts failures, so an
 * office behind one address can keep signing in).
 */
export async function login(
  db: Db,
  typedEmail: string,
  password: string,
  meta: RequestMeta,
): Promise<LoginResult> {
  const email = typedEmail.trim().toLowerCase();
  const accountKey = accountGuessKey(email);
  const ipKey = `login:ip:${meta.ip ?? 'unknown'}`;
  const throttled = async (until: Date): Promise<LoginResult> => {
    await writeAudit(db, { actorLabel: email, action: 'login.throttled', ip: meta.ip });
    return { ok: false, reason: 'throttled', minutes: minutesUntil(until) };
  };
  const ip = await reserveAttempt(db, ipKey, LOGIN_LIMITS.perIp, LOGIN_LIMITS.windowSeconds);
  if (!ip.reserved) return throttled(ip.resetsAt);
  const account = await reserveAttempt(db, accountKey, LOGIN_LIMITS.perAccount, LOGIN_LIMITS.windowSeconds);
  if (!account.reserved) {
    // Nothing was verified: knocking on a locked account does not use up the address's budget.
    await releaseAttempt(db, ipKey, ip);
    return throttled(account.resetsAt);
  }

  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email));
  const valid =
    user && user.passwordHash
      ? await verifyPassword(user.passwordHash, password)
      : await dummyVerify(password);
  if (!user || !user.active || !valid) {
    // The reservations taken above are the failure being counted.
    await writeAudit(db, {
      actorUserId: user?.id ?? null,
      actorLabel: email,
      action: 'login.failure',
      ip: meta.ip,
      details: { reason: !user ? 'unknown' : !user.active ? 'disabled' : 'password' },
    });
    return { ok: false, reason: 'invalid' };
  }

  await resetRateLimit(db, accountKey);
  await releaseAttempt(db, ipKey, ip);
  const { token, session } = await createSession(db, user.id, meta);
  await writeAudit(db, {
    actorUserId: user.id,
    action: 'login.success',
    entity: 'user',
    entityId: user.id,
    ip: meta.ip,
  });
  return {
    ok: true,
    token,
    expiresAt: session.expiresAt,
    user: { id: user.id, email: user.email, name: user.name, role: user.role },
  };
}

/** A one-time password link for the account (replacing any unused one); the token to put in the URL. */
export async function issuePasswordToken(
  db: Executor,
  userId: number,
  purpose: 'set' | 'reset',
): Promise<string> {
  const token = generateToken(24);
  const ttl = purpose === 'set' ? SET_PASSWORD_TTL_MS : RESET_PASSWORD_TTL_MS;
  // A new link replaces any earlier unused one.
  await db
    .delete(passwordTokens)
    .where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt)));
  await db
    .insert(passwordTokens)
    .values({ id: hashToken(token), userId, purpose, expiresAt: new Date(Date.now() + ttl) });
  return token;
}

/** Thrown to roll back the stand-in work done for an unknown e-mail. */
class DecoyRollback extends Error {}

export const FORGOT_LIMITS = { perIp: 10, perAccount: 3, windowSeconds: 60 * 60 } as const;

/**
 * "Forgot my password": always answers the same (so it does not reveal who has an account);
 * e-mails a one-hour link when the account exists and is active, at most a few per hour.
 */
export async function requestPasswordReset(
  db: Db,
  email: string,
  meta: RequestMeta,
  mail: MailContext,
): Promise<{ throttled: boolean }> {
  const ip = await hitRateLimit(db, `forgot:ip:${meta.ip ?? 'unknown'}`, FORGOT_LIMITS.windowSeconds);
  if (ip.count > FORGOT_LIMITS.perIp) return { throttled: true };
  const account = await hitRateLimit(db, `forgot:account:${email}`, FORGOT_LIMITS.windowSeconds);
  if (account.count > FORGOT_LIMITS.perAccount) return { throttled: false };
  try {
    await db.transaction(async (tx) => {
      const [found] = await tx
        .select()
        .from(users)
        .where(and(eq(sql`lower(${users.email})`, email), eq(users.active, true)));
      // Unknown and known accounts do the same work, so the time to answer says nothing: for an
      // unknown one a stand-in account is written, given a link, a mail and an audit entry, and
      // the whole transaction is rolled back.
      const user =
        found ??
        (
          await tx
            .insert(users)
            .values({
              name: 'Persona',
              email: `decoy-${generateToken(8)}@invalid`,
              role: 'operator',
              active: false,
            })
            .returning()
        )[0]!;
      const token = await issuePasswordToken(tx, user.id, 'reset');
      await sendMail(tx, {
        to: user.email,
        template: 'account.reset-password',
        ...renderMail(
          {
            subject: 'Cambia tu contraseña',
            greeting: `Hola, ${user.name.split(' ')[0]}:`,
            paragraphs: [
              'Alguien (esperamos que tú) pidió cambiar la contraseña de tu cuenta. El enlace funciona una sola vez y vence en una hora.',
            ],
            action: { label: 'Cambiar mi contraseña', url: `${mail.publicUrl}/contrasena/${token}` },
            after: ['Si no lo pediste, ignora este correo: tu contraseña sigue igual.'],
          },
          { name: mail.orgName },
        ),
      });
      await writeAudit(tx, {
        actorUserId: user.id,
        action: 'password.reset-requested',
        entity: 'user',
        entityId: user.id,
        ip: meta.ip,
      });
      if (!found) throw new DecoyRollback();
    });
  } catch (error) {
    if (!(error instanceof DecoyRollback)) throw error;
  }
  return { throttled: false };
}

/** Who a password link belongs to, if it is still valid (for the page that shows the form). */
export async function findPasswordToken(db: Executor, token: string) {
  const [row] = await db
    .select({ userId: users.id, name: users.name, email: users.email, purpose: passwordTokens.purpose })
    .from(passwordTokens)
    .innerJoin(users, eq(users.id, passwordTokens.userId))
    .where(
      and(
        eq(passwordTokens.id, hashToken(token)),
        isNull(passwordTokens.usedAt),
        gt(passwordTokens.expiresAt, new Date()),
        eq(users.active, true),
      ),
    );
  return row ?? null;
}

export type SetPasswordResult =
  { ok: true; email: string } | { ok: false; errors: Record<string, string>; expired?: boolean };

/** Uses a one-time link: sets the password, burns the link, ends every session of the account. */
export async function setPasswordWithToken(
  db: Db,
  token: string,
  password: string,
  meta: RequestMeta,
): Promise<SetPasswordResult> {
  const found = await findPasswordToken(db, token);
  if (!found) return { ok: false, errors: {}, expired: true };
  const policy = checkPasswordPolicy(password, { email: found.email });
  if (policy) return { ok: false, errors: { password: policy } };
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const burned = await tx
      .update(passwordTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordTokens.id, hashToken(token)), isNull(passwordTokens.usedAt)))
      .returning({ id: passwordTokens.id });
    if (burned.length === 0) return { ok: false, errors: {}, expired: true };
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() })
      .where(eq(users.id, found.userId));
    await invalidateUserSessions(tx, found.userId);
    await resetRateLimit(tx, `login:account:${found.email.toLowerCase()}`);
    // The account owner is the actor; if an admin had revealed this link in the outbox
    // reader, the entry says so (issue 12 #9): whoever used it may not be the owner.
    const revealer = await revealedBy(tx, token);
    await writeAudit(tx, {
      actorUserId: found.userId,
      action: found.purpose === 'set' ? 'password.set' : 'password.reset',
      entity: 'user',
      entityId: found.userId,
      ip: meta.ip,
      ...(revealer ? { details: { linkRevealedBy: revealer.id, linkRevealedByName: revealer.name } } : {}),
    });
    return { ok: true, email: found.email };
  });
}

export type ChangePasswordResult = { ok: true } | { ok: false; errors: Record<string, string> };

/** Changes the password of the signed-in user and ends their other sessions. */
export async function changePassword(
  ctx: StaffContext<SessionUser>,
  sessionId: string,
  current: string,
  next: string,
): Promise<ChangePasswordResult> {
  const db = ctx.db;
  const user = ctx.user;
  const meta = { ip: ctx.ip };
  // The same per-account budget as the login form, reserved before verifying: a stolen session
  // cannot be used to guess the password faster than the login form allows.
  const guessKey = accountGuessKey(user.email);
  const reservation = await reserveAttempt(db, guessKey, LOGIN_LIMITS.perAccount, LOGIN_LIMITS.windowSeconds);
  if (!reservation.reserved) {
    await writeAudit(db, {
      actorUserId: user.id,
      action: 'password.change-throttled',
      entity: 'user',
      entityId: user.id,
      ip: meta.ip,
    });
    const minutes = minutesUntil(reservation.resetsAt);
    return {
      ok: false,
      errors: {
        current: `Hubo demasiados intentos con una contraseña incorrecta. Espera ${minutes} ${minutes === 1 ? 'minuto' : 'minutos'} y vuelve a intentarlo.`,
      },
    };
  }
  const [row] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, user.id));
  if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, current))) {
    return { ok: false, errors: { current: 'La contraseña actual no es correcta.' } };
  }
  await resetRateLimit(db, guessKey);
  const policy = checkPasswordPolicy(next, { email: user.email });
  if (policy) return { ok: false, errors: { password: policy } };
  if (current === next)
    return { ok: false, errors: { password: 'La nueva contraseña debe ser distinta de la actual.' } };
  const passwordHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() })
      .where(eq(users.id, user.id));
    await invalidateUserSessions(tx, user.id, sessionId);
    await writeAudit(tx, {
      actorUserId: user.id,
      action: 'password.change',
      entity: 'user',
      entityId: user.id,
      ip: meta.ip,
    });
  });
  return { ok: true };
}
