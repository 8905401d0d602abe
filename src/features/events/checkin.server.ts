import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db, Executor } from '~db/client';
import { eventCheckins, eventRegistrations, events } from '~db/schema';
import type { CheckinTap } from './schemas';

export interface CheckinEntry {
  id: number;
  name: string;
  institutionName: string;
  groupSize: number;
  status: 'confirmed' | 'waiting';
  attended: boolean;
}

export interface CheckinState {
  headcount: number;
  walkIns: number;
  expected: number;
}

/** People attended so far: checked-in registrations (their whole group) plus walk-ins. */
export async function checkinState(db: Executor, eventId: number): Promise<CheckinState> {
  const [row] = await db
    .select({
      registered: sql<number>`(select coalesce(sum(r.attended_count), 0)::int from ${eventRegistrations} r where r.event_id = ${eventId} and r.attended_at is not null)`,
      walkIns: sql<number>`(select coalesce(sum(c.count), 0)::int from ${eventCheckins} c where c.event_id = ${eventId} and c.kind = 'walk_in')`,
      expected: sql<number>`(select coalesce(sum(r.group_size), 0)::int from ${eventRegistrations} r where r.event_id = ${eventId} and r.status = 'confirmed')`,
    })
    .from(events)
    .where(eq(events.id, eventId));
  return {
    headcount: (row?.registered ?? 0) + (row?.walkIns ?? 0),
    walkIns: row?.walkIns ?? 0,
    expected: row?.expected ?? 0,
  };
}

/** The list the check-in screen loads: everyone not cancelled, by name. */
export async function checkinList(db: Executor, eventId: number): Promise<CheckinEntry[]> {
  const rows = await db
    .select({
      id: eventRegistrations.id,
      name: eventRegistrations.name,
      institutionName: eventRegistrations.institutionName,
      groupSize: eventRegistrations.groupSize,
      status: eventRegistrations.status,
      attendedAt: eventRegistrations.attendedAt,
    })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), ne(eventRegistrations.status, 'cancelled')))
    .orderBy(asc(eventRegistrations.name), asc(eventRegistrations.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    institutionName: r.institutionName,
    groupSize: r.groupSize,
    status: r.status as 'confirmed' | 'waiting',
    attended: r.attendedAt !== null,
  }));
}

export type TapResult =
  { ok: true; duplicate: boolean; state: CheckinState } | { ok: false; error: string; status: number };

/**
 * Applies one tap from the check-in screen. The phone's id for the tap is the primary key of
 * event_checkins: the first arrival applies it, any retry (lost answer, flaky network, a queue
 * replayed after being offline) finds the row and changes nothing.
 */
export async function recordTap(
  db: Db,
  eventId: number,
  tap: CheckinTap,
  actorId: number,
  now = new Date(),
): Promise<TapResult> {
  return db.transaction(async (tx) => {
    const [event] = await tx.select({ status: events.status }).from(events).where(eq(events.id, eventId));
    if (!event) return { ok: false, error: 'Ese evento no existe.', status: 404 } as const;
    if (event.status !== 'published')
      return { ok: false, error: 'El evento no está publicado.', status: 409 } as const;
    const tappedAt = tap.tappedAt ? new Date(tap.tappedAt) : now;
    if (tap.kind !== 'walk_in') {
      // Checked before the tap is recorded, so a refused tap does not burn its id.
      const [reg] = await tx
        .select({ id: eventRegistrations.id })
        .from(eventRegistrations)
        .where(
          and(
            eq(eventRegistrations.id, tap.registrationId),
            eq(eventRegistrations.eventId, eventId),
            ne(eventRegistrations.status, 'cancelled'),
          ),
        );
      if (!reg)
        return {
          ok: false,
          error: 'Ese registro no es de este evento o está cancelado.',
          status: 404,
        } as const;
    }
    const inserted = await tx
      .insert(eventCheckins)
      .values({
        clientId: tap.clientId,
        eventId,
        kind: tap.kind,
        registrationId: tap.kind === 'walk_in' ? null : tap.registrationId,
        count: tap.kind === 'walk_in' ? tap.count : 1,
        walkInName: tap.kind === 'walk_in' ? tap.name : '',
        byUserId: actorId,
        tappedAt,
      })
      .onConflictDoNothing({ target: eventCheckins.clientId })
      .returning({ clientId: eventCheckins.clientId });
    if (inserted.length === 0)
      return { ok: true, duplicate: true, state: await checkinState(tx, eventId) } as const;

    if (tap.kind !== 'walk_in') {
      const set =
        tap.kind === 'attend'
          ? {
              attendedAt: sql`coalesce(${eventRegistrations.attendedAt}, ${tappedAt.toISOString()}::timestamptz)`,
              attendedCount: eventRegistrations.groupSize,
            }
          : { attendedAt: null, attendedCount: null };
      await tx.update(eventRegistrations).set(set).where(eq(eventRegistrations.id, tap.registrationId));
    }
    return { ok: true, duplicate: false, state: await checkinState(tx, eventId) } as const;
  });
}
