import type { Executor } from '~db/client';
import { type MailAttachment, mailOutbox } from '~db/schema';
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
  const rows = await db
    .insert(mailOutbox)
    .values({
      toAddress: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      template: mail.template,
      attachments: mail.attachments ?? [],
      idempotencyKey: mail.idempotencyKey ?? `mail-${generateToken(16)}`,
    })
    .onConflictDoNothing({ target: mailOutbox.idempotencyKey })
    .returning({ id: mailOutbox.id });
  return rows[0]?.id ?? null;
}
