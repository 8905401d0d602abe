import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '~db/client';
import {
  type RequestStatus,
  activities,
  municipalities,
  workshopRequestTopics,
  workshopRequestWindows,
  workshopRequests,
  workshops,
} from '~db/schema';
import { sendMail } from '~/lib/server/mail/outbox';
import { renderMail } from '~/lib/server/mail/templates';
import { applyTransition } from '~/features/requests/lifecycle.server';
import { canTransition } from '~/features/requests/status';
import { icsAttachment } from './ics';
import { formatRangeWithZone } from '~/lib/time';

/** What outgoing mail needs to know about the organisation. */
export interface MailCtx {
  publicUrl: string;
  orgName: string;
  phone?: string;
}

type Activity = typeof activities.$inferSelect;
type Request = typeof workshopRequests.$inferSelect;

export const hostOf = (mail: MailCtx) => new URL(mail.publicUrl).host;
export const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

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
 * Moves the request through the requests feature's own transition (row lock, table check,
 * history row), then stores what the requester sees about the session.
 */
async function moveRequestTx(
  tx: Tx,
  request: Pick<Request, 'id' | 'status'>,
  to: RequestStatus,
  actorId: number | null,
  extra: Partial<Request> = {},
  reason: string | null = null,
) {
  const result = await applyTransition(tx, request.id, to, 'scheduling', reason, actorId);
  if (!result.ok) throw new Error(`La solicitud ${request.id} no puede pasar a «${to}» (${result.reason}).`);
  if (Object.keys(extra).length > 0)
    await tx.update(workshopRequests).set(extra).where(eq(workshopRequests.id, request.id));
}

function whereLines(activity: Activity, municipalityName: string | null): string[] {
  return activity.modality === 'en_linea'
    ? [`Modalidad: en línea. Enlace de la sesión: ${activity.onlineUrl}`]
    : [`Lugar: ${activity.place}${municipalityName ? `, ${municipalityName}` : ''}.`];
}

async function municipalityName(tx: Executor, id: string | null) {
  if (!id) return null;
  const [m] = await tx
    .select({ name: municipalities.name })
    .from(municipalities)
    .where(eq(municipalities.id, id));
  return m?.name ?? null;
}

/** E-mail to the requester with date, place or link, facilitator's first name and an .ics. */
async function mailRequester(
  tx: Tx,
  request: Request,
  activity: Activity,
  facilitator: string,
  mail: MailCtx,
  kind: 'scheduled' | 'changed',
) {
  const when = formatRangeWithZone(activity.startsAt, activity.endsAt, activity.timeZone);
  const place = whereLines(activity, await municipalityName(tx, activity.municipalityId));
  const content = renderMail(
    {
      subject:
        kind === 'scheduled'
          ? `Su taller quedó programado · folio ${request.folio}`
          : `Cambió la fecha de su taller · folio ${request.folio}`,
      greeting: `Hola, ${request.contactName}:`,
      paragraphs: [
        kind === 'scheduled'
          ? `Con gusto confirmamos la sesión que ${request.institutionName} solicitó a la ${mail.orgName}.`
          : `Le avisamos que cambiaron los datos de la sesión que ${request.institutionName} solicitó a la ${mail.orgName}. Estos son los vigentes:`,
        `Tema: ${activity.title}.`,
        `Fecha y hora: ${when}.`,
        ...place,
        `Le atenderá: ${facilitator}, de nuestro equipo.`,
        'Adjuntamos un archivo de calendario (.ics) para que la sesión aparezca en su agenda.',
      ],
      after: [
        'Si necesita cambiar algo, responda a este correo o llámenos. ¡Gracias por confiar en nosotros!',
      ],
    },
    { name: mail.orgName, ...(mail.phone ? { phone: mail.phone } : {}) },
  );
  await sendMail(tx, {
    to: request.contactEmail,
    template: kind === 'scheduled' ? 'request.scheduled' : 'request.rescheduled',
    ...content,
    attachments: [icsAttachment({ ...activity, description: `Folio ${request.folio}` }, hostOf(mail))],
    idempotencyKey: `request-${kind}-${request.id}-${activity.id}-${activity.sequence}`,
  });
}

/**
 * The request side of scheduling, inside the caller's transaction: status to 'scheduled' with
 * a history row, the scheduled* columns filled, and the requester's e-mail queued.
 */
export async function markRequestScheduledTx(
  tx: Tx,
  request: Request,
  activity: Activity,
  facilitatorName: string,
  actorId: number,
  mail: MailCtx,
) {
  const facilitator = firstName(facilitatorName);
  await moveRequestTx(tx, request, 'scheduled', actorId, {
    scheduledStart: activity.startsAt,
    scheduledEnd: activity.endsAt,
    scheduledPlace: activity.modality === 'presencial' ? activity.place : null,
    scheduledOnlineUrl: activity.onlineUrl,
    facilitatorFirstName: facilitator,
  });
  await mailRequester(tx, { ...request, status: 'scheduled' }, activity, facilitator, mail, 'scheduled');
}

/**
 * Keeps the linked request in step after an edit, drag or cancellation: new date/place → the
 * requester's view and a new e-mail; activity cancelled → the request goes back to review so
 * supervision can set another date, and the requester is told.
 */
export async function syncRequestAfterChangeTx(
  tx: Tx,
  before: Activity,
  after: Activity,
  mail: MailCtx,
  actorId: number,
) {
  if (!after.workshopRequestId) return;
  const [request] = await tx
    .select()
    .from(workshopRequests)
    .where(eq(workshopRequests.id, after.workshopRequestId))
    .for('update');
  if (!request || request.status !== 'scheduled') return;
  if (after.status === 'cancelled') {
    if (!canTransition(request.status, 'under_review', 'scheduling')) return;
    await moveRequestTx(tx, request, 'under_review', actorId, {
      scheduledStart: null,
      scheduledEnd: null,
      scheduledPlace: null,
      scheduledOnlineUrl: null,
      facilitatorFirstName: null,
    });
    const content = renderMail(
      {
        subject: `Necesitamos reprogramar su taller · folio ${request.folio}`,
        greeting: `Hola, ${request.contactName}:`,
        paragraphs: [
          `Lamentamos avisarle que no podremos realizar la sesión «${after.title}» en la fecha acordada (${formatRangeWithZone(before.startsAt, before.endsAt, before.timeZone)}).`,
          'Su solicitud sigue vigente: en breve le propondremos una nueva fecha. Adjuntamos la cancelación para que se retire de su calendario.',
        ],
        after: ['Le ofrecemos una disculpa por el cambio.'],
      },
      { name: mail.orgName, ...(mail.phone ? { phone: mail.phone } : {}) },
    );
    await sendMail(tx, {
      to: request.contactEmail,
      template: 'request.activity_cancelled',
      ...content,
      attachments: [icsAttachment(after, hostOf(mail))],
      idempotencyKey: `request-cancelled-${request.id}-${after.id}`,
    });
    return;
  }
  const changed =
    before.startsAt.getTime() !== after.startsAt.getTime() ||
    before.endsAt.getTime() !== after.endsAt.getTime() ||
    before.place !== after.place ||
    before.onlineUrl !== after.onlineUrl ||
    before.municipalityId !== after.municipalityId;
  if (!changed) return;
  await tx
    .update(workshopRequests)
    .set({
      scheduledStart: after.startsAt,
      scheduledEnd: after.endsAt,
      scheduledPlace: after.modality === 'presencial' ? after.place : null,
      scheduledOnlineUrl: after.onlineUrl,
      updatedAt: new Date(),
    })
    .where(eq(workshopRequests.id, request.id));
  await mailRequester(tx, request, after, request.facilitatorFirstName ?? 'nuestro equipo', mail, 'changed');
}

/** Outcome recorded → the request is completed (which opens the requester's evaluation). */
export async function completeRequestTx(tx: Tx, requestId: number, actorId: number) {
  const [request] = await tx
    .select({ id: workshopRequests.id, status: workshopRequests.status })
    .from(workshopRequests)
    .where(eq(workshopRequests.id, requestId))
    .for('update');
  if (request && canTransition(request.status, 'completed', 'scheduling'))
    await moveRequestTx(tx, request, 'completed', actorId);
}
