import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '~db/client';
import {
  type MailAttachment,
  type RequestStatus,
  municipalities,
  workshopRequestTopics,
  workshopRequestWindows,
  workshopRequests,
  workshops,
} from '~db/schema';
import { sendMail } from '~/lib/server/mail/outbox';
import { renderMail } from '~/lib/server/mail/templates';
import { applyTransition } from './lifecycle.server';
import { canTransition } from './status';

/**
 * The requests feature's side of scheduling: this feature owns `workshop_requests`, so the agenda
 * moves a request (and mails the requester) only through these functions, always inside the
 * agenda's own transaction. The agenda passes what it knows about the session — already formatted
 * for the session's place and time zone, with its .ics — and never writes the table itself.
 */

/** What outgoing mail needs to know about the organisation. */
export interface LinkMailContext {
  orgName: string;
  phone?: string;
}

/** The scheduled session as the requester is told about it. */
export interface ScheduledSession {
  activityId: number;
  /** The activity's iCalendar SEQUENCE: a new one means a new e-mail. */
  sequence: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  modality: 'presencial' | 'en_linea';
  place: string | null;
  onlineUrl: string | null;
  municipalityName: string | null;
  /** "martes 12 de enero de 2027, 10:00–12:00 (hora de Ciudad Juárez)", in the session's own zone. */
  when: string;
  ics: MailAttachment;
}

type Request = typeof workshopRequests.$inferSelect;

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

/** Requests waiting for a date (received or under review), oldest first, for supervisors. */
export async function requestsAwaitingSchedule(db: Executor, limit = 15) {
  return db
    .select({
      id: workshopRequests.id,
      folio: workshopRequests.folio,
      institutionName: workshopRequests.institutionName,
      municipality: municipalities.name,
      firstWindow:
        sql<Date | null>`(select min(w.starts_at) from ${workshopRequestWindows} w where w.request_id = ${workshopRequests.id})`.mapWith(
          (v) => (v ? new Date(v as string) : null),
        ),
    })
    .from(workshopRequests)
    .innerJoin(municipalities, eq(municipalities.id, workshopRequests.municipalityId))
    .where(inArray(workshopRequests.status, ['received', 'under_review']))
    .orderBy(asc(workshopRequests.createdAt))
    .limit(limit);
}

/** A request as the "Programar" screen needs it: data, preferred windows and topics. */
export async function loadRequestForScheduling(db: Executor, id: number) {
  const [request] = await db
    .select({ request: workshopRequests, municipality: municipalities.name })
    .from(workshopRequests)
    .innerJoin(municipalities, eq(municipalities.id, workshopRequests.municipalityId))
    .where(eq(workshopRequests.id, id));
  if (!request) return null;
  const windows = await db
    .select()
    .from(workshopRequestWindows)
    .where(eq(workshopRequestWindows.requestId, id))
    .orderBy(asc(workshopRequestWindows.startsAt));
  const topics = await db
    .select({ title: workshops.title, durationMinutes: workshops.durationMinutes })
    .from(workshopRequestTopics)
    .innerJoin(workshops, eq(workshops.id, workshopRequestTopics.workshopId))
    .where(eq(workshopRequestTopics.requestId, id));
  return { ...request.request, municipalityName: request.municipality, windows, topics };
}

/**
 * Locks the request for scheduling and says whether it may be scheduled now:
 * `missing` (no such request) or `moved` (someone changed its status meanwhile).
 */
export async function lockRequestForScheduling(
  tx: Tx,
  id: number,
): Promise<{ ok: true; id: number; folio: string } | { ok: false; reason: 'missing' | 'moved' }> {
  const [request] = await tx
    .select({ id: workshopRequests.id, folio: workshopRequests.folio, status: workshopRequests.status })
    .from(workshopRequests)
    .where(eq(workshopRequests.id, id))
    .for('update');
  if (!request) return { ok: false, reason: 'missing' };
  if (!canTransition(request.status, 'scheduled', 'scheduling')) return { ok: false, reason: 'moved' };
  return { ok: true, id: request.id, folio: request.folio };
}

/**
 * Moves the request through this feature's own transition (row lock, table check, history row),
 * then stores what the requester sees about the session.
 */
async function moveRequestTx(
  tx: Tx,
  requestId: number,
  to: RequestStatus,
  actorId: number | null,
  extra: Partial<Request> = {},
) {
  const result = await applyTransition(tx, requestId, to, 'scheduling', null, actorId);
  if (!result.ok) throw new Error(`La solicitud ${requestId} no puede pasar a «${to}» (${result.reason}).`);
  if (Object.keys(extra).length > 0)
    await tx.update(workshopRequests).set(extra).where(eq(workshopRequests.id, requestId));
}

function whereLines(session: ScheduledSession): string[] {
  return session.modality === 'en_linea'
    ? [`Modalidad: en línea. Enlace de la sesión: ${session.onlineUrl}`]
    : [`Lugar: ${session.place}${session.municipalityName ? `, ${session.municipalityName}` : ''}.`];
}

const sessionColumns = (s: ScheduledSession) => ({
  scheduledStart: s.startsAt,
  scheduledEnd: s.endsAt,
  scheduledPlace: s.modality === 'presencial' ? s.place : null,
  scheduledOnlineUrl: s.onlineUrl,
});

/** E-mail to the requester with date, place or link, facilitator's first name and an .ics. */
/**
 * The outbox key of the mail a scheduling or a date change sends: one per activity version, so
 * the agenda can find (and withdraw, on "Deshacer") the mail a move queued.
 */
export const requestMailKey = (
  kind: 'scheduled' | 'changed',
  requestId: number,
  activityId: number,
  sequence: number,
) => `request-${kind}-${requestId}-${activityId}-${sequence}`;

async function mailRequester(
  tx: Tx,
  request: Request,
  session: ScheduledSession,
  facilitator: string,
  mail: LinkMailContext,
  kind: 'scheduled' | 'changed',
) {
  const content = renderMail(
    {
      subject:
        kind === 'scheduled'
          ? `Tu taller quedó programado · folio ${request.folio}`
          : `Cambió la fecha de tu taller · folio ${request.folio}`,
      greeting: `Hola, ${request.contactName}:`,
      paragraphs: [
        kind === 'scheduled'
          ? `Con gusto confirmamos la sesión que ${request.institutionName} solicitó a la ${mail.orgName}.`
          : `Te avisamos que cambiaron los datos de la sesión que ${request.institutionName} solicitó a la ${mail.orgName}. Estos son los vigentes:`,
        `Tema: ${session.title}.`,
        `Fecha y hora: ${session.when}.`,
        ...whereLines(session),
        `Te atenderá: ${facilitator}, de nuestro equipo.`,
        'Adjuntamos un archivo de calendario (.ics) para que la sesión aparezca en tu agenda.',
      ],
      after: [
        'Si necesitas cambiar algo, responde a este correo o llámanos. ¡Gracias por confiar en nosotros!',
      ],
    },
    { name: mail.orgName, ...(mail.phone ? { phone: mail.phone } : {}) },
  );
  await sendMail(tx, {
    to: request.contactEmail,
    template: kind === 'scheduled' ? 'request.scheduled' : 'request.rescheduled',
    ...content,
    attachments: [session.ics],
    idempotencyKey: requestMailKey(kind, request.id, session.activityId, session.sequence),
  });
}

async function lockRequest(tx: Tx, requestId: number) {
  const [request] = await tx
    .select()
    .from(workshopRequests)
    .where(eq(workshopRequests.id, requestId))
    .for('update');
  return request;
}

/**
 * The request side of scheduling, inside the caller's transaction: status to 'scheduled' with
 * a history row, the scheduled* columns filled, and the requester's e-mail queued.
 */
export async function markRequestScheduledTx(
  tx: Tx,
  requestId: number,
  session: ScheduledSession,
  facilitatorName: string,
  actorId: number,
  mail: LinkMailContext,
) {
  const facilitator = firstName(facilitatorName);
  await moveRequestTx(tx, requestId, 'scheduled', actorId, {
    ...sessionColumns(session),
    facilitatorFirstName: facilitator,
  });
  const request = await lockRequest(tx, requestId);
  if (request) await mailRequester(tx, request, session, facilitator, mail, 'scheduled');
}

/** The linked activity got a new date, place or link: the requester's view and a new e-mail. */
export async function rescheduleRequestTx(
  tx: Tx,
  requestId: number,
  describe: (folio: string) => Promise<ScheduledSession>,
  mail: LinkMailContext,
  notify = true,
): Promise<{ institution: string; notified: boolean } | null> {
  const request = await lockRequest(tx, requestId);
  if (!request || request.status !== 'scheduled') return null;
  const session = await describe(request.folio);
  await tx
    .update(workshopRequests)
    .set({ ...sessionColumns(session), updatedAt: new Date() })
    .where(eq(workshopRequests.id, request.id));
  // The requester's page shows the new date either way; the e-mail only when staff chose to tell them.
  if (!notify) return { institution: request.institutionName, notified: false };
  await mailRequester(
    tx,
    request,
    session,
    request.facilitatorFirstName ?? 'nuestro equipo',
    mail,
    'changed',
  );
  return { institution: request.institutionName, notified: true };
}

/**
 * The linked activity was cancelled: the request goes back to review so supervision can set
 * another date, and the requester is told (with the cancellation .ics).
 */
export async function unscheduleRequestTx(
  tx: Tx,
  requestId: number,
  cancelled: { activityId: number; title: string; previousWhen: string; ics: MailAttachment },
  mail: LinkMailContext,
  actorId: number,
) {
  const request = await lockRequest(tx, requestId);
  if (!request || request.status !== 'scheduled') return;
  if (!canTransition(request.status, 'under_review', 'scheduling')) return;
  await moveRequestTx(tx, request.id, 'under_review', actorId, {
    scheduledStart: null,
    scheduledEnd: null,
    scheduledPlace: null,
    scheduledOnlineUrl: null,
    facilitatorFirstName: null,
  });
  const content = renderMail(
    {
      subject: `Necesitamos reprogramar tu taller · folio ${request.folio}`,
      greeting: `Hola, ${request.contactName}:`,
      paragraphs: [
        `Lamentamos avisarte que no podremos realizar la sesión «${cancelled.title}» en la fecha acordada (${cancelled.previousWhen}).`,
        'Tu solicitud sigue vigente: en breve te propondremos una nueva fecha. Adjuntamos la cancelación para que se retire de tu calendario.',
      ],
      after: ['Te ofrecemos una disculpa por el cambio.'],
    },
    { name: mail.orgName, ...(mail.phone ? { phone: mail.phone } : {}) },
  );
  await sendMail(tx, {
    to: request.contactEmail,
    template: 'request.activity_cancelled',
    ...content,
    attachments: [cancelled.ics],
    idempotencyKey: `request-cancelled-${request.id}-${cancelled.activityId}`,
  });
}

/** Outcome recorded → the request is completed (which opens the requester's evaluation). */
export async function completeRequestTx(tx: Tx, requestId: number, actorId: number) {
  const request = await lockRequest(tx, requestId);
  if (request && canTransition(request.status, 'completed', 'scheduling'))
    await moveRequestTx(tx, request.id, 'completed', actorId);
}
