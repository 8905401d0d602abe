import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { events } from '~db/schema';
import { cancelRegistration, registerForEvent } from '~/features/events/registration.server';
import {
  type NotificationClient,
  VERSION_CHANNELS,
  notifiedVersion,
  readFingerprint,
  readVersions,
} from '~/features/requests/public-cache.server';
import { describeEachDb } from '../helpers/db';
import { mailCtx, makeEvent, signup } from '../helpers/events';

// The public event pages are cached under the 'events' counter (migration 0015): whatever
// changes who holds a seat, or the event itself, must move it in the same transaction.
describeEachDb('events: the public pages version', (ctx) => {
  it('moves with every sign-up, cancellation and edit, and only then', async () => {
    const event = await makeEvent(ctx.db, { capacity: 3 });
    const v0 = await readFingerprint(ctx.db, 'events');
    const result = await registerForEvent(
      ctx.db,
      await signup(ctx.db, event.slug, { email: 'v1@correo.test' }),
      mailCtx,
    );
    expect(result.ok).toBe(true);
    const v1 = await readFingerprint(ctx.db, 'events');
    expect(Number(v1)).toBeGreaterThan(Number(v0));
    // A refused sign-up (window closed) writes nothing and leaves the pages as they are.
    await ctx.db
      .update(events)
      .set({ registrationClosesAt: new Date(Date.now() - 1000) })
      .where(eq(events.id, event.id));
    const v2 = await readFingerprint(ctx.db, 'events');
    expect(Number(v2)).toBeGreaterThan(Number(v1));
    const refused = await registerForEvent(
      ctx.db,
      await signup(ctx.db, event.slug, { email: 'v2@correo.test' }),
      mailCtx,
    );
    expect(refused).toMatchObject({ ok: false, reason: 'closed' });
    expect(await readFingerprint(ctx.db, 'events')).toBe(v2);
    if (result.ok) await cancelRegistration(ctx.db, result.registrationId, 'attendee', mailCtx);
    const v3 = await readFingerprint(ctx.db, 'events');
    expect(Number(v3)).toBeGreaterThan(Number(v2));
    // One read gives both counters; a sign-up leaves the public content one alone.
    expect(await readVersions(ctx.db)).toEqual({
      public: await readFingerprint(ctx.db, 'public'),
      events: v3,
    });
  });

  // PGlite only: its version is pushed by NOTIFY in-process; PostgreSQL instances read it per request batch instead.
  it.runIf(ctx.kind === 'pglite')(
    'with the embedded database, the pushed version has moved when the sign-up returns',
    async () => {
      const client = (ctx.db as unknown as { $client: NotificationClient }).$client;
      const version = await notifiedVersion(
        client,
        () => readFingerprint(ctx.db, 'events'),
        VERSION_CHANNELS.events,
      );
      const event = await makeEvent(ctx.db, { capacity: 3 });
      const before = version();
      await registerForEvent(
        ctx.db,
        await signup(ctx.db, event.slug, { email: 'push@correo.test' }),
        mailCtx,
      );
      expect(Number(version())).toBeGreaterThan(Number(before));
      expect(version()).toBe(await readFingerprint(ctx.db, 'events'));
    },
  );
});
