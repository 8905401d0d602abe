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

/**
 * Sends one message; resolves with the provider's id or throws with a reason. `signal` aborts
 * when the send has taken too long (the worker stops waiting either way).
 */
export type MailTransport = (
  message: MailMessage,
  options?: { signal?: AbortSignal },
) => Promise<{ providerId: string }>;

export const MAX_ATTEMPTS = 8;
/** How long a claimed message stays with one worker before another may take it over. */
export const CLAIM_MS = 5 * 60 * 1000;
/**
 * How long one send may take before the worker gives up on it and retries later, with the same
 * idempotency key (so if the provider did send it, the retry sends nothing new). Well under the
 * claim window: a hung provider cannot hold a message until another worker takes it over.
 */
export const SEND_TIMEOUT_MS = 15_000;

export class MailTimeoutError extends Error {
  constructor(ms: number) {
    super(`El proveedor de correo no respondió en ${Math.round(ms / 1000)} s`);
    this.name = 'MailTimeoutError';
  }
}

/** Runs one send with a deadline: aborts the transport's request and rejects at `ms`. */
async function sendWithTimeout(
  transport: MailTransport,
  message: MailMessage,
  ms: number,
): Promise<{ providerId: string }> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new MailTimeoutError(ms));
      reject(new MailTimeoutError(ms));
    }, ms);
  });
  try {
    return await Promise.race([transport(message, { signal: controller.signal }), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

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
  options: { batchSize?: number; now?: Date; sendTimeoutMs?: number } = {},
): Promise<{ sent: number; failed: number }> {
  const sendTimeoutMs = options.sendTimeoutMs ?? SEND_TIMEOUT_MS;
  const claimedAt = Date.now();
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
  for (const [index, row] of claimed.entries()) {
    // Sends are one after another: when the claim would run out before the next one could time
    // out, the rest go back to the queue untouched (their attempt not counted) rather than be
    // sent while another worker may already have taken them over.
    if (Date.now() - claimedAt + sendTimeoutMs > CLAIM_MS - 5_000) {
      const rest = claimed.slice(index).map((m) => m.id);
      await db
        .update(mailOutbox)
        .set({ status: 'pending', lockedUntil: null, attempts: sql`greatest(${mailOutbox.attempts} - 1, 0)` })
        .where(and(inArray(mailOutbox.id, rest), eq(mailOutbox.status, 'sending')));
      return { sent, failed };
    }
    const attempts = row.attempts + 1;
    try {
      const { providerId } = await sendWithTimeout(
        transport,
        {
          id: row.id,
          to: row.toAddress,
          subject: row.subject,
          html: row.html,
          text: row.text,
          attachments: row.attachments,
          idempotencyKey: row.idempotencyKey,
        },
        sendTimeoutMs,
      );
      await db
        .update(mailOutbox)
        .set({ status: 'sent', sentAt: new Date(), providerId, lockedUntil: null, lastError: null })
        .where(eq(mailOutbox.id, row.id));
      sent++;
    } catch (error) {
      // A timeout is a failure like any other: pending again, retried later with the same key.
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
  return async (message, options = {}) => {
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
      // The signal aborts the HTTP request itself when the worker's deadline passes.
      { idempotencyKey: message.idempotencyKey, ...(options.signal ? { signal: options.signal } : {}) },
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
