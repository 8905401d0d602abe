import { and, asc, eq, gt, lt, ne } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { activities, operatorBookings } from '~db/schema';
import { STATUS_LABELS, TYPE_LABELS } from './labels';

/**
 * The outreach activities one person was assigned to (not cancelled) that overlap a window — for
 * the daily log of a shift. Titles and labels only: nothing about the institution's contacts.
 */
export async function operatorActivitiesBetween(db: Executor, operatorId: number, from: Date, to: Date) {
  const rows = await db
    .select({
      id: activities.id,
      startsAt: activities.startsAt,
      endsAt: activities.endsAt,
      type: activities.type,
      title: activities.title,
      status: activities.status,
    })
    .from(operatorBookings)
    .innerJoin(activities, eq(activities.id, operatorBookings.activityId))
    .where(
      and(
        eq(operatorBookings.operatorId, operatorId),
        ne(activities.status, 'cancelled'),
        lt(activities.startsAt, to),
        gt(activities.endsAt, from),
      ),
    )
    .orderBy(asc(activities.startsAt));
  return rows.map((r) => ({ ...r, typeLabel: TYPE_LABELS[r.type], statusLabel: STATUS_LABELS[r.status] }));
}
