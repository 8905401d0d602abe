import { and, asc, desc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import {
  type CertificateKind,
  activities,
  certificates,
  eventCheckins,
  eventRegistrations,
  events,
  municipalities,
  operatorBookings,
  users,
  workshopRequestTopics,
  workshopRequests,
  workshops,
} from '~db/schema';
import { registrationIdForToken } from '~/features/events';
import { findRequestByToken } from '~/features/requests';
import { writeAudit } from '~/lib/server/audit';
import { log } from '~/lib/server/log';
import type { RequestContext, StaffContext } from '~/lib/server/context';
import { minutesUntil, reserveAttempt } from '~/lib/server/rate-limit';
import { compareNames } from '~/lib/sort';
import { type Locale, formatInstant, zoneOfPlace } from '~/lib/time';
import { newCertificateCode, normalizeCode } from './codes';
import { TAUGHT_TYPES } from './links';
import { type CertificateDoc, renderCertificatesPdf } from './pdf';

type Subject =
  | { kind: 'attendee'; registrationId: number }
  | { kind: 'walk_in'; checkinClientId: string }
  | { kind: 'group'; activityId: number }
  | { kind: 'facilitator'; activityId: number; userId: number };

const subjectKey = (s: Subject) =>
  s.kind === 'attendee'
    ? `r:${s.registrationId}`
    : s.kind === 'walk_in'
      ? `w:${s.checkinClientId}`
      : s.kind === 'group'
        ? `g:${s.activityId}`
        : `f:${s.activityId}:${s.userId}`;

const rowKey = (r: {
  kind: CertificateKind;
  registrationId: number | null;
  checkinClientId: string | null;
  activityId: number | null;
  userId: number | null;
}) =>
  r.kind === 'attendee'
    ? `r:${r.registrationId}`
    : r.kind === 'walk_in'
      ? `w:${r.checkinClientId}`
      : r.kind === 'group'
        ? `g:${r.activityId}`
        : `f:${r.activityId}:${r.userId}`;

function subjectValues(s: Subject) {
  return {
    kind: s.kind,
    registrationId: s.kind === 'attendee' ? s.registrationId : null,
    checkinClientId: s.kind === 'walk_in' ? s.checkinClientId : null,
    activityId: s.kind === 'group' || s.kind === 'facilitator' ? s.activityId : null,
    userId: s.kind === 'facilitator' ? s.userId : null,
  };
}

/**
 * The code of each subject, issued on first need. One row per subject (partial unique
 * indexes), so a second download, or two at once, print the same code: the insert skips what
 * exists and the select reads back whatever won. A fresh code that collided with another
 * (2^-120) would leave its subject without a row; it is simply tried again.
 */
export async function codesFor(db: Executor, subjects: Subject[]): Promise<Map<string, string>> {
  const codes = new Map<string, string>();
  const missing = () => subjects.filter((s) => !codes.has(subjectKey(s)));
  for (let attempt = 0; attempt < 3 && missing().length > 0; attempt++) {
    const wanted = missing();
    await db
      .insert(certificates)
      .values(wanted.map((s) => ({ code: newCertificateCode(), ...subjectValues(s) })))
      .onConflictDoNothing();
    for (const row of await existing(db, wanted)) codes.set(rowKey(row), row.code);
  }
  if (missing().length > 0) throw new Error('no se pudo asignar un código de constancia');
  return codes;
}

async function existing(db: Executor, subjects: Subject[]) {
  const regs = subjects.flatMap((s) => (s.kind === 'attendee' ? [s.registrationId] : []));
  const walks = subjects.flatMap((s) => (s.kind === 'walk_in' ? [s.checkinClientId] : []));
  const acts = subjects.flatMap((s) =>
    s.kind === 'group' || s.kind === 'facilitator' ? [s.activityId] : [],
  );
  const conditions = [
    regs.length ? inArray(certificates.registrationId, regs) : undefined,
    walks.length ? inArray(certificates.checkinClientId, walks) : undefined,
    acts.length ? inArray(certificates.activityId, acts) : undefined,
  ].filter((c) => c !== undefined);
  if (conditions.length === 0) return [];
  return db
    .select({
      code: certificates.code,
      kind: certificates.kind,
      registrationId: certificates.registrationId,
      checkinClientId: certificates.checkinClientId,
      activityId: certificates.activityId,
      userId: certificates.userId,
    })
    .from(certificates)
    .where(sql.join(conditions, sql` or `));
}

// ---------------------------------------------------------------------------------------------
// Events: checked-in registrations and named walk-ins.

const eventColumns = {
  eventId: events.id,
  title: events.title,
  titleEn: events.titleEn,
  place: events.place,
  address: events.address,
  municipalityId: events.municipalityId,
  municipality: municipalities.name,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  hours: events.hours,
};

type EventPart = { [K in keyof typeof eventColumns]: (typeof eventColumns)[K]['_']['data'] | null };

function eventFacts(e: EventPart, orgZone: string, locale: Locale) {
  const title = locale === 'en' && e.titleEn ? e.titleEn : e.title!;
  const place = [e.place, e.address, e.municipality].filter((p) => p && p.trim() !== '').join(', ');
  return {
    title,
    startsAt: e.startsAt!,
    endsAt: e.endsAt!,
    zone: zoneOfPlace(e.municipalityId, orgZone),
    place,
    hours: e.hours ?? null,
  };
}

/** Registrations that earn a constancia: checked in (attendance recorded), not cancelled. */
const attendedRegistration = and(
  isNotNull(eventRegistrations.attendedAt),
  ne(eventRegistrations.status, 'cancelled'),
  ne(events.status, 'cancelled'),
);

async function attendeeRows(db: Executor, where: ReturnType<typeof and>) {
  return db
    .select({
      registrationId: eventRegistrations.id,
      name: eventRegistrations.name,
      isGroup: eventRegistrations.isGroup,
      institutionName: eventRegistrations.institutionName,
      attendedCount: eventRegistrations.attendedCount,
      groupSize: eventRegistrations.groupSize,
      locale: eventRegistrations.locale,
      ...eventColumns,
    })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .leftJoin(municipalities, eq(municipalities.id, events.municipalityId))
    .where(and(attendedRegistration, where));
}

async function walkInRows(db: Executor, where: ReturnType<typeof and>) {
  return db
    .select({
      clientId: eventCheckins.clientId,
      name: eventCheckins.walkInName,
      count: eventCheckins.count,
      ...eventColumns,
    })
    .from(eventCheckins)
    .innerJoin(events, eq(events.id, eventCheckins.eventId))
    .leftJoin(municipalities, eq(municipalities.id, events.municipalityId))
    .where(
      and(
        eq(eventCheckins.kind, 'walk_in'),
        sql`btrim(${eventCheckins.walkInName}) <> ''`,
        ne(events.status, 'cancelled'),
        where,
      ),
    );
}

type AttendeeRow = Awaited<ReturnType<typeof attendeeRows>>[number];
type WalkInRow = Awaited<ReturnType<typeof walkInRows>>[number];

function attendeeDoc(r: AttendeeRow, code: string, orgZone: string, locale: Locale): CertificateDoc {
  return {
    kind: 'attendee',
    code,
    participant: r.name,
    institution: r.isGroup ? r.institutionName : '',
    count: r.isGroup ? (r.attendedCount ?? r.groupSize) : 1,
    ...eventFacts(r, orgZone, locale),
  };
}

function walkInDoc(r: WalkInRow, code: string, orgZone: string, locale: Locale): CertificateDoc {
  return {
    kind: 'walk_in',
    code,
    participant: r.name,
    institution: '',
    count: r.count,
    ...eventFacts(r, orgZone, locale),
  };
}

/** The attendee's constancia behind the manage link, or null (unknown link, not checked in). */
export async function attendeeCertificate(
  ctx: RequestContext,
  token: string,
): Promise<{ doc: CertificateDoc; locale: Locale } | null> {
  const id = await registrationIdForToken(ctx.db, token);
  if (id === null) return null;
  const [row] = await attendeeRows(ctx.db, eq(eventRegistrations.id, id));
  if (!row) return null;
  const locale: Locale = row.locale === 'en' ? 'en' : 'es';
  const codes = await codesFor(ctx.db, [{ kind: 'attendee', registrationId: id }]);
  return { doc: attendeeDoc(row, codes.get(`r:${id}`)!, ctx.zone, locale), locale };
}

/** Whether the manage page should offer the download (no code is issued by asking). */
export async function attendeeCertificateAvailable(ctx: RequestContext, token: string): Promise<boolean> {
  const id = await registrationIdForToken(ctx.db, token);
  if (id === null) return false;
  return (await attendeeRows(ctx.db, eq(eventRegistrations.id, id))).length > 0;
}

/**
 * Every constancia of one event, in name order (for staff: one PDF, a page each), audited.
 * Null when the event does not exist; an empty list when nobody has been checked in yet.
 */
export async function eventCertificates(
  ctx: StaffContext<{ id: number }>,
  eventId: number,
): Promise<{ docs: CertificateDoc[]; slug: string } | null> {
  const [event] = await ctx.db.select({ slug: events.slug }).from(events).where(eq(events.id, eventId));
  if (!event) return null;
  const [people, walkIns] = await Promise.all([
    attendeeRows(ctx.db, eq(events.id, eventId)),
    walkInRows(ctx.db, eq(events.id, eventId)),
  ]);
  const codes = await codesFor(ctx.db, [
    ...people.map((p) => ({ kind: 'attendee' as const, registrationId: p.registrationId })),
    ...walkIns.map((w) => ({ kind: 'walk_in' as const, checkinClientId: w.clientId })),
  ]);
  const docs = [
    ...people.map((p) => attendeeDoc(p, codes.get(`r:${p.registrationId}`)!, ctx.zone, 'es')),
    ...walkIns.map((w) => walkInDoc(w, codes.get(`w:${w.clientId}`)!, ctx.zone, 'es')),
  ].sort((a, b) => compareNames(a.participant, b.participant));
  await writeAudit(ctx.db, {
    actorUserId: ctx.user.id,
    action: 'certificate.download',
    entity: 'event',
    entityId: eventId,
    ip: ctx.ip,
    details: { count: docs.length },
  });
  return { docs, slug: event.slug };
}

// ---------------------------------------------------------------------------------------------
// Workshops: the institution's group and the facilitator, from the activity's recorded outcome.

/** A done activity with its attendance recorded, its request's institution and its topics. */
async function taughtActivity(db: Executor, where: ReturnType<typeof and>, locale: Locale) {
  const [a] = await db
    .select({
      id: activities.id,
      title: activities.title,
      startsAt: activities.startsAt,
      endsAt: activities.endsAt,
      timeZone: activities.timeZone,
      modality: activities.modality,
      place: activities.place,
      municipality: municipalities.name,
      attendanceTotal: activities.attendanceTotal,
      requestId: activities.workshopRequestId,
      institution: workshopRequests.institutionName,
    })
    .from(activities)
    .leftJoin(municipalities, eq(municipalities.id, activities.municipalityId))
    .leftJoin(workshopRequests, eq(workshopRequests.id, activities.workshopRequestId))
    .where(
      and(
        eq(activities.status, 'done'),
        isNotNull(activities.attendanceTotal),
        sql`${activities.attendanceTotal} > 0`,
        inArray(activities.type, [...TAUGHT_TYPES]),
        where,
      ),
    )
    .orderBy(desc(activities.startsAt))
    .limit(1);
  if (!a) return null;
  const topics = a.requestId
    ? await db
        .select({ title: workshops.title, titleEn: workshops.titleEn, hours: workshops.hours })
        .from(workshopRequestTopics)
        .innerJoin(workshops, eq(workshops.id, workshopRequestTopics.workshopId))
        .where(eq(workshopRequestTopics.requestId, a.requestId))
        .orderBy(asc(workshops.sortOrder))
    : [];
  const title =
    topics.length > 0
      ? topics.map((t) => (locale === 'en' && t.titleEn ? t.titleEn : t.title)).join(' · ')
      : a.title;
  return {
    activity: a,
    facts: {
      title,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      zone: a.timeZone,
      place:
        a.modality === 'en_linea'
          ? ''
          : [a.place, a.municipality].filter((p) => p && p.trim() !== '').join(', '),
      hours: workshopHours(
        topics.map((t) => t.hours),
        a.endsAt.getTime() - a.startsAt.getTime(),
      ),
    },
  };
}

/**
 * Hours a workshop constancia states: the catalogue's hours of its topics, when every topic has
 * them, added up; never more than the session lasted (rounded down to the half hour). Null
 * when a topic has none (nothing configured, nothing printed).
 */
export function workshopHours(topicHours: (number | null)[], sessionMs: number): number | null {
  if (topicHours.length === 0 || topicHours.some((h) => h === null || !(h > 0))) return null;
  const sum = topicHours.reduce<number>((s, h) => s + h!, 0);
  const lasted = Math.floor(sessionMs / 1_800_000) / 2;
  return lasted > 0 ? Math.min(sum, lasted) : sum;
}

/** The group constancia behind the request's status link: null until attendance is recorded. */
export async function groupCertificate(
  ctx: RequestContext,
  token: string,
  locale: Locale,
): Promise<CertificateDoc | null> {
  const found = await findRequestByToken(ctx.db, token);
  if (!found) return null;
  const taught = await taughtActivity(ctx.db, eq(activities.workshopRequestId, found.request.id), locale);
  if (!taught) return null;
  const codes = await codesFor(ctx.db, [{ kind: 'group', activityId: taught.activity.id }]);
  return groupDoc(taught, codes.get(`g:${taught.activity.id}`)!, found.request.institutionName);
}

type Taught = NonNullable<Awaited<ReturnType<typeof taughtActivity>>>;

function groupDoc(taught: Taught, code: string, institution: string): CertificateDoc {
  return {
    kind: 'group',
    code,
    participant: institution,
    institution: '',
    count: taught.activity.attendanceTotal!,
    ...taught.facts,
  };
}

function facilitatorDoc(taught: Taught, code: string, name: string): CertificateDoc {
  return {
    kind: 'facilitator',
    code,
    participant: name,
    institution: taught.activity.institution ?? '',
    count: taught.activity.attendanceTotal!,
    ...taught.facts,
  };
}

/** Whether the status page should offer the group's download (no code is issued by asking). */
export async function groupCertificateAvailable(ctx: RequestContext, requestId: number): Promise<boolean> {
  const [row] = await ctx.db
    .select({ id: activities.id })
    .from(activities)
    .where(
      and(
        eq(activities.workshopRequestId, requestId),
        eq(activities.status, 'done'),
        sql`${activities.attendanceTotal} > 0`,
        inArray(activities.type, [...TAUGHT_TYPES]),
      ),
    )
    .limit(1);
  return !!row;
}

/**
 * The constancia of the person who gave an activity (one of its assigned people), for the
 * staff agenda: null when the activity is not done, has no attendance, or they were not on it.
 * Downloads for someone else (a supervisor for an operator) are audited like any other.
 */
export async function facilitatorCertificate(
  ctx: StaffContext<{ id: number }>,
  activityId: number,
  userId: number,
): Promise<CertificateDoc | null> {
  const [person] = await ctx.db
    .select({ name: users.name })
    .from(operatorBookings)
    .innerJoin(users, eq(users.id, operatorBookings.operatorId))
    .where(and(eq(operatorBookings.activityId, activityId), eq(operatorBookings.operatorId, userId)));
  if (!person) return null;
  const taught = await taughtActivity(ctx.db, eq(activities.id, activityId), 'es');
  if (!taught) return null;
  const codes = await codesFor(ctx.db, [{ kind: 'facilitator', activityId, userId }]);
  await writeAudit(ctx.db, {
    actorUserId: ctx.user.id,
    action: 'certificate.download',
    entity: 'activity',
    entityId: activityId,
    ip: ctx.ip,
    details: { kind: 'facilitator', userId },
  });
  return facilitatorDoc(taught, codes.get(`f:${activityId}:${userId}`)!, person.name);
}

/** The people of an activity who may have a facilitator constancia (its assigned people). */
export async function facilitatorsOf(ctx: RequestContext, activityId: number) {
  const taught = await taughtActivity(ctx.db, eq(activities.id, activityId), 'es');
  if (!taught) return [];
  return ctx.db
    .select({ id: users.id, name: users.name })
    .from(operatorBookings)
    .innerJoin(users, eq(users.id, operatorBookings.operatorId))
    .where(eq(operatorBookings.activityId, activityId))
    .orderBy(asc(users.name));
}

// ---------------------------------------------------------------------------------------------
// The public check page.

/** Checks per visitor address and window: enough for a school checking a class, not for guessing. */
export const VERIFY_LIMIT = 30;
export const VERIFY_WINDOW_SECONDS = 600;

export type VerifyResult =
  | { status: 'found'; participant: string; title: string; date: string }
  | { status: 'not_found' }
  | { status: 'limited'; minutes: number };

/**
 * What /constancia/<code> shows: only the participant's name, the activity and its date, read
 * from the live records (a constancia whose attendance was undone, or whose record is gone, is
 * not found). Rate-limited per address in the database, before the code is looked at.
 */
export async function verifyCertificate(
  ctx: RequestContext,
  rawCode: string,
  locale: Locale,
): Promise<VerifyResult> {
  const reservation = await reserveAttempt(
    ctx.db,
    `constancia:${ctx.ip ?? 'desconocida'}`,
    VERIFY_LIMIT,
    VERIFY_WINDOW_SECONDS,
  );
  if (!reservation.reserved)
    return { status: 'limited', minutes: minutesUntil(reservation.resetsAt, ctx.now()) };
  const code = normalizeCode(rawCode);
  if (!code) return { status: 'not_found' };
  const [row] = await ctx.db.select().from(certificates).where(eq(certificates.code, code));
  if (!row) return { status: 'not_found' };
  const doc = await docOf(ctx, row, locale);
  if (!doc) return { status: 'not_found' };
  return {
    status: 'found',
    participant: doc.participant,
    title: doc.title,
    date: formatInstant(doc.startsAt, 'date', doc.zone, locale),
  };
}

export type VerifyPageResult = (VerifyResult | { status: 'unavailable' }) & { httpStatus: number };

/**
 * The check page's one call: the result and its HTTP status (200, 404 "no encontrada", 429,
 * 503 when the database is down). A failure is logged by class only, never with the code.
 */
export async function verifyPageResult(
  ctx: Promise<RequestContext>,
  rawCode: string,
  locale: Locale,
): Promise<VerifyPageResult> {
  try {
    const result = await verifyCertificate(await ctx, rawCode, locale);
    return { ...result, httpStatus: { found: 200, not_found: 404, limited: 429 }[result.status] };
  } catch (err) {
    log.error({ area: 'constancias', err }, 'no se pudo verificar una constancia');
    return { status: 'unavailable', httpStatus: 503 };
  }
}

async function docOf(
  ctx: RequestContext,
  row: typeof certificates.$inferSelect,
  locale: Locale,
): Promise<CertificateDoc | null> {
  switch (row.kind) {
    case 'attendee': {
      const [r] = await attendeeRows(ctx.db, eq(eventRegistrations.id, row.registrationId!));
      return r ? attendeeDoc(r, row.code, ctx.zone, locale) : null;
    }
    case 'walk_in': {
      const [w] = await walkInRows(ctx.db, eq(eventCheckins.clientId, row.checkinClientId!));
      return w ? walkInDoc(w, row.code, ctx.zone, locale) : null;
    }
    case 'group': {
      const taught = await taughtActivity(ctx.db, eq(activities.id, row.activityId!), locale);
      if (!taught?.activity.institution) return null;
      return groupDoc(taught, row.code, taught.activity.institution);
    }
    case 'facilitator': {
      const [person] = await ctx.db
        .select({ name: users.name })
        .from(operatorBookings)
        .innerJoin(users, eq(users.id, operatorBookings.operatorId))
        .where(
          and(eq(operatorBookings.activityId, row.activityId!), eq(operatorBookings.operatorId, row.userId!)),
        );
      const taught = person ? await taughtActivity(ctx.db, eq(activities.id, row.activityId!), locale) : null;
      if (!person || !taught) return null;
      return facilitatorDoc(taught, row.code, person.name);
    }
  }
}

// ---------------------------------------------------------------------------------------------

/** The PDF of `docs`, with the organisation's name from settings and the public address. */
export async function certificatesPdf(
  ctx: RequestContext,
  docs: CertificateDoc[],
  locale: Locale,
): Promise<Uint8Array> {
  const [settings, mail] = await Promise.all([ctx.settings(), ctx.mail()]);
  return renderCertificatesPdf(docs, {
    locale,
    orgName: settings.orgName,
    publicUrl: mail.publicUrl,
    issuedAt: ctx.now(),
    orgZone: ctx.zone,
  });
}
