import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '~db/client';
import { contentPosts, users } from '~db/schema';
import { sendMail } from '~/lib/server/mail/outbox';
import { renderMail } from '~/lib/server/mail/templates';
import { CHANNEL_LABELS } from './limits';
import { NEEDS_WORK_STATUSES, STATUS_LABELS } from './status';
import { addDays, formatInstant, localDay, startOfDay } from '~/lib/time';

export interface ReminderContext {
  now?: Date;
  timeZone: string;
  publicUrl: string;
  orgName: string;
}

/**
 * E-mails each assignee about their posts planned for tomorrow (in the organisation's zone)
 * that are not yet approved. One mail per post and day: the idempotency key makes a second
 * run — on this instance or another, now or in an hour — queue nothing. Returns how many
 * were queued in this run.
 */
export async function sendContentReminders(db: Db, ctx: ReminderContext): Promise<number> {
  const now = ctx.now ?? new Date();
  const tomorrow = addDays(localDay(now, ctx.timeZone), 1);
  const from = startOfDay(tomorrow, ctx.timeZone);
  const to = startOfDay(tomorrow, ctx.timeZone, 1);
  return db.transaction(async (tx) => {
    const due = await tx
      .select({
        id: contentPosts.id,
        title: contentPosts.title,
        status: contentPosts.status,
        plannedAt: contentPosts.plannedAt,
        channels: contentPosts.channels,
        email: users.email,
        name: users.name,
      })
      .from(contentPosts)
      .innerJoin(users, eq(users.id, contentPosts.assigneeId))
      .where(
        and(
          gte(contentPosts.plannedAt, from),
          lt(contentPosts.plannedAt, to),
          inArray(contentPosts.status, [...NEEDS_WORK_STATUSES]),
          eq(users.active, true),
        ),
      );
    let queued = 0;
    for (const post of due) {
      const id = await sendMail(tx, {
        to: post.email,
        template: 'content.reminder',
        idempotencyKey: `content-reminder:${post.id}:${tomorrow}`,
        ...renderMail(
          {
            subject: `Para mañana: «${post.title}» aún no está aprobada`,
            greeting: `Hola, ${post.name.split(' ')[0]}:`,
            paragraphs: [
              `La publicación «${post.title}» está planeada para mañana a las ${formatInstant(post.plannedAt, 'time', ctx.timeZone)} (${post.channels.map((c) => CHANNEL_LABELS[c]).join(', ')}) y sigue en «${STATUS_LABELS[post.status]}».`,
              'Si todavía va, termina el texto y envíala a revisión para que alguien la apruebe a tiempo. Si ya no va, muévela o cancélala en el calendario.',
            ],
            action: {
              label: 'Abrir la publicación',
              url: `${ctx.publicUrl}/app/contenido/publicaciones/${post.id}`,
            },
          },
          { name: ctx.orgName },
        ),
      });
      if (id !== null) queued++;
    }
    return queued;
  });
}
