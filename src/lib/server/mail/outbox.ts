import { type SQL, and, eq, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { queryRowsPrepared } from '~db/rows';
import { type MailAttachment, mailOutbox } from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import { generateToken } from '~/lib/server/tokens';
import type { RenderedMail } from './templates';

export interface OutgoingMail extends RenderedMail {
  to: string;
  /** Template name, for the admin view; never personal data. */
  template: string;
  attachments?: MailAttachment[];
  /**
   * Same key, same mail: a retried action that reaches here twice queues one message.
   * Defaults to a random key (every call is a new mail).
   */
  idempotencyKey?: string;
}

/**
 * The one way any feature sends e-mail: a row in the outbox, written with the caller's
 * transaction so the mail exists if and only if the change that caused it was committed.
 * Returns the outbox id, or null when a mail with the same idempotency key is already queued.
 */
export async function sendMail(db: Executor, mail: OutgoingMail): Promise<number | null> {
  const rows = await queryRowsPrepared<{ id: number | string }>(
    db,
    'mail_outbox_insert',
    sql`${queueMailWhen(mail, sql`true`)} returning id`,
  );
  return rows[0] ? Number(rows[0].id) : null;
}

/**
 * The outbox row `sendMail` writes, as one statement a caller can also put inside a larger one
 * (a data-modifying CTE) when a round trip matters, e.g. under an event's seat lock. The row is
 * written only when `when` holds (a boolean SQL expression over the caller's CTEs); a repeated
 * idempotency key is skipped.
 */
export function queueMailWhen(mail: OutgoingMail, when: SQL): SQL {
  const key = mail.idempotencyKey ?? `mail-${generateToken(16)}`;
  return sql`insert into ${mailOutbox} (to_address, subject, html, text, template, attachments, idempotency_key)
    select ${mail.to}, ${mail.subject}, ${mail.html}, ${mail.text}, ${mail.template},
      ${JSON.stringify(mail.attachments ?? [])}::jsonb, ${key}
    where ${when}
    on conflict (idempotency_key) do nothing`;
}

/**
 * Holds a queued message back until `until` (it stays pending; the worker picks it up after).
 * Used to give "Deshacer" a window in which the mail has surely not gone. No-op once claimed.
 */
export async function deferPendingMail(db: Executor, idempotencyKey: string, until: Date): Promise<boolean> {
  const rows = await db
    .update(mailOutbox)
    .set({ nextAttemptAt: sql`greatest(${mailOutbox.nextAttemptAt}, ${until.toISOString()}::timestamptz)` })
    .where(and(eq(mailOutbox.idempotencyKey, idempotencyKey), eq(mailOutbox.status, 'pending')))
    .returning({ id: mailOutbox.id });
  return rows.length > 0;
}

/**
 * Withdraws a queued message if it has not gone: only a row still 'pending' (never claimed by a
 * worker, or returned after a failed try) is removed, and the removal is audited with the
 * template name only. A worker's claim locks the row first, so a send in flight is never withdrawn.
 * 'withdrawn': it will not be sent; 'gone': it was sent or is being sent; 'absent': no such mail.
 */
export async function withdrawPendingMail(
  db: Executor,
  idempotencyKey: string,
  who: { actorUserId: number | null; ip: string | null; reason: string },
): Promise<'withdrawn' | 'gone' | 'absent'> {
  const rows = await db
    .delete(mailOutbox)
    .where(and(eq(mailOutbox.idempotencyKey, idempotencyKey), eq(mailOutbox.status, 'pending')))
    .returning({ id: mailOutbox.id, template: mailOutbox.template });
  const row = rows[0];
  if (row) {
    await writeAudit(db, {
      actorUserId: who.actorUserId,
      action: 'mail.withdraw',
      entity: 'mail_outbox',
      entityId: row.id,
      ip: who.ip,
      details: { template: row.template, reason: who.reason },
    });
    return 'withdrawn';
  }
  const [left] = await db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(eq(mailOutbox.idempotencyKey, idempotencyKey));
  return left ? 'gone' : 'absent';
}
