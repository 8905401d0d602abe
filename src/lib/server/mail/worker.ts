import { and, asc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { Db } from '~db/client';
import { type MailAttachment, mailOutbox } from '~db/schema';
import { log } from '~/lib/server/log';

export interface MailMessage {
  id: number;
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments: MailAttachment[];
  idempotencyKey: string;
}

/** Sends one message; resolves with the provider's id or throws with a reason. */
export type MailTransport = (message: MailMessage) => Promise<{ providerId: string }>;

export const MAX_ATTEMPTS = 8;
/** How long a claimed message stays with one worker before another may take it over. */
const CLAIM_MS = 5 * 60 * 1000;

/** 1, 2, 4, 8… minutes, capped at 4 hours. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 4 * 60 * 60 * 1000);
}

/**
 * Claims due messages with FOR UPDATE SKIP LOCKED (several workers, several instances, never
 * the same message twice), then sends each outside the transaction and records the result.
 * Returns how many were sent and how many failed this round.
 */
export async function processOutbox(
  db: Db,
  transport: MailTransport,
  options: { batchSize?: number; now?: Date } = {},
): Promise<{ sent: number; failed: number }> {
  // The database's clock decides what is due: rows are stamped with its now(), and a JS Date
  // (milliseconds) taken right after can sort before a microsecond timestamp.
  const now = options.now ?? sql`now()`;
  const claimUntil = options.now
    ? new Date(options.now.getTime() + CLAIM_MS)
    : sql`now() + make_interval(secs => ${CLAIM_MS / 1000})`;
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(mailOutbox)
      .where(
        or(
          and(eq(mailOutbox.status, 'pending'), lte(mailOutbox.nextAttemptAt, now)),
          and(eq(mailOutbox.status, 'sending'), lte(mailOutbox.lockedUntil, now)),
        ),
      )
      .orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.id))
      .limit(options.batchSize ?? 20)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    await tx
      .update(mailOutbox)
      .set({ status: 'sending', lockedUntil: claimUntil, attempts: sql`${mailOutbox.attempts} + 1` })
      .where(
        inArray(
          mailOutbox.id,
          due.map((m) => m.id),
        ),
      );
    return due;
  });

  let sent = 0;
  let failed = 0;
  for (const row of claimed) {
    const attempts = row.attempts + 1;
    try {
      const { providerId } = await transport({
        id: row.id,
        to: row.toAddress,
        subject: row.subject,
        html: row.html,
        text: row.text,
        attachments: row.attachments,
        idempotencyKey: row.idempotencyKey,
      });
      await db
        .update(mailOutbox)
        .set({ status: 'sent', sentAt: new Date(), providerId, lockedUntil: null, lastError: null })
        .where(eq(mailOutbox.id, row.id));
      sent++;
    } catch (error) {
      failed++;
      const reason = error instanceof Error ? error.message : String(error);
      const giveUp = attempts >= MAX_ATTEMPTS;
      await db
        .update(mailOutbox)
        .set({
          status: giveUp ? 'failed' : 'pending',
          lockedUntil: null,
          lastError: reason.slice(0, 500),
          nextAttemptAt: new Date(Date.now() + backoffMs(attempts)),
        })
        .where(eq(mailOutbox.id, row.id));
    }
  }
  return { sent, failed };
}

/** A transport through Resend's SDK. The idempotency key makes a retried send harmless. */
export async function createResendTransport(
  apiKey: string,
  from: string,
  baseUrl?: string,
): Promise<MailTransport> {
  const { Resend } = await import('resend');
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return async (message) => {
    const { data, error } = await resend.emails.send(
      {
        from,
        to: [message.to],
        subject: message.subject,
        html: message.html,
        text: message.text,
        attachments: message.attachments.map((a) => ({
          filename: a.filename,
          content: a.content,
          contentType: a.contentType,
        })),
      },
      { idempotencyKey: message.idempotencyKey },
    );
    if (error || !data) throw new Error(`Resend: ${error?.message ?? 'respuesta vacía'}`);
    return { providerId: data.id };
  };
}

/** Runs `processOutbox` every few seconds until stopped. Errors are logged without message contents. */
export function startOutboxWorker(db: Db, transport: MailTransport, intervalMs = 3000): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    if (stopped) return;
    try {
      await processOutbox(db, transport);
    } catch (error) {
      log.error({ area: 'correo', err: error }, 'el envío de la bandeja falló');
    }
    if (!stopped) timer = setTimeout(tick, intervalMs).unref();
  };
  timer = setTimeout(tick, 500).unref();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
