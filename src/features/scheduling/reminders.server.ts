import { and, eq, gt, inArray, lte } from 'drizzle-orm';
import type { Db } from '~db/client';
import {
  activities,
  activityReminders,
  municipalities,
  operatorBookings,
  users,
  workshopRequests,
} from '~db/schema';
import { config } from '~/lib/server/config';
import { sendMail } from '~/lib/server/mail/outbox';
import { isContactSuppressed } from '~/lib/server/mail/suppressions';
import { getSettings } from '~/lib/server/settings';
import { renderMail } from '~/lib/server/mail/templates';
import { type MailCtx, firstName } from './request-link.server';
import { formatRangeWithZone } from '~/lib/time';

const HOUR = 60 * 60 * 1000;
/** Operators hear the day before; the requesting institution two days before. */
export const REMINDER_LEAD = { operator: 24 * HOUR, institution: 48 * HOUR } as const;

/**
 * Queues due reminders. Each one is claimed by inserting its (activity, recipient, start) row
 * in the same transaction as the mail, so two instances or two runs never send it twice, a
 * cancelled activity is never reminded, and a moved activity gets a reminder for its new time.
 */
export async function runReminders(
  db: Db,
  mail: MailCtx,
  now = new Date(),
): Promise<{ operators: number; institutions: number }> {
  const live = inArray(activities.status, ['tentative', 'confirmed']);
  const dueOperators = await db
    .select({
      a: activities,
      municipality: municipalities.name,
      user: { id: users.id, name: users.name, email: users.email },
    })
    .from(operatorBookings)
    .innerJoin(activities, eq(activities.id, operatorBookings.activityId))
    .innerJoin(users, eq(users.id, operatorBookings.operatorId))
    .leftJoin(municipalities, eq(municipalities.id, activities.municipalityId))
    .where(
      and(
        live,
        eq(users.active, true),
        gt(activities.startsAt, now),
        lte(activities.startsAt, new Date(now.getTime() + REMINDER_LEAD.operator)),
      ),
    );
  let operators = 0;
  for (const { a, municipality, user } of dueOperators) {
    const sent = await db.transaction(async (tx) => {
      const claimed = await tx
        .insert(activityReminders)
        .values({ activityId: a.id, recipient: `operator:${user.id}`, startsAt: a.startsAt })
        .onConflictDoNothing()
        .returning();
      if (claimed.length === 0) return false;
      const where =
        a.modality === 'en_linea'
          ? `En línea: ${a.onlineUrl}`
          : `${a.place}${municipality ? `, ${municipality}` : ''}`;
      const content = renderMail(
        {
          subject: `Mañana: ${a.title}`,
          greeting: `Hola, ${firstName(user.name)}:`,
          paragraphs: [
            `Te recordamos tu actividad «${a.title}».`,
            `Cuándo: ${formatRangeWithZone(a.startsAt, a.endsAt, a.timeZone)}.`,
            `Dónde: ${where}.`,
          ],
          action: { label: 'Ver la actividad', url: `${mail.publicUrl}/app/agenda/${a.id}` },
        },
        { name: mail.orgName },
      );
      await sendMail(tx, {
        to: user.email,
        template: 'activity.reminder.operator',
        ...content,
        idempotencyKey: `reminder-operator-${a.id}-${user.id}-${a.startsAt.getTime()}`,
      });
      return true;
    });
    if (sent) operators++;
  }

  const dueInstitutions = await db
    .select({ a: activities, municipality: municipalities.name, request: workshopRequests })
    .from(activities)
    .innerJoin(workshopRequests, eq(workshopRequests.id, activities.workshopRequestId))
    .leftJoin(municipalities, eq(municipalities.id, activities.municipalityId))
    .where(
      and(
        live,
        eq(workshopRequests.status, 'scheduled'),
        gt(activities.startsAt, now),
        lte(activities.startsAt, new Date(now.getTime() + REMINDER_LEAD.institution)),
      ),
    );
  let institutions = 0;
  for (const { a, municipality, request } of dueInstitutions) {
    const sent = await db.transaction(async (tx) => {
      const claimed = await tx
        .insert(activityReminders)
        .values({ activityId: a.id, recipient: 'institution', startsAt: a.startsAt })
        .onConflictDoNothing()
        .returning();
      if (claimed.length === 0) return false;
      // Opposition / revocation (ARCO): no reminder to that address (claimed all the same).
      if (await isContactSuppressed(tx, { email: request.contactEmail })) return false;
      const where =
        a.modality === 'en_linea'
          ? `en línea, en este enlace: ${a.onlineUrl}`
          : `en ${a.place}${municipality ? `, ${municipality}` : ''}`;
      const content = renderMail(
        {
          subject: `Recordatorio de su taller · folio ${request.folio}`,
          greeting: `Hola, ${request.contactName}:`,
          paragraphs: [
            `Le recordamos la sesión «${a.title}» para ${request.institutionName}: ${formatRangeWithZone(a.startsAt, a.endsAt, a.timeZone)}, ${where}.`,
            request.facilitatorFirstName
              ? `Le atenderá ${request.facilitatorFirstName}, de nuestro equipo.`
              : 'Le atenderá una persona de nuestro equipo.',
            'Le pedimos tener listo el espacio y, si es posible, un proyector. Si surge un imprevisto, avísenos cuanto antes.',
          ],
        },
        { name: mail.orgName, ...(mail.phone ? { phone: mail.phone } : {}) },
      );
      await sendMail(tx, {
        to: request.contactEmail,
        template: 'activity.reminder.institution',
        ...content,
        idempotencyKey: `reminder-institution-${a.id}-${a.startsAt.getTime()}`,
      });
      return true;
    });
    if (sent) institutions++;
  }
  return { operators, institutions };
}

/** One run with the organisation's mail context: what a periodic job list calls. */
export async function runActivityReminders(db: Db): Promise<{ operators: number; institutions: number }> {
  const settings = await getSettings(db);
  return runReminders(db, {
    publicUrl: config().publicUrl,
    orgName: settings.orgName,
    phone: settings.hotlinePhone,
  });
}
