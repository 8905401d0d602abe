import { eq } from 'drizzle-orm';
import type { Executor, Tx } from '~db/client';
import { type activities, municipalities } from '~db/schema';
import {
  type ScheduledSession,
  completeRequestTx,
  markRequestScheduledTx,
  rescheduleRequestTx,
  unscheduleRequestTx,
} from '~/features/requests';
import { mailboxAddress } from '~/lib/ics';
import { config } from '~/lib/server/config';
import { icsAttachment } from './ics';
import { formatRangeWithZone } from '~/lib/time';

/**
 * The agenda's half of the link with workshop requests. The requests feature owns the request
 * and its e-mails; this side describes the session (in the activity's own time zone, with its
 * .ics) and calls the requests feature's API inside the agenda's transaction.
 */

/** What outgoing mail needs to know about the organisation. */
export interface MailCtx {
  publicUrl: string;
  orgName: string;
  phone?: string;
}

type Activity = typeof activities.$inferSelect;

export const hostOf = (mail: MailCtx) => new URL(mail.publicUrl).host;
/** The organisation as the ORGANIZER of the calendar files it sends. */
export const organizerOf = (mail: MailCtx) => ({
  name: mail.orgName,
  email: mailboxAddress(config().mailFrom),
});
export const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

async function municipalityName(tx: Executor, id: string | null) {
  if (!id) return null;
  const [m] = await tx
    .select({ name: municipalities.name })
    .from(municipalities)
    .where(eq(municipalities.id, id));
  return m?.name ?? null;
}

async function sessionOf(
  tx: Executor,
  activity: Activity,
  folio: string,
  mail: MailCtx,
): Promise<ScheduledSession> {
  return {
    activityId: activity.id,
    sequence: activity.sequence,
    title: activity.title,
    startsAt: activity.startsAt,
    endsAt: activity.endsAt,
    modality: activity.modality,
    place: activity.place,
    onlineUrl: activity.onlineUrl,
    municipalityName: await municipalityName(tx, activity.municipalityId),
    when: formatRangeWithZone(activity.startsAt, activity.endsAt, activity.timeZone),
    ics: icsAttachment({ ...activity, description: `Folio ${folio}` }, hostOf(mail), organizerOf(mail)),
  };
}

/** A new activity for a request: the request becomes 'scheduled' and the requester is mailed. */
export async function linkScheduledRequestTx(
  tx: Tx,
  request: { id: number; folio: string },
  activity: Activity,
  facilitatorName: string,
  actorId: number,
  mail: MailCtx,
) {
  const session = await sessionOf(tx, activity, request.folio, mail);
  await markRequestScheduledTx(tx, request.id, session, facilitatorName, actorId, mail);
}

/**
 * Keeps the linked request in step after an edit, drag or cancellation: new date/place → the
 * requester's view and a new e-mail; activity cancelled → the request goes back to review.
 */
export async function syncRequestAfterChangeTx(
  tx: Tx,
  before: Activity,
  after: Activity,
  mail: MailCtx,
  actorId: number,
  notify = true,
): Promise<{ institution: string; notified: boolean } | null> {
  if (!after.workshopRequestId) return null;
  if (after.status === 'cancelled') {
    await unscheduleRequestTx(
      tx,
      after.workshopRequestId,
      {
        activityId: after.id,
        title: after.title,
        previousWhen: formatRangeWithZone(before.startsAt, before.endsAt, before.timeZone),
        ics: icsAttachment(after, hostOf(mail), organizerOf(mail)),
      },
      mail,
      actorId,
    );
    return null;
  }
  const changed =
    before.startsAt.getTime() !== after.startsAt.getTime() ||
    before.endsAt.getTime() !== after.endsAt.getTime() ||
    before.place !== after.place ||
    before.onlineUrl !== after.onlineUrl ||
    before.municipalityId !== after.municipalityId;
  if (!changed) return null;
  return rescheduleRequestTx(
    tx,
    after.workshopRequestId,
    (folio) => sessionOf(tx, after, folio, mail),
    mail,
    notify,
  );
}

export { completeRequestTx };
