import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { rateLimits } from '~db/schema';

export interface RateLimitState {
  count: number;
  /** When the current window ends. */
  resetsAt: Date;
}

/**
 * Counts one hit against `key` in a fixed window, atomically (one upsert), so every instance
 * sharing the database sees the same count.
 */
export async function hitRateLimit(
  db: Executor,
  key: string,
  windowSeconds: number,
): Promise<RateLimitState> {
  const window = sql`make_interval(secs => ${windowSeconds})`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: sql`now()`, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${rateLimits.windowStart} + ${window} <= now() THEN 1 ELSE ${rateLimits.count} + 1 END`,
        windowStart: sql`CASE WHEN ${rateLimits.windowStart} + ${window} <= now() THEN now() ELSE ${rateLimits.windowStart} END`,
      },
    })
    .returning()
    // Named: every request of a limited form runs it, so it is parsed and planned once per connection.
    .prepare('rate_limit_hit')
    .execute();
  return { count: row!.count, resetsAt: new Date(row!.windowStart.getTime() + windowSeconds * 1000) };
}

export type Reservation =
  | { reserved: true; count: number; windowStart: Date; resetsAt: Date }
  | { reserved: false; count: number; resetsAt: Date };

/**
 * Takes one of `limit` attempts for `key` in a fixed window, before the attempt is made, in one
 * statement: an upsert whose update only happens while the count is under the limit. PostgreSQL
 * re-checks the condition on the locked, latest row, so however many requests race, at most
 * `limit` get `reserved: true` per window (PGlite runs statements one at a time, same result).
 * A refused reservation does not add to the count.
 */
export async function reserveAttempt(
  db: Executor,
  key: string,
  limit: number,
  windowSeconds: number,
): Promise<Reservation> {
  const window = sql`make_interval(secs => ${windowSeconds})`;
  const expired = sql`${rateLimits.windowStart} + ${window} <= now()`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: sql`now()`, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${expired} THEN 1 ELSE ${rateLimits.count} + 1 END`,
        windowStart: sql`CASE WHEN ${expired} THEN now() ELSE ${rateLimits.windowStart} END`,
      },
      setWhere: sql`${expired} OR ${rateLimits.count} < ${limit}`,
    })
    .returning()
    .prepare('rate_limit_reserve')
    .execute();
  if (row) {
    const resetsAt = new Date(row.windowStart.getTime() + windowSeconds * 1000);
    return { reserved: true, count: row.count, windowStart: row.windowStart, resetsAt };
  }
  const state = await peekRateLimit(db, key, windowSeconds);
  return { reserved: false, count: state.count, resetsAt: state.resetsAt };
}

/**
 * Gives back a reservation (an attempt that turned out not to count, e.g. a correct password
 * against the per-IP budget of failures). Only within the same window: a new window has
 * already started from zero.
 */
export async function releaseAttempt(db: Executor, key: string, reservation: Reservation): Promise<void> {
  if (!reservation.reserved) return;
  await db
    .update(rateLimits)
    .set({ count: sql`greatest(${rateLimits.count} - 1, 0)` })
    .where(
      and(
        eq(rateLimits.key, key),
        // The database keeps microseconds, a Date only milliseconds.
        sql`abs(extract(epoch from ${rateLimits.windowStart} - ${reservation.windowStart.toISOString()}::timestamptz)) < 0.001`,
      ),
    );
}

/** The current count for `key` without adding to it (0 when the window has passed). */
export async function peekRateLimit(
  db: Executor,
  key: string,
  windowSeconds: number,
): Promise<RateLimitState> {
  const [row] = await db
    .select({
      count: rateLimits.count,
      windowStart: rateLimits.windowStart,
      live: sql<boolean>`${rateLimits.windowStart} + make_interval(secs => ${windowSeconds}) > now()`,
    })
    .from(rateLimits)
    .where(eq(rateLimits.key, key));
  if (!row || !row.live) return { count: 0, resetsAt: new Date() };
  return { count: row.count, resetsAt: new Date(row.windowStart.getTime() + windowSeconds * 1000) };
}

export async function resetRateLimit(db: Executor, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}

/** "en 7 minutos" / "en 1 minuto", for messages that say when to try again. */
export function minutesUntil(date: Date, now = new Date()): number {
  return Math.max(1, Math.ceil((date.getTime() - now.getTime()) / 60000));
}
