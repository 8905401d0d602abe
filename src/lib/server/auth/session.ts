import { and, eq, lt, ne, or } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { type Role, sessions, users } from '~db/schema';
import { deviceLabel } from '~/lib/device';
import { generateToken, hashToken } from '~/lib/server/tokens';

/** Idle timeout: a session unused this long ends (ASVS 7.3.1). */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** Absolute lifetime whatever the activity (ASVS 7.3.2): one working day. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** Sliding the idle deadline costs a write; do it at most once a minute per session. */
const SLIDE_EVERY_MS = 60 * 1000;

export const SESSION_COOKIE = 'vinculo_session';

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** Grants beyond the role (src/lib/policy.ts GRANTS). */
  grants?: readonly string[];
}

export interface Session {
  id: string;
  userId: number;
  expiresAt: Date;
  absoluteExpiresAt: Date;
}

export interface SessionValidation {
  session: Session;
  user: SessionUser;
}

/** Creates a session and returns the token for the cookie (only its hash is stored). */
export async function createSession(
  db: Executor,
  userId: number,
  meta: { ip?: string | null; userAgent?: string | null } = {},
  now = new Date(),
): Promise<{ token: string; session: Session }> {
  const token = generateToken();
  const session: Session = {
    id: hashToken(token),
    userId,
    expiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
    absoluteExpiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
  };
  await db.insert(sessions).values({
    ...session,
    createdAt: now,
    lastSeenAt: now,
    ip: meta.ip ?? null,
    // Only the device label the session list shows, not the whole header.
    userAgent: meta.userAgent ? deviceLabel(meta.userAgent) : null,
  });
  return { token, session };
}

/**
 * Looks the token up; returns null when unknown, expired, or the user is disabled.
 * Slides the idle deadline, never past the absolute one.
 */
export async function validateSessionToken(
  db: Executor,
  token: string,
  now = new Date(),
): Promise<SessionValidation | null> {
  const id = hashToken(token);
  const [row] = await db
    .select({
      session: sessions,
      user: {
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        active: users.active,
        grants: users.grants,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  if (!row) return null;
  const { session, user } = row;
  if (!user.active || session.expiresAt <= now || session.absoluteExpiresAt <= now) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  let expiresAt = session.expiresAt;
  if (now.getTime() - session.lastSeenAt.getTime() >= SLIDE_EVERY_MS) {
    expiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, session.absoluteExpiresAt.getTime()));
    await db.update(sessions).set({ expiresAt, lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return {
    session: { id, userId: session.userId, expiresAt, absoluteExpiresAt: session.absoluteExpiresAt },
    user: { id: user.id, email: user.email, name: user.name, role: user.role, grants: user.grants },
  };
}

export async function invalidateSession(db: Executor, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user (disabled, password changed, role changed). */
export async function invalidateUserSessions(
  db: Executor,
  userId: number,
  exceptSessionId?: string,
): Promise<void> {
  await db
    .delete(sessions)
    .where(
      exceptSessionId
        ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))
        : eq(sessions.userId, userId),
    );
}

/** Housekeeping: drops sessions past either deadline. */
export async function deleteExpiredSessions(db: Executor, now = new Date()): Promise<void> {
  await db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.absoluteExpiresAt, now)));
}

export function sessionCookieOptions(secure: boolean, expires: Date) {
  return { httpOnly: true, sameSite: 'lax' as const, secure, path: '/', expires };
}
