import { sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { folioCounters } from '~db/schema';

/**
 * Next number of a yearly folio series, atomically (one upsert; concurrent callers queue on the
 * row lock, so no two get the same number). Call it inside the transaction that creates the
 * record: a rollback then leaves a gap, never a duplicate.
 *   nextFolio(tx, 'T', 2026, 4)  → 'T-2026-0042'
 */
export async function nextFolio(db: Executor, prefix: string, year: number, digits: number): Promise<string> {
  const [row] = await db
    .insert(folioCounters)
    .values({ prefix, year, last: 1 })
    .onConflictDoUpdate({
      target: [folioCounters.prefix, folioCounters.year],
      set: { last: sql`${folioCounters.last} + 1` },
    })
    .returning({ last: folioCounters.last });
  return `${prefix}-${year}-${String(row!.last).padStart(digits, '0')}`;
}

/** The calendar year in the organisation's time zone (a folio on 31 Dec 23:30 local is that year's). */
export { localYear } from '~/lib/time';
