import { and, asc, eq, gt, inArray, lte, ne } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { activities, operatorBookings } from '~db/schema';
import type { Settings } from '~/lib/server/settings';
import { localDay, parseLocalDateTime } from '~/lib/time';
import { TYPE_LABELS } from './labels';
import { parseShifts } from './rules.server';

export interface CurrentShift {
  /** "08:00–14:00" */
  label: string;
  from: Date;
  to: Date;
  /** Operators who must stay on the phones in this shift (`hotlineMinOperators`). */
  minOperators: number;
}

/** The hotline shift running at `now` (local time of `zone`), with its staffing floor; null off hours. */
export function currentShift(settings: Settings, now: Date, zone: string): CurrentShift | null {
  const min = Number.parseInt(settings.hotlineMinOperators, 10);
  const day = localDay(now, zone);
  for (const shift of parseShifts(settings.hotlineShifts)) {
    const from = parseLocalDateTime(`${day}T${shift.from}`, zone);
    const to = parseLocalDateTime(`${day}T${shift.to}`, zone);
    if (!from.ok || !to.ok) continue;
    if (from.value <= now && now < to.value)
      return {
        label: `${shift.from}–${shift.to}`,
        from: from.value,
        to: to.value,
        minOperators: Number.isFinite(min) && min > 0 ? min : 0,
      };
  }
  return null;
}

/**
 * The activity each of these people is booked on right now (not cancelled): for "en campo" on
 * the floor. Title, type and place only.
 */
export async function currentActivities(db: Executor, userIds: number[], now: Date) {
  const out = new Map<number, { id: number; title: string; typeLabel: string; place: string }>();
  if (userIds.length === 0) return out;
  const rows = await db
    .select({
      operatorId: operatorBookings.operatorId,
      id: activities.id,
      title: activities.title,
      type: activities.type,
      place: activities.place,
    })
    .from(operatorBookings)
    .innerJoin(activities, eq(activities.id, operatorBookings.activityId))
    .where(
      and(
        inArray(operatorBookings.operatorId, userIds),
        ne(activities.status, 'cancelled'),
        lte(activities.startsAt, now),
        gt(activities.endsAt, now),
      ),
    )
    .orderBy(asc(activities.startsAt));
  for (const r of rows)
    if (!out.has(r.operatorId))
      out.set(r.operatorId, { id: r.id, title: r.title, typeLabel: TYPE_LABELS[r.type], place: r.place });
  return out;
}

/** One activity's title and place (the activity a person linked to "en campo"). */
export async function activitySummary(db: Executor, id: number) {
  const [row] = await db
    .select({ id: activities.id, title: activities.title, type: activities.type, place: activities.place })
    .from(activities)
    .where(eq(activities.id, id));
  return row ? { id: row.id, title: row.title, typeLabel: TYPE_LABELS[row.type], place: row.place } : null;
}
