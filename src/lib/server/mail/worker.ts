import { and, asc, eq, gt, inArray, like, lte, or, sql } from 'drizzle-orm';
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

/**
 * Marks `lastError` of a failure that says nothing about the message (the provider timed out,
 * could not be reached, or answered 5xx/429): once a send goes through again, such messages are
 * retried at once instead of after their backoff, so the outbox drains within seconds of the
 * provider's recovery (issue 12 #16).
 */
export const TRANSIENT_PREFIX = 'Proveedor no disponible: ';

/** When a message refused by a provider that is down is tried again. */
export const PROBE_MS = 20_000;
const TRANSIENT_GIVE_UP_MS = 24 * 60 * 60 * 1000;

/** A transport's error for a failure of the provider rather than of the message. */
export class ProviderUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderUnavailableError';
  }
}

const isTransient = (error: unknown) =>
  error instanceof MailTimeoutError || error instanceof ProviderUnavailableError;

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
      const transient = isTransient(error);
      const reason =
        (transient ? TRANSIENT_PREFIX : '') + (error instanceof Error ? error.message : String(error));
      // While the provider is down a message is not at fault: it keeps its place for a day and
      // is tried again soon (one message per round, see below), so recovery is noticed quickly.
      const giveUp =
        attempts >= MAX_ATTEMPTS &&
        (!transient || Date.now() - row.createdAt.getTime() > TRANSIENT_GIVE_UP_MS);
      await db
        .update(mailOutbox)
        .set({
          status: giveUp ? 'failed' : 'pending',
          lockedUntil: null,
          lastError: reason.slice(0, 500),
          nextAttemptAt: new Date(Date.now() + (transient ? PROBE_MS : backoffMs(attempts))),
        })
        .where(eq(mailOutbox.id, row.id));
      if (transient) {
        // The provider is down: the rest of the batch would each wait for the same timeout.
        // They go back to the queue untouched; the next round tries one again.
        const rest = claimed.slice(index + 1).map((m) => m.id);
        if (rest.length)
          await db
            .update(mailOutbox)
            .set({
              status: 'pending',
              lockedUntil: null,
              attempts: sql`greatest(${mailOutbox.attempts} - 1, 0)`,
            })
            .where(and(inArray(mailOutbox.id, rest), eq(mailOutbox.status, 'sending')));
        return { sent, failed };
      }
    }
  }
  if (sent > 0) {
    // The provider answers again: what it could not take while it was down goes now.
    await db
      .update(mailOutbox)
      .set({ nextAttemptAt: sql`now()` })
      .where(
        and(
          eq(mailOutbox.status, 'pending'),
          like(mailOutbox.lastError, `${TRANSIENT_PREFIX}%`),
          gt(mailOutbox.nextAttemptAt, sql`now()`),
        ),
      );
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
    if (error || !data) {
      const message = `Resend: ${error?.message ?? 'respuesta vacía'}`;
      // No status (the request failed or was aborted), 5xx or 429: the provider, not the message.
      const status = (error as { statusCode?: number | null } | null)?.statusCode ?? null;
      if (status === null || status >= 500 || status === 429) throw new ProviderUnavailableError(message);
      throw new Error(message);
    }
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
