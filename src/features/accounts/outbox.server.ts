import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { auditLog, mailOutbox, users } from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import { hashToken } from '~/lib/server/tokens';
import { maskPrivateLinks } from './outbox-links';

/** Recent outbox messages for the admin view (newest first). */
export async function listOutbox(db: Executor, limit = 100) {
  return db
    .select({
      id: mailOutbox.id,
      to: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      template: mailOutbox.template,
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
      createdAt: mailOutbox.createdAt,
      sentAt: mailOutbox.sentAt,
    })
    .from(mailOutbox)
    .orderBy(desc(mailOutbox.id))
    .limit(limit);
}

export async function getOutboxMessage(db: Executor, id: number) {
  const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
  return row ?? null;
}

export async function outboxCounts(db: Executor) {
  return db
    .select({ status: mailOutbox.status, n: sql<number>`count(*)::int` })
    .from(mailOutbox)
    .groupBy(mailOutbox.status);
}

/**
 * Shows an outbox message's private links to an admin and records that they did (issue 12 #9).
 * The audit keeps only the links' hashes, so a later use of one can name who revealed it.
 */
export async function revealOutboxMessage(
  db: Executor,
  admin: { id: number },
  id: number,
  meta: { ip: string | null },
) {
  const message = await getOutboxMessage(db, id);
  if (!message) return null;
  const { tokens } = maskPrivateLinks(message.text);
  if (tokens.length)
    await writeAudit(db, {
      actorUserId: admin.id,
      action: 'mail.reveal',
      entity: 'mail_outbox',
      entityId: id,
      ip: meta.ip,
      details: { template: message.template, tokenHashes: tokens.map(hashToken) },
    });
  return message;
}

/**
 * Puts a failed message back in the queue for the worker's next round, from its first attempt, and
 * records who asked. Only a failed message can be retried (a pending or sent one is left alone):
 * false when there is no such failed message.
 */
export async function retryFailedMessage(
  db: Executor,
  admin: { id: number },
  id: number,
  meta: { ip: string | null },
  now = new Date(),
): Promise<boolean> {
  const [row] = await db
    .update(mailOutbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lockedUntil: null, lastError: null })
    .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'failed')))
    .returning({ id: mailOutbox.id, template: mailOutbox.template });
  if (!row) return false;
  await writeAudit(db, {
    actorUserId: admin.id,
    action: 'mail.retry',
    entity: 'mail_outbox',
    entityId: id,
    ip: meta.ip,
    details: { template: row.template },
  });
  return true;
}

/** Who revealed the link with this token in the outbox reader, if anyone (the latest reveal). */
export async function revealedBy(db: Executor, token: string) {
  const [row] = await db
    .select({ id: users.id, name: users.name })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      and(
        eq(auditLog.action, 'mail.reveal'),
        sql`${auditLog.details} -> 'tokenHashes' @> ${JSON.stringify([hashToken(token)])}::jsonb`,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row ?? null;
}

/** Messages that gave up (status failed), newest first, for the admin's today page. */
export async function failedOutboxMessages(db: Executor, limit = 20) {
  return db
    .select({
      id: mailOutbox.id,
      subject: mailOutbox.subject,
      template: mailOutbox.template,
      attempts: mailOutbox.attempts,
      createdAt: mailOutbox.createdAt,
    })
    .from(mailOutbox)
    .where(eq(mailOutbox.status, 'failed'))
    .orderBy(desc(mailOutbox.id))
    .limit(limit);
}
