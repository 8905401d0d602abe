import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mailOutbox } from '~db/schema';
import { sendMail } from '~/lib/server/mail/outbox';
import { renderMail } from '~/lib/server/mail/templates';
import {
  CLAIM_MS,
  PROBE_MS,
  SEND_TIMEOUT_MS,
  TRANSIENT_PREFIX,
  createResendTransport,
  processOutbox,
  startOutboxWorker,
} from '~/lib/server/mail/worker';
import { describeEachDb } from '../helpers/db';
import { startFakeResend } from '../helpers/fake-resend';

const content = (subject: string) =>
  renderMail({ subject, greeting: 'Hola:', paragraphs: ['Aviso.'] }, { name: 'Línea Ciudadana' });

it('a send times out well within the claim window', () => {
  expect(SEND_TIMEOUT_MS).toBeLessThanOrEqual(CLAIM_MS / 10);
});

describeEachDb('mail provider that hangs', (ctx) => {
  let fake: Awaited<ReturnType<typeof startFakeResend>>;
  beforeAll(async () => {
    fake = await startFakeResend();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('gives up on a hung send, keeps it pending, and retries it with the same idempotency key', async () => {
    await ctx.db.update(mailOutbox).set({ status: 'sent' });
    const id = (await sendMail(ctx.db, {
      to: 'colgado@vinculo.test',
      template: 'test',
      ...content('Colgado'),
    }))!;
    const transport = await createResendTransport('re_test_key', 'x@vinculo.test', fake.url);
    fake.hangNext(1);
    const started = performance.now();
    expect(await processOutbox(ctx.db, transport, { sendTimeoutMs: 400 })).toEqual({ sent: 0, failed: 1 });
    expect(performance.now() - started).toBeLessThan(3_000);
    let [row] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    // Not delivered: pending again, no sent time, the reason kept, retried later.
    expect(row!.status).toBe('pending');
    expect(row!.sentAt).toBeNull();
    expect(row!.providerId).toBeNull();
    expect(row!.lastError).toMatch(/no respondió|Unable to fetch/);
    // A provider that is down is probed again soon (not after the message's own backoff).
    expect(row!.lastError).toMatch(new RegExp(`^${TRANSIENT_PREFIX}`));
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + PROBE_MS / 2);
    expect(row!.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now() + PROBE_MS);
    expect(fake.received).toHaveLength(0);

    // The provider is back: the retry goes out once, with the key of the first try.
    expect(
      await processOutbox(ctx.db, transport, { now: new Date(Date.now() + 10 * 60_000), sendTimeoutMs: 400 }),
    ).toEqual({ sent: 1, failed: 0 });
    [row] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(row!.status).toBe('sent');
    expect(row!.attempts).toBe(2);
    const tries = fake.attempts.filter((key) => key === row!.idempotencyKey);
    expect(tries).toHaveLength(2);
    expect(fake.received.filter((m) => m.idempotencyKey === row!.idempotencyKey)).toHaveLength(1);
  });

  it('a transport that ignores the abort still cannot hold the worker past the deadline', async () => {
    await ctx.db.update(mailOutbox).set({ status: 'sent' });
    const id = (await sendMail(ctx.db, { to: 'sordo@vinculo.test', template: 'test', ...content('Sordo') }))!;
    const deaf = () => new Promise<{ providerId: string }>(() => {});
    const started = performance.now();
    expect(await processOutbox(ctx.db, deaf, { sendTimeoutMs: 300 })).toEqual({ sent: 0, failed: 1 });
    expect(performance.now() - started).toBeLessThan(2_000);
    const [row] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(row!.status).toBe('pending');
    expect(row!.lastError).toMatch(/no respondió/);
  });

  it('messages the claim would not cover go back to the queue without using an attempt', async () => {
    await ctx.db.update(mailOutbox).set({ status: 'sent' });
    const ids = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        (await sendMail(ctx.db, { to: `lote${i}@vinculo.test`, template: 'test', ...content('Lote') }))!,
      );
    let calls = 0;
    const counting = async () => {
      calls++;
      return { providerId: `p-${calls}` };
    };
    // A deadline as long as the claim: not even the first send fits, so all are released.
    expect(await processOutbox(ctx.db, counting, { sendTimeoutMs: CLAIM_MS })).toEqual({
      sent: 0,
      failed: 0,
    });
    expect(calls).toBe(0);
    const rows = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.status, 'pending'));
    expect(rows.map((r) => r.id).sort()).toEqual(ids.sort());
    expect(rows.every((r) => r.attempts === 0 && r.lockedUntil === null)).toBe(true);
    // And a normal round sends them.
    expect(await processOutbox(ctx.db, counting)).toEqual({ sent: 3, failed: 0 });
  });
});

describeEachDb('outbox drain after the provider recovers', (ctx) => {
  let fake: Awaited<ReturnType<typeof startFakeResend>>;
  beforeAll(async () => {
    fake = await startFakeResend();
  });
  afterAll(async () => {
    await fake.close();
  });

  it(
    'a provider that hangs and then recovers: the queue is sent within 30 s, each message once',
    { timeout: 120_000 },
    async () => {
      await ctx.db.update(mailOutbox).set({ status: 'sent' });
      const ids: number[] = [];
      for (let i = 0; i < 30; i++)
        ids.push(
          (await sendMail(ctx.db, { to: `cola${i}@vinculo.test`, template: 'test', ...content('Cola') }))!,
        );
      const transport = await createResendTransport('re_test_key', 'x@vinculo.test', fake.url);
      // The real worker with its real timings (3 s rounds, 15 s per send): the provider hangs.
      fake.hangNext(1_000);
      const stop = startOutboxWorker(ctx.db, transport);
      try {
        // Long enough for a hung send to time out and a second one to be in flight.
        await new Promise((resolve) => setTimeout(resolve, SEND_TIMEOUT_MS + 5_000));
        expect(fake.received).toHaveLength(0);
        const refused = await ctx.db.select().from(mailOutbox).where(inArray(mailOutbox.id, ids));
        // Only one message per round was tried against the hung provider.
        expect(refused.filter((m) => m.lastError).length).toBeLessThanOrEqual(2);

        fake.hangNext(0);
        const recovered = performance.now();
        let drained = Infinity;
        while (performance.now() - recovered < 60_000) {
          const rows = await ctx.db.select().from(mailOutbox).where(inArray(mailOutbox.id, ids));
          if (rows.every((m) => m.status === 'sent')) {
            drained = performance.now() - recovered;
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
        console.log(
          `outbox: 30 mensajes enviados ${(drained / 1000).toFixed(1)} s después de la recuperación`,
        );
        expect(drained).toBeLessThan(30_000);
      } finally {
        stop();
      }
      const rows = await ctx.db.select().from(mailOutbox).where(inArray(mailOutbox.id, ids));
      // Never counted as delivered while it hung; each delivered once, under its own key.
      for (const row of rows)
        expect(fake.received.filter((m) => m.idempotencyKey === row.idempotencyKey)).toHaveLength(1);
    },
  );
});
