import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { operatorBookings } from '~db/schema';
import type { Settings } from '~/lib/server/settings';
import { compareNames } from '~/lib/sort';
import { localDay, startOfDay } from '~/lib/time';
import { coverageShortfalls } from './rules.server';

export interface Person {
  id: number;
  name: string;
  role: string;
}
export interface FreePerson extends Person {
  /** Activities booked for this person in the current month (organisation's calendar). */
  load: number;
}
export interface WindowAvailability {
  start: Date;
  end: Date;
  /** Free people, least loaded first (then by name, in Spanish order). */
  free: FreePerson[];
}

/** The first day of the month after `day` (YYYY-MM-DD → YYYY-MM-01). */
function nextMonth(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** Activities per person in the month of `now`, in `zone`. */
async function monthLoad(db: Executor, ids: number[], now: Date, zone: string) {
  if (ids.length === 0) return new Map<number, number>();
  const first = `${localDay(now, zone).slice(0, 8)}01`;
  const rows = await db
    .select({ id: operatorBookings.operatorId, n: sql<number>`count(*)::int` })
    .from(operatorBookings)
    .where(
      and(
        inArray(operatorBookings.operatorId, ids),
        eq(operatorBookings.kind, 'activity'),
        eq(operatorBookings.active, true),
        gte(operatorBookings.startsAt, startOfDay(first, zone)),
        lt(operatorBookings.startsAt, startOfDay(nextMonth(first), zone)),
      ),
    )
    .groupBy(operatorBookings.operatorId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

/**
 * For each proposed slot, who is free: no booking (activity or time off) overlapping it, and not
 * needed for the hotline floor (taking them would leave a shift below its minimum). Each list is
 * sorted by this month's load, so the first free person is the one to suggest.
 */
export async function freePeopleForSlots(
  db: Executor,
  settings: Settings,
  zone: string,
  people: readonly Person[],
  slots: readonly { start: Date; end: Date }[],
  now: Date,
): Promise<WindowAvailability[]> {
  const load = await monthLoad(
    db,
    people.map((p) => p.id),
    now,
    zone,
  );
  const out: WindowAvailability[] = [];
  for (const slot of slots) {
    const busyRows = people.length
      ? await db
          .selectDistinct({ id: operatorBookings.operatorId })
          .from(operatorBookings)
          .where(
            and(
              eq(operatorBookings.active, true),
              inArray(
                operatorBookings.operatorId,
                people.map((p) => p.id),
              ),
              sql`tstzrange(${operatorBookings.startsAt}, ${operatorBookings.endsAt}, '[)') && tstzrange(${slot.start.toISOString()}::timestamptz, ${slot.end.toISOString()}::timestamptz, '[)')`,
            ),
          )
      : [];
    const busy = new Set(busyRows.map((r) => r.id));
    const free: FreePerson[] = [];
    for (const p of people) {
      if (busy.has(p.id)) continue;
      // Supervisors are not counted on the floor; an operator is free only if the line keeps its cover.
      if (p.role === 'operator') {
        const short = await coverageShortfalls(db, settings, zone, slot.start, slot.end, [p.id]);
        if (short.length) continue;
      }
      free.push({ ...p, load: load.get(p.id) ?? 0 });
    }
    free.sort((a, b) => a.load - b.load || compareNames(a.name, b.name));
    out.push({ start: slot.start, end: slot.end, free });
  }
  return out;
}

/** The slot to open the form on and who to pre-select: the first slot with someone free. */
export function suggestion(
  windows: readonly WindowAvailability[],
): { index: number; personId: number } | null {
  for (const [index, w] of windows.entries()) {
    const person = w.free.find((p) => p.role === 'operator') ?? w.free[0];
    if (person) return { index, personId: person.id };
  }
  return null;
}
