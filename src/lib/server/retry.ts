import type { Db, Tx } from '~db/client';
import { sqlState } from './log';

/** SQLSTATEs that mean "another transaction got in the way; the same work may succeed now". */
export const RETRYABLE_SQLSTATES: ReadonlySet<string> = new Set(['40P01', '40001']);

export function isRetryable(error: unknown): boolean {
  const code = sqlState(error);
  return code !== undefined && RETRYABLE_SQLSTATES.has(code);
}

/**
 * Runs `body` in a transaction and runs it again, a bounded number of times with a short jittered
 * pause, when PostgreSQL ends it with a deadlock (40P01) or a serialization failure (40001). The
 * transaction was rolled back, so running the whole body again is safe. Anything else, and the
 * last retryable failure, is thrown to the caller.
 */
export async function transactionWithRetry<T>(
  db: Db,
  body: (tx: Tx) => Promise<T>,
  options: { attempts?: number; baseDelayMs?: number } = {},
): Promise<T> {
  const attempts = options.attempts ?? 4;
  const base = options.baseDelayMs ?? 15;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(body);
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
      const pause = base * 2 ** (attempt - 1) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
