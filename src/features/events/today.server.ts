import { and, asc, eq, gte, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { eventRegistrations, events } from '~db/schema';

/** Published events starting from `now`, soonest first, with seats taken (confirmed people). */
export async function upcomingEventsWithSeats(db: Executor, now: Date, limit = 8) {
  return db
    .select({
      id: events.id,
      title: events.title,
      startsAt: events.startsAt,
      capacity: events.capacity,
      taken: sql<number>`(select coalesce(sum(r.group_size), 0)::int from ${eventRegistrations} r where r.event_id = ${events.id} and r.status = 'confirmed')`,
      waiting: sql<number>`(select count(*)::int from ${eventRegistrations} r where r.event_id = ${events.id} and r.status = 'waiting')`,
    })
    .from(events)
    .where(and(eq(events.status, 'published'), gte(events.endsAt, now)))
    .orderBy(asc(events.startsAt))
    .limit(limit);
}
