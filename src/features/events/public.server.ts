import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { eventRegistrations, events, municipalities } from '~db/schema';

/** Seats taken per event, as a correlated subquery (uses the (event_id, status) index). */
const takenSeats =
  sql<number>`(select coalesce(sum(r.group_size), 0)::int from ${eventRegistrations} r where r.event_id = ${events.id} and r.status = 'confirmed')`.as(
    'taken',
  );

const publicColumns = {
  id: events.id,
  slug: events.slug,
  title: events.title,
  summary: events.summary,
  description: events.description,
  titleEn: events.titleEn,
  summaryEn: events.summaryEn,
  descriptionEn: events.descriptionEn,
  place: events.place,
  address: events.address,
  municipalityId: events.municipalityId,
  municipality: municipalities.name,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  capacity: events.capacity,
  waitlistEnabled: events.waitlistEnabled,
  registrationOpensAt: events.registrationOpensAt,
  registrationClosesAt: events.registrationClosesAt,
  status: events.status,
  coverImageId: events.coverImageId,
  coverAlt: events.coverAlt,
  cancelReason: events.cancelReason,
  taken: takenSeats,
};

/** Upcoming published events, soonest first, with live seat counts. Past and draft ones are hidden. */
export async function listUpcomingEvents(db: Executor, now = new Date()) {
  return db
    .select(publicColumns)
    .from(events)
    .innerJoin(municipalities, eq(municipalities.id, events.municipalityId))
    .where(and(eq(events.status, 'published'), gt(events.endsAt, now)))
    .orderBy(asc(events.startsAt))
    .limit(100);
}

export type PublicEvent = Awaited<ReturnType<typeof listUpcomingEvents>>[number];

/** One event for its public page: published or cancelled (so old links explain), never a draft. */
export async function getPublicEvent(db: Executor, slug: string): Promise<PublicEvent | null> {
  const [row] = await db
    .select(publicColumns)
    .from(events)
    .innerJoin(municipalities, eq(municipalities.id, events.municipalityId))
    .where(and(eq(events.slug, slug), inArray(events.status, ['published', 'cancelled'])));
  return row ?? null;
}

export { listMunicipalities } from '~/lib/server/reference';

/**
 * The next instant at which these events' public pages read differently with no data change —
 * a registration window opening or closing, an event ending (it leaves the list, its page says
 * it is over) — for the page cache; undefined when nothing is due.
 */
export function nextPublicChange(
  list: readonly Pick<PublicEvent, 'registrationOpensAt' | 'registrationClosesAt' | 'endsAt'>[],
  now: Date,
): number | undefined {
  let next = Infinity;
  const t = now.getTime();
  for (const e of list)
    for (const instant of [e.registrationOpensAt, e.registrationClosesAt, e.endsAt]) {
      const ms = instant.getTime();
      if (ms > t && ms < next) next = ms;
    }
  return next === Infinity ? undefined : next;
}
