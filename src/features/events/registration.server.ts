import { type SQL, and, asc, eq, sql } from 'drizzle-orm';
import { type Db, type Executor, type Tx, runsOneAtATime } from '~db/client';
import { queryRowsPrepared } from '~db/rows';
import { eventRegistrationLinks, eventRegistrations, events, privacyNotices } from '~db/schema';
import { queueMailWhen, sendMail } from '~/lib/server/mail/outbox';
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
 *
 * Sign-ups for one event queue at its lock, so what happens while it is held sets how fast a
 * crowd is served. The usual sign-up (a new address, the event open and unchanged) takes the
 * fast path: the event is read before the transaction and the e-mails are rendered then; under
 * the lock goes one pipelined batch — the lock, and one statement that re-checks everything
 * under it and writes the registration, its link and its e-mail — with no JavaScript between
 * the lock and the COMMIT. Anything else (a repeat, a changed or full event, a new privacy
 * notice) inserts nothing there and is decided by the full path below, still under the lock.
 * On the embedded database, which runs one statement at a time, that one statement is the
 * whole fast path: no transaction around it and no lock.
 */
export async function registerForEvent(
  db: Db,
  input: RegistrationInput,
  ctx: EventsMailContext,
  options: RegisterOptions = {},
): Promise<RegisterResult> {
  const now = options.now ?? new Date();
  const token = generateToken(20);
  const tokenHash = hashToken(token);
  const seen = await recentEvent(db, input.slug, now);
  const fast =
    seen !== undefined &&
    seen.status === 'published' &&
    registrationWindow(seen, now) === 'open' &&
    input.groupSize <= seen.capacity
      ? fastSignup(seen, input, ctx, now, token, tokenHash)
      : null;

  // The embedded database runs one statement at a time, so the fast path's statement alone is
  // the whole sign-up there: atomic, and seeing every sign-up before it (see `runsOneAtATime`).
  if (fast && runsOneAtATime(db) && !options.unsafeSkipLockForTest) {
    const [inserted] = await queryRowsPrepared<FastRow>(db, 'events_signup_fast', fast);
    if (inserted) return fastResult(inserted);
    recentEventsOf(db).delete(input.slug);
  }

  return db.transaction(async (tx) => {
    // Named (server-side prepared) statements: parsed and planned once per connection.
    const lockQuery = options.unsafeSkipLockForTest
      ? tx.select().from(events).where(eq(events.slug, input.slug)).prepare('events_read_unlocked').execute()
      : tx
          .select()
          .from(events)
          .where(eq(events.slug, input.slug))
          .for('update')
          .prepare('events_lock')
          .execute();
    if (fast && !runsOneAtATime(db)) {
      // Sent together (pipelined on PostgreSQL): the server runs them in order on this
      // connection, so the second statement's snapshot is taken only once the lock is held and
      // sees every sign-up committed before ours.
      const [[event], [inserted]] = await Promise.all([
        lockQuery,
        queryRowsPrepared<FastRow>(tx, 'events_signup_fast', fast),
      ]);
      if (inserted) return fastResult(inserted);
      // The event may have changed since it was read: the next sign-up reads it afresh.
      recentEventsOf(db).delete(input.slug);
      const [state] = await signupState(tx, input).execute();
      return decideUnderLock(tx, event ?? null, state ?? null, input, ctx, now, token);
    }
    // The lock and the state query go out together, as above.
    const [[event], [state]] = await Promise.all([lockQuery, signupState(tx, input).execute()]);
    return decideUnderLock(tx, event ?? null, state ?? null, input, ctx, now, token);
  });
}

type FastRow = { id: number; status: 'confirmed' | 'waiting' };
const fastResult = (row: FastRow): RegisterResult => ({
  ok: true,
  status: row.status,
  registrationId: Number(row.id),
  existing: false,
});

/**
 * Event rows as recently read, by slug, for the fast path only: the sign-up statement re-checks
 * every field it relies on under the lock, so a stale row costs a trip through the full path,
 * never a wrong sign-up. A crowd signing up for one event then reads it once per few seconds,
 * not once per person. Concurrent reads of one slug share the read in flight.
 */
const RECENT_EVENT_MS = 5_000;
type RecentEvents = Map<string, { at: number; row: Promise<EventRow | undefined> }>;
const recentByDb = new WeakMap<Db, RecentEvents>();

function recentEventsOf(db: Db): RecentEvents {
  let map = recentByDb.get(db);
  if (!map) recentByDb.set(db, (map = new Map()));
  return map;
}

function recentEvent(db: Db, slug: string, now: Date): Promise<EventRow | undefined> {
  const recentEvents = recentEventsOf(db);
  const t = now.getTime();
  const hit = recentEvents.get(slug);
  if (hit && t - hit.at < RECENT_EVENT_MS && t >= hit.at) return hit.row;
  const row = db
    .select()
    .from(events)
    .where(eq(events.slug, slug))
    .prepare('events_by_slug')
    .execute()
    .then(([r]) => r);
  if (recentEvents.size >= 200) recentEvents.delete(recentEvents.keys().next().value!);
  recentEvents.set(slug, { at: t, row });
  // A failed read is not remembered.
  row.catch(() => {
    if (recentEvents.get(slug)?.row === row) recentEvents.delete(slug);
  });
  return row;
}

/**
 * The fast path's one statement (see `registerForEvent`). It writes only if, under the lock, the
 * event is still as read (published, open at `now`, same capacity, waiting list, and every field
 * the e-mail and its calendar file state — any edit moves `sequence` and `updated_at`; the rest
 * is compared too, for a change made outside the app), the privacy notice in force is the one the person accepted, and the
 * address holds no live registration for it. Confirmed when the group fits, else waiting (when
 * the event keeps a waiting list); the matching e-mail is queued, the other never written.
 */
function fastSignup(
  seen: EventRow,
  input: RegistrationInput,
  ctx: EventsMailContext,
  now: Date,
  token: string,
  tokenHash: string,
): SQL {
  const reg = {
    id: 0,
    name: input.name,
    email: input.email,
    groupSize: input.groupSize,
    locale: input.locale,
  };
  const mailFor = (status: 'confirmed' | 'waiting') =>
    eventMail(status, ctx, seen, reg, {
      token,
      idempotencyKey: `event-registration:${tokenHash.slice(0, 32)}`,
    });
  const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  // Timestamps compared to the millisecond, the precision they were read with.
  const ms = (column: SQL) => sql`date_trunc('milliseconds', ${column})`;
  return sql`with ev as (
      select e.id, e.capacity, e.waitlist_enabled from ${events} e
      where e.slug = ${input.slug} and e.id = ${seen.id} and e.status = 'published'
        and e.sequence = ${seen.sequence} and ${ms(sql`e.updated_at`)} = ${at(seen.updatedAt)}
        and e.registration_opens_at <= ${at(now)} and e.registration_closes_at > ${at(now)}
        and e.capacity = ${seen.capacity} and e.waitlist_enabled = ${seen.waitlistEnabled}
        and e.title = ${seen.title} and e.title_en = ${seen.titleEn} and e.summary = ${seen.summary}
        and e.place = ${seen.place}
        and e.address = ${seen.address} and e.municipality_id = ${seen.municipalityId}
        and ${ms(sql`e.starts_at`)} = ${at(seen.startsAt)} and ${ms(sql`e.ends_at`)} = ${at(seen.endsAt)}
        and ${input.groupSize} <= e.capacity
        and (select p.id from ${privacyNotices} p where p.kind = 'integral'
             order by p.published_at desc, p.id desc limit 1) = ${input.privacyNoticeId}
        and not exists (select 1 from ${eventRegistrations} r
             where r.event_id = e.id and r.email = ${input.email} and r.status <> 'cancelled')
    ), decision as (
      select ev.id, case
          when (select coalesce(sum(r.group_size), 0) from ${eventRegistrations} r
                where r.event_id = ev.id and r.status = 'confirmed') + ${input.groupSize} <= ev.capacity
            then 'confirmed'
          when ev.waitlist_enabled then 'waiting'
        end as status
      from ev
    ), reg as (
      insert into ${eventRegistrations} (event_id, status, name, email, phone, municipality_id, heard_from,
        is_group, institution_name, group_size, accessibility_needs, locale, privacy_notice_id, consented_at,
        confirmed_at, waiting_since)
      select d.id, d.status::event_registration_status, ${input.name}, ${input.email}, ${input.phone},
        ${input.municipalityId}, ${input.heardFrom}::event_heard_from, ${input.isGroup}, ${input.institutionName},
        ${input.groupSize}, ${input.accessibilityNeeds}, ${input.locale}, ${input.privacyNoticeId}, ${at(now)},
        case when d.status = 'confirmed' then ${at(now)} end, case when d.status = 'waiting' then ${at(now)} end
      from decision d where d.status is not null
      returning id, status::text as status
    ), link as (
      insert into ${eventRegistrationLinks} (token_hash, registration_id) select ${tokenHash}, id from reg
    ), mail_confirmed as (
      ${queueMailWhen(mailFor('confirmed'), sql`exists (select 1 from reg where reg.status = 'confirmed')`)}
    )${
      seen.waitlistEnabled
        ? sql`, mail_waiting as (
      ${queueMailWhen(mailFor('waiting'), sql`exists (select 1 from reg where reg.status = 'waiting')`)}
    )`
        : sql``
    }
    select id, status from reg`;
}

type SignupState = { taken: number; existingId: number | null; noticeId: number | null };

/**
 * Seats taken, this person's live registration, and the privacy notice in force. Found by slug,
 * so it can go out with the lock without waiting for its answer.
 */
function signupState(tx: Tx, input: RegistrationInput) {
  const eventId = sql`(select e.id from ${events} e where e.slug = ${input.slug})`;
  return tx
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
    .prepare('events_signup_state');
}

/** The full decision, with the event row locked and the state read under the lock. */
async function decideUnderLock(
  tx: Tx,
  event: EventRow | null,
  state: SignupState | null,
  input: RegistrationInput,
  ctx: EventsMailContext,
  now: Date,
  token: string,
): Promise<RegisterResult> {
  if (!event || event.status === 'draft') return { ok: false, reason: 'not_found' } as const;
  if (event.status === 'cancelled') return { ok: false, reason: 'cancelled' } as const;
  const window = registrationWindow(event, now);
  if (window !== 'open') return { ok: false, reason: window === 'not_yet' ? 'not_open' : 'closed' } as const;

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
        await tx.delete(eventRegistrationLinks).where(eq(eventRegistrationLinks.tokenHash, hashToken(fresh)));
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
