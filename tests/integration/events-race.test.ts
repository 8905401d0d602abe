import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventRegistrations, mailOutbox } from '~db/schema';
import { cancelRegistration, confirmedSeats, registerForEvent } from '~/features/events/registration.server';
import { DB_KINDS, type TestDatabase, createTestDatabase } from '../helpers/db';
import { mailCtx, makeEvent, signup } from '../helpers/events';

/**
 * Capacity under real concurrency. On PostgreSQL the pool has 20 connections, so sign-ups do run
 * in parallel and only the event row lock keeps the count right; the control run without the
 * lock shows the test would notice. PGlite has one connection (transactions queue), so it checks
 * that the same code is correct there; a lock-less control cannot race on it and is not run.
 */
for (const kind of DB_KINDS) {
  describe(`events capacity under concurrency [${kind}]`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase(kind, { max: 20 });
    });
    afterAll(async () => {
      await database?.destroy();
    });

    async function counts(eventId: number) {
      const rows = await database.db
        .select({
          status: eventRegistrations.status,
          people: sql<number>`sum(${eventRegistrations.groupSize})::int`,
          n: sql<number>`count(*)::int`,
        })
        .from(eventRegistrations)
        .where(eq(eventRegistrations.eventId, eventId))
        .groupBy(eventRegistrations.status);
      const get = (s: string) => rows.find((r) => r.status === s) ?? { people: 0, n: 0 };
      return { confirmed: get('confirmed'), waiting: get('waiting'), cancelled: get('cancelled') };
    }

    it('1,000 simultaneous sign-ups for 100 seats: exactly 100 confirmed, 900 waiting, no errors', async () => {
      const db = database.db;
      const event = await makeEvent(db, { capacity: 100 });
      const inputs = await Promise.all(
        Array.from({ length: 1000 }, (_, i) => signup(db, event.slug, { email: `racer${i}@correo.test` })),
      );
      const started = performance.now();
      const results = await Promise.allSettled(inputs.map((input) => registerForEvent(db, input, mailCtx)));
      const ms = performance.now() - started;
      console.log(`[${kind}] 1000 sign-ups in ${ms.toFixed(0)} ms (${((1000 / ms) * 1000).toFixed(0)}/s)`);
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const values = results.map(
        (r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof registerForEvent>>>).value,
      );
      expect(values.filter((v) => v.ok && v.status === 'confirmed')).toHaveLength(100);
      expect(values.filter((v) => v.ok && v.status === 'waiting')).toHaveLength(900);
      const c = await counts(event.id);
      expect(c.confirmed.people).toBe(100);
      expect(c.waiting.n).toBe(900);
      // Each person got exactly one e-mail, and it says what happened to them.
      const mails = await db
        .select({ template: mailOutbox.template, n: sql<number>`count(*)::int` })
        .from(mailOutbox)
        .where(like(mailOutbox.idempotencyKey, 'event-registration:%'))
        .groupBy(mailOutbox.template);
      expect(Object.fromEntries(mails.map((m) => [m.template, m.n]))).toEqual({
        'events.confirmed': 100,
        'events.waiting': 900,
      });
    });

    it('mixed group sizes never exceed capacity and fill it as far as the arrivals allow', async () => {
      const db = database.db;
      const event = await makeEvent(db, { capacity: 100 });
      const sizes = Array.from({ length: 300 }, (_, i) => [1, 1, 2, 3, 5, 8, 13][i % 7]!);
      const inputs = await Promise.all(
        sizes.map((size, i) =>
          signup(db, event.slug, {
            email: `grupo${i}@correo.test`,
            ...(size > 1 ? { isGroup: true, institutionName: 'Secundaria Técnica 3', groupSize: size } : {}),
          }),
        ),
      );
      const results = await Promise.allSettled(inputs.map((input) => registerForEvent(db, input, mailCtx)));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const c = await counts(event.id);
      expect(c.confirmed.people).toBeLessThanOrEqual(100);
      // Singles keep arriving until the end, so the last free seats always get taken.
      expect(c.confirmed.people).toBe(100);
      expect(c.confirmed.n + c.waiting.n).toBe(300);
    });

    it('cancellations promote from the waiting list while sign-ups keep arriving', async () => {
      const db = database.db;
      const event = await makeEvent(db, { capacity: 50 });
      const first = await Promise.all(
        Array.from({ length: 80 }, async (_, i) =>
          registerForEvent(db, await signup(db, event.slug, { email: `primera${i}@correo.test` }), mailCtx),
        ),
      );
      const confirmedIds = first
        .filter((r) => r.ok && r.status === 'confirmed')
        .map((r) => (r.ok ? r.registrationId : 0));
      expect(confirmedIds).toHaveLength(50);
      const laterInputs = await Promise.all(
        Array.from({ length: 200 }, (_, i) => signup(db, event.slug, { email: `despues${i}@correo.test` })),
      );
      const results = await Promise.allSettled([
        ...confirmedIds.slice(0, 20).map((id) => cancelRegistration(db, id, 'attendee', mailCtx)),
        ...laterInputs.map((input) => registerForEvent(db, input, mailCtx)),
      ]);
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const c = await counts(event.id);
      expect(c.cancelled.n).toBe(20);
      expect(c.confirmed.people).toBe(50);
      expect(await confirmedSeats(db, event.id)).toBe(50);
      // Every freed seat went to someone; each promotion was mailed exactly once.
      const promotions = await db
        .select({ key: mailOutbox.idempotencyKey })
        .from(mailOutbox)
        .where(and(eq(mailOutbox.template, 'events.promoted'), like(mailOutbox.toAddress, '%@correo.test')));
      const promotedRegs = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(eventRegistrations)
        .where(
          and(
            eq(eventRegistrations.eventId, event.id),
            eq(eventRegistrations.status, 'confirmed'),
            sql`${eventRegistrations.waitingSince} is not null`,
          ),
        );
      const keysForEvent = promotions.filter((p) => p.key.startsWith('event-promoted:'));
      expect(new Set(keysForEvent.map((k) => k.key)).size).toBe(keysForEvent.length);
      expect(promotedRegs[0]!.n).toBeGreaterThan(0);
      expect(promotedRegs[0]!.n).toBeLessThanOrEqual(20);
    });

    // PostgreSQL only: PGlite runs one transaction at a time, so without the lock it cannot over-book.
    it.runIf(kind === 'postgres')(
      'control: without the row lock the same race over-books (so the test above can fail)',
      async () => {
        const db = database.db;
        const event = await makeEvent(db, { capacity: 100 });
        const inputs = await Promise.all(
          Array.from({ length: 1000 }, (_, i) =>
            signup(db, event.slug, { email: `sinllave${i}@correo.test` }),
          ),
        );
        await Promise.allSettled(
          inputs.map((input) => registerForEvent(db, input, mailCtx, { unsafeSkipLockForTest: true })),
        );
        const c = await counts(event.id);
        expect(c.confirmed.people).toBeGreaterThan(100);
      },
    );
  });
}
