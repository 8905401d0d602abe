import { and, asc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '~db/client';
import { eventRegistrations, events } from '~db/schema';
import { sendMail } from '~/lib/server/mail/outbox';
import { suppressedEmails } from '~/lib/server/mail/suppressions';
import { mintManageToken } from './links.server';
import { type EventsMailContext, eventMail } from './mail';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The day-before reminder. Confirmed registrations of published events starting within the next
 * 24 hours get one e-mail, unless they were confirmed within that last day (their confirmation
 * is fresh). Rows are claimed with FOR UPDATE SKIP LOCKED and stamped in the same transaction
 * as the mail, and the outbox key is per event+registration: several instances running this at
 * once, or a rerun, never send twice. Returns how many reminders were queued.
 */
export async function queueEventReminders(
  db: Db,
  ctx: EventsMailContext,
  now = new Date(),
  batchSize = 200,
): Promise<number> {
  let total = 0;
  for (;;) {
    const queued = await db.transaction(async (tx) => {
      const due = await tx
        .select({ registration: eventRegistrations, event: events })
        .from(eventRegistrations)
        .innerJoin(events, eq(events.id, eventRegistrations.eventId))
        .where(
          and(
            eq(eventRegistrations.status, 'confirmed'),
            isNull(eventRegistrations.reminderQueuedAt),
            eq(events.status, 'published'),
            gt(events.startsAt, now),
            lte(events.startsAt, new Date(now.getTime() + DAY_MS)),
            sql`${eventRegistrations.confirmedAt} <= ${events.startsAt} - interval '24 hours'`,
          ),
        )
        .orderBy(asc(eventRegistrations.id))
        .limit(batchSize)
        .for('update', { of: eventRegistrations, skipLocked: true });
      // Opposition / revocation (ARCO): no reminder to that address; stamped all the same.
      const suppressed = await suppressedEmails(
        tx,
        due.map((d) => d.registration.email),
      );
      for (const { registration: reg, event } of due) {
        await tx
          .update(eventRegistrations)
          .set({ reminderQueuedAt: now })
          .where(eq(eventRegistrations.id, reg.id));
        if (suppressed.has(reg.email)) continue;
        const token = await mintManageToken(tx, reg.id);
        await sendMail(
          tx,
          eventMail('reminder', ctx, event, reg, {
            token,
            idempotencyKey: `event-reminder:${event.id}:${reg.id}`,
          }),
        );
      }
      return due.length;
    });
    total += queued;
    if (queued < batchSize) return total;
  }
}
