/**
 * The admin's "Reintentar" on a failed outbox message (issue 14, Outbox): the message goes out
 * again through the real Resend SDK (pointed at the local fake), the retry is audited with the
 * admin as actor, and a message that has not failed cannot be retried.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditLog, mailOutbox, users } from '~db/schema';
import { retryFailedMessage } from '~/features/accounts/outbox.server';
import { hashPassword } from '~/lib/server/auth/password';
import { sendMail } from '~/lib/server/mail/outbox';
import { renderMail } from '~/lib/server/mail/templates';
import { MAX_ATTEMPTS, createResendTransport, processOutbox } from '~/lib/server/mail/worker';
import { describeEachDb } from '../helpers/db';
import { startFakeResend } from '../helpers/fake-resend';

const org = { name: 'Línea Ciudadana' };
const content = (subject: string) =>
  renderMail({ subject, greeting: 'Hola:', paragraphs: ['Tu taller quedó confirmado.'] }, org);
const meta = { ip: '10.14.0.1' };

describeEachDb('outbox: retry of a failed message', (ctx) => {
  let fake: Awaited<ReturnType<typeof startFakeResend>>;
  beforeAll(async () => {
    fake = await startFakeResend();
  });
  afterAll(async () => {
    await fake.close();
  });

  async function makeAdmin() {
    const [u] = await ctx.db
      .insert(users)
      .values({
        name: 'Rocío Admin Salas',
        email: `admin-${Math.random().toString(36).slice(2, 8)}@vinculo.test`,
        role: 'admin',
        active: true,
        passwordHash: await hashPassword('caballo correcto batería'),
      })
      .returning();
    return u!;
  }

  it('a failed message retried is sent again through the SDK, and the retry is audited with the admin', async () => {
    await ctx.db.update(mailOutbox).set({ status: 'sent' }); // earlier tests' mail is not this test's business
    const admin = await makeAdmin();
    const transport = await createResendTransport(
      're_test_key',
      'Línea Ciudadana <no-responder@vinculo.test>',
      fake.url,
    );
    const id = (await sendMail(ctx.db, {
      to: 'escuela-reintento@vinculo.test',
      template: 'test',
      idempotencyKey: 'retry-test-1',
      ...content('Confirmación del taller'),
    }))!;
    // Its last attempt, a day after it was queued: the provider answers 500 and the worker gives up.
    await ctx.db
      .update(mailOutbox)
      .set({ attempts: MAX_ATTEMPTS - 1, createdAt: new Date(Date.now() - 2 * 24 * 3600_000) })
      .where(eq(mailOutbox.id, id));
    fake.failNext(1);
    expect(await processOutbox(ctx.db, transport)).toEqual({ sent: 0, failed: 1 });
    let [row] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(row!.status).toBe('failed');
    expect(row!.lastError).toContain('Fallo simulado');
    const before = fake.received.length;

    expect(await retryFailedMessage(ctx.db, admin, id, meta)).toBe(true);
    [row] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(row!.status).toBe('pending');
    expect(row!.attempts).toBe(0);
    expect(row!.lastError).toBeNull();

    // The worker's next round sends it, with its original idempotency key.
    expect(await processOutbox(ctx.db, transport)).toEqual({ sent: 1, failed: 0 });
    const got = fake.received.slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]!.body.to).toEqual(['escuela-reintento@vinculo.test']);
    expect(got[0]!.body.subject).toBe('Confirmación del taller');
    expect(got[0]!.idempotencyKey).toBe(row!.idempotencyKey);
    [row] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(row!.status).toBe('sent');
    expect(row!.providerId).toMatch(/^fake-/);

    const audits = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'mail.retry'), eq(auditLog.entityId, String(id))));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actorUserId).toBe(admin.id);
    expect(audits[0]!.entity).toBe('mail_outbox');
    expect(audits[0]!.ip).toBe(meta.ip);
    expect(audits[0]!.details).toMatchObject({ template: 'test' });
  });

  it('a pending or sent message cannot be retried, and nothing is audited', async () => {
    const admin = await makeAdmin();
    const pending = (await sendMail(ctx.db, {
      to: 'pendiente@vinculo.test',
      template: 'test',
      ...content('Pendiente'),
    }))!;
    const sent = (await sendMail(ctx.db, {
      to: 'enviado@vinculo.test',
      template: 'test',
      ...content('Enviado'),
    }))!;
    await ctx.db
      .update(mailOutbox)
      .set({ status: 'sent', sentAt: new Date() })
      .where(eq(mailOutbox.id, sent));
    const nextAttempt = (await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, pending)))[0]!
      .nextAttemptAt;

    expect(await retryFailedMessage(ctx.db, admin, pending, meta)).toBe(false);
    expect(await retryFailedMessage(ctx.db, admin, sent, meta)).toBe(false);
    expect(await retryFailedMessage(ctx.db, admin, 987_654_321, meta)).toBe(false);

    const [p] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, pending));
    expect(p!.status).toBe('pending');
    expect(p!.nextAttemptAt.getTime()).toBe(nextAttempt.getTime());
    const [s] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, sent));
    expect(s!.status).toBe('sent');
    const audits = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'mail.retry'), eq(auditLog.actorUserId, admin.id)));
    expect(audits).toHaveLength(0);
  });
});
