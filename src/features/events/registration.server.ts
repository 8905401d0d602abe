import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Executor, Tx } from '~db/client';
import { eventRegistrationLinks, eventRegistrations, events, privacyNotices } from '~db/schema';
import { sendMail } from '~/lib/server/mail/outbox';
import { reserveAttempt } from '~/lib/server/rate-limit';
import { generateToken, hashToken } from '~/lib/server/tokens';
import { type EventsMailContext, eventMail } from './mail';
import { mintManageToken, registrationIdForToken } from './links.server';
import type { RegistrationInput } from './schemas';
import { canTransitionRegistration, registrationWindow, type RegistrationActor } from './status';

export type EventRow = typeof events.$inferSelect;
export type RegistrationRow = typeof eventRegistrations.$inferSelect;

export type RegisterResult =
  | { ok: true; status: 'confirmed' | 'waiting'; registrationId: number; existing: boolean }
  | { ok: false; reason: 'not_found' | 'not_open' | 'closed' | 'cancelled' | 'full' | 'privacy_changed' }
  | { ok: false; reason: 'group_too_large'; capacity: number };

export interface RegisterOptions {
  now?: Date;
  /**
   * TEST ONLY: skip the row lock, to prove the race test notices a missing lock. Nothing in the
   * app passes it.
   */
  unsafeSkipLockForTest?: boolean;
}

/** Seats taken by confirmed registrations (groups count every person). */
export async function confirmedSeats(db: Executor, eventId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${eventRegistrations.groupSize}), 0)::int` })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'confirmed')));
  return row?.n ?? 0;
}

/**
 * Locks the event row for the rest of the transaction. Every change to who holds a seat goes
 * through here first, so two sign-ups (or a sign-up and a cancellation) never both read the
 * same free seats. Works the same on PGlite and PostgreSQL.
 */
export async function lockEvent(
  tx: Executor,
  where: { id: number } | { slug: string },
): Promise<EventRow | null> {
  const cond = 'id' in where ? eq(events.id, where.id) : eq(events.slug, where.slug);
  const [row] = await tx.select().from(events).where(cond).for('update');
  return row ?? null;
}

/** How long a repeated sign-up waits before the manage link is e-mailed again to the same address. */
export const MANAGE_LINK_RESEND_SECONDS = 600;

/**
 * A public sign-up. Under the event's row lock: refuses outside the registration window, gives
 * a repeat (same e-mail, live registration) its existing registration back with a fresh link,
 * confirms when the whole group fits, otherwise puts it on the waiting list (or says the event
 * is full when it has none). The e-mail goes out in the same transaction.
 */
export async function registerForEvent(
  db: Db,
  input: RegistrationInput,
  ctx: EventsMailContext,
  options: RegisterOptions = {},
): Promise<RegisterResult> {
  const now = options.now ?? new Date();
  const token = generateToken(20);

  // Inside the lock: as few round trips as possible, since sign-ups for one event queue here.
  return db.transaction(async (tx) => {
    // The lock and the state query go out together (pipelined on PostgreSQL). The server runs
    // them in order on this connection, so the second statement's snapshot is taken only once the
    // lock is held: it sees every sign-up committed before ours. The state is found by slug, so
    // it does not wait for the first answer: seats taken, this person's live registration, and
    // the privacy notice in force.
    const eventId = sql`(select e.id from ${events} e where e.slug = ${input.slug})`;
    // Named (server-side prepared) statements: the hot path is parsed and planned once per
    // connection instead of on every sign-up, which matters while the lock is held.
    const lockQuery = options.unsafeSkipLockForTest
      ? tx.select().from(events).where(eq(events.slug, input.slug)).prepare('events_read_unlocked').execute()
      : tx
          .select()
          .from(events)
          .where(eq(events.slug, input.slug))
          .for('update')
          .prepare('events_lock')
          .execute();
    const stateQuery = tx
      .select({
        taken: sql<number>`(select coalesce(sum(r.group_size), 0)::int from ${eventRegistrations} r where r.event_id = ${eventId} and r.status = 'confirmed')`,
        existingId: sql<
          number | null
        >`(select r.id from ${eventRegistrations} r where r.event_id = ${eventId} and r.email = ${input.email} and r.status <> 'cancelled' limit 1)`,
        noticeId: sql<
          number | null
        >`(select p.id from ${privacyNotices} p where p.kind = 'integral' order by p.published_at desc, p.id desc limit 1)`,
      })
      .from(sql`(select 1) as one`)
      .prepare('events_signup_state')
      .execute();
    const [[event], [state]] = await Promise.all([lockQuery, stateQuery]);
    if (!event || event.status === 'draft') return { ok: false, reason: 'not_found' } as const;
    if (event.status === 'cancelled') return { ok: false, reason: 'cancelled' } as const;
    const window = registrationWindow(event, now);
    if (window !== 'open')
      return { ok: false, reason: window === 'not_yet' ? 'not_open' : 'closed' } as const;

    if (!state || state.noticeId !== input.privacyNoticeId)
      return { ok: false, reason: 'privacy_changed' } as const;

    if (state.existingId !== null) {
      const [existing] = await tx
        .select()
        .from(eventRegistrations)
        .where(eq(eventRegistrations.id, state.existingId));
      // At most one "here is your link again" per address in any ten minutes, however often
      // the form is sent (issue 12 #11): a rolling window per address, not a clock bucket
      // whose edge let two through seconds apart. No mail, no new link.
      const resend = await reserveAttempt(
        tx,
        `event-link:${input.email.toLowerCase()}`,
        1,
        MANAGE_LINK_RESEND_SECONDS,
      );
      if (resend.reserved) {
        const fresh = await mintManageToken(tx, existing!.id);
        const queued = await sendMail(
          tx,
          eventMail('existing', ctx, event, existing!, {
            token: fresh,
            idempotencyKey: `event-existing:${existing!.id}:${resend.windowStart.getTime()}`,
          }),
        );
        // A token nobody received is not kept.
        if (queued === null)
          await tx
            .delete(eventRegistrationLinks)
            .where(eq(eventRegistrationLinks.tokenHash, hashToken(fresh)));
      }
      return {
        ok: true,
        status: existing!.status as 'confirmed' | 'waiting',
        registrationId: existing!.id,
        existing: true,
      } as const;
    }

    if (input.groupSize > event.capacity)
      return { ok: false, reason: 'group_too_large', capacity: event.capacity } as const;
    const fits = state.taken + input.groupSize <= event.capacity;
    if (!fits && !event.waitlistEnabled) return { ok: false, reason: 'full' } as const;
    const status = fits ? 'confirmed' : 'waiting';

    // The registration, its link and its e-mail go out as one pipelined batch: the link takes the
    // new id from currval() (same session, right after the insert), and the mail's key comes from
    // the token, so nothing waits for the insert's answer while the lock is held.
    const tokenHash = hashToken(token);
    const reg = {
      id: 0,
      name: input.name,
      email: input.email,
      groupSize: input.groupSize,
      locale: input.locale,
    };
    const [[row]] = await Promise.all([
      tx
        .insert(eventRegistrations)
        .values({
          eventId: event.id,
          status,
          name: input.name,
          email: input.email,
          phone: input.phone,
          municipalityId: input.municipalityId,
          heardFrom: input.heardFrom,
          isGroup: input.isGroup,
          institutionName: input.institutionName,
          groupSize: input.groupSize,
          accessibilityNeeds: input.accessibilityNeeds,
          locale: input.locale,
          privacyNoticeId: state.noticeId,
          consentedAt: now,
          confirmedAt: fits ? now : null,
          waitingSince: fits ? null : now,
        })
        .returning({ id: eventRegistrations.id })
        .prepare('events_signup_insert')
        .execute(),
      tx
        .insert(eventRegistrationLinks)
        .values({
          tokenHash,
          registrationId: sql`currval(pg_get_serial_sequence('event_registrations', 'id'))`,
        })
        .prepare('events_signup_link')
        .execute(),
      sendMail(
        tx,
        eventMail(status, ctx, event, reg, {
          token,
          idempotencyKey: `event-registration:${tokenHash.slice(0, 32)}`,
        }),
      ),
    ]);
    return { ok: true, status, registrationId: row!.id, existing: false } as const;
  });
}

/**
 * Fills free seats from the waiting list, first come first served, skipping groups that do not
 * fit (a smaller one behind them may). Call with the event row already locked. Each promoted
 * person gets one e-mail; the key includes when they joined the list, so a retry never doubles
 * it but a second stint on the list gets its own.
 */
export async function promoteWaiting(
  tx: Tx,
  event: EventRow,
  ctx: EventsMailContext,
  now = new Date(),
): Promise<number[]> {
  // Nobody is promoted into an event that is cancelled or already over.
  if (event.status !== 'published' || event.endsAt <= now) return [];
  let free = event.capacity - (await confirmedSeats(tx, event.id));
  if (free <= 0) return [];
  const waiting = await tx
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.status, 'waiting')))
    .orderBy(asc(eventRegistrations.waitingSince), asc(eventRegistrations.id));
  const promoted: number[] = [];
  for (const reg of waiting) {
    if (free <= 0) break;
    if (reg.groupSize > free) continue;
    await tx
      .update(eventRegistrations)
      .set({ status: 'confirmed', confirmedAt: now, updatedAt: now })
      .where(eq(eventRegistrations.id, reg.id));
    free -= reg.groupSize;
    promoted.push(reg.id);
    const token = await mintManageToken(tx, reg.id);
    const stint = reg.waitingSince?.getTime() ?? 0;
    await sendMail(
      tx,
      eventMail('promoted', ctx, event, reg, { token, idempotencyKey: `event-promoted:${reg.id}:${stint}` }),
    );
  }
  return promoted;
}

export type CancelResult =
  { ok: true; promoted: number[] } | { ok: false; reason: 'not_found' | 'already_cancelled' | 'event_over' };

/**
 * Cancels a registration (by the attendee through the manage link, or by staff) and promotes
 * from the waiting list into the seats it frees, all in one transaction under the event lock.
 */
export async function cancelRegistration(
  db: Db,
  registrationId: number,
  actor: RegistrationActor,
  ctx: EventsMailContext,
  now = new Date(),
): Promise<CancelResult> {
  const [found] = await db
    .select({ eventId: eventRegistrations.eventId })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.id, registrationId));
  if (!found) return { ok: false, reason: 'not_found' };
  return db.transaction(async (tx) => {
    const event = (await lockEvent(tx, { id: found.eventId }))!;
    const [reg] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, registrationId));
    if (!reg) return { ok: false, reason: 'not_found' } as const;
    if (!canTransitionRegistration(reg.status, 'cancelled', actor))
      return { ok: false, reason: 'already_cancelled' } as const;
    if (actor === 'attendee' && event.endsAt <= now) return { ok: false, reason: 'event_over' } as const;
    await tx
      .update(eventRegistrations)
      .set({ status: 'cancelled', cancelledAt: now, updatedAt: now })
      .where(eq(eventRegistrations.id, reg.id));
    if (actor === 'attendee') {
      await sendMail(
        tx,
        eventMail('cancelled', ctx, event, reg, { idempotencyKey: `event-cancelled-registration:${reg.id}` }),
      );
    }
    const promoted = reg.status === 'confirmed' ? await promoteWaiting(tx, event, ctx, now) : [];
    return { ok: true, promoted } as const;
  });
}

/** The attendee's cancel through the manage link. */
export async function cancelByToken(
  db: Db,
  token: string,
  ctx: EventsMailContext,
  now = new Date(),
): Promise<CancelResult> {
  const id = await registrationIdForToken(db, token);
  if (id === null) return { ok: false, reason: 'not_found' };
  return cancelRegistration(db, id, 'attendee', ctx, now);
}

/** What the manage page shows: the registration and its event, or null for an unknown token. */
export async function getRegistrationByToken(db: Executor, token: string) {
  const id = await registrationIdForToken(db, token);
  if (id === null) return null;
  const [row] = await db
    .select({ registration: eventRegistrations, event: events })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(eq(eventRegistrations.id, id));
  return row ?? null;
}
