import { eq, sql } from 'drizzle-orm';
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
    .returning();
  return { count: row!.count, resetsAt: new Date(row!.windowStart.getTime() + windowSeconds * 1000) };
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
