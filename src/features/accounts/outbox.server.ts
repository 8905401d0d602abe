import { desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { mailOutbox } from '~db/schema';

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
