import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mailOutbox } from '~db/schema';
import { sendMail } from '~/lib/server/mail/outbox';
import { renderMail } from '~/lib/server/mail/templates';
import { type MailTransport, createResendTransport, processOutbox } from '~/lib/server/mail/worker';
import { describeEachDb } from '../helpers/db';
import { startFakeResend } from '../helpers/fake-resend';

const org = { name: 'Línea Ciudadana' };
const content = (subject: string) =>
  renderMail({ subject, greeting: 'Hola:', paragraphs: ['Un aviso <importante> & breve.'] }, org);

describeEachDb('mail outbox', (ctx) => {
  let fake: Awaited<ReturnType<typeof startFakeResend>>;
  beforeAll(async () => {
    fake = await startFakeResend();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('writes nothing when the surrounding transaction rolls back', async () => {
    await expect(
      ctx.db.transaction(async (tx) => {
        await sendMail(tx, { to: 'rollback@vinculo.test', template: 'test', ...content('No debe salir') });
        throw new Error('falla después');
      }),
    ).rejects.toThrow('falla después');
    expect(
      await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'rollback@vinculo.test')),
    ).toHaveLength(0);
  });

  it('queues one mail per idempotency key', async () => {
    const first = await sendMail(ctx.db, {
      to: 'una@vinculo.test',
      template: 'test',
      idempotencyKey: 'k-unica',
      ...content('Una vez'),
    });
    const second = await sendMail(ctx.db, {
      to: 'una@vinculo.test',
      template: 'test',
      idempotencyKey: 'k-unica',
      ...content('Una vez'),
    });
    expect(first).toBeTypeOf('number');
    expect(second).toBeNull();
  });

  it('sends through the Resend SDK with the idempotency key and escaped HTML, and marks it sent', async () => {
    await ctx.db.update(mailOutbox).set({ status: 'sent' }); // earlier tests' mail is not this test's business
    const id = await sendMail(ctx.db, {
      to: 'escuela@vinculo.test',
      template: 'test',
      attachments: [
        {
          filename: 'sesion.ics',
          contentType: 'text/calendar',
          content: Buffer.from('BEGIN:VCALENDAR').toString('base64'),
        },
      ],
      ...content('Confirmación'),
    });
    const transport = await createResendTransport(
      're_test_key',
      'Línea Ciudadana <no-responder@vinculo.test>',
      fake.url,
    );
    const before = fake.received.length;
    expect(await processOutbox(ctx.db, transport)).toEqual({ sent: 1, failed: 0 });
    const got = fake.received.slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]!.authorization).toBe('Bearer re_test_key');
    expect(got[0]!.body.to).toEqual(['escuela@vinculo.test']);
    expect(got[0]!.body.html).toContain('Un aviso &lt;importante&gt; &amp; breve.');
    expect(got[0]!.body.attachments?.[0]?.filename).toBe('sesion.ics');
    const [row] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, id!));
    expect(row!.status).toBe('sent');
    expect(got[0]!.idempotencyKey).toBe(row!.idempotencyKey);
    expect(row!.providerId).toMatch(/^fake-/);
  });

  it('retries a failed send later with backoff, and gives up after the maximum attempts', async () => {
    await ctx.db.update(mailOutbox).set({ status: 'sent' });
    const id = (await sendMail(ctx.db, {
      to: 'reintento@vinculo.test',
      template: 'test',
      ...content('Reintento'),
    }))!;
    const transport = await createResendTransport('re_test_key', 'x@vinculo.test', fake.url);
    fake.failNext(1);
    expect(await processOutbox(ctx.db, transport)).toEqual({ sent: 0, failed: 1 });
    let [row] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(row!.status).toBe('pending');
    expect(row!.lastError).toContain('Fallo simulado');
    // A 500 is the provider's failure: tried again in PROBE_MS rather than after the backoff.
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 10_000);
    // Not due yet: nothing happens.
    expect(await processOutbox(ctx.db, transport)).toEqual({ sent: 0, failed: 0 });
    // Once due, it goes out.
    expect(await processOutbox(ctx.db, transport, { now: new Date(Date.now() + 10 * 60_000) })).toEqual({
      sent: 1,
      failed: 0,
    });
    [row] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(row!.status).toBe('sent');

    const doomed = (await sendMail(ctx.db, {
      to: 'nunca@vinculo.test',
      template: 'test',
      ...content('Nunca'),
    }))!;
    const broken: MailTransport = async () => {
      throw new Error('proveedor caído');
    };
    for (let i = 0; i < 8; i++)
      await processOutbox(ctx.db, broken, { now: new Date(Date.now() + 24 * 3600_000 * (i + 1)) });
    const [dead] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, doomed));
    expect(dead!.status).toBe('failed');
    expect(dead!.attempts).toBe(8);
  });

  it('two workers running at once never send the same message twice', async () => {
    await ctx.db.update(mailOutbox).set({ status: 'sent' });
    const ids: number[] = [];
    for (let i = 0; i < 30; i++)
      ids.push(
        (await sendMail(ctx.db, { to: `lote${i}@vinculo.test`, template: 'test', ...content(`Lote ${i}`) }))!,
      );
    const seen: number[] = [];
    const slow: MailTransport = async (m) => {
      seen.push(m.id);
      await new Promise((r) => setTimeout(r, 5));
      return { providerId: `p-${m.id}` };
    };
    const results = await Promise.all([
      processOutbox(ctx.db, slow, { batchSize: 10 }),
      processOutbox(ctx.db, slow, { batchSize: 10 }),
      processOutbox(ctx.db, slow, { batchSize: 10 }),
    ]);
    expect(results.reduce((a, r) => a + r.sent, 0)).toBe(30);
    expect(new Set(seen).size).toBe(seen.length);
    const rows = await ctx.db.select().from(mailOutbox).where(inArray(mailOutbox.id, ids));
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
  });
});
