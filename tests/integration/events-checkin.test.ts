import { makeStaffContext } from '~/lib/server/context';
import { eq, like, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { eventImages, eventRegistrations, mailOutbox, users } from '~db/schema';
import { checkinList, checkinState, recordTap } from '~/features/events/checkin.server';
import { createEvent } from '~/features/events/admin.server';
import { checkCoverUpload, getCoverImage, storeImage } from '~/features/events/images.server';
import { registerForEvent } from '~/features/events/registration.server';
import { queueEventReminders } from '~/features/events/reminders.server';
import { describeEachDb } from '../helpers/db';
import { mailCtx, makeEvent, signup } from '../helpers/events';

describeEachDb('events: check-in, reminders, cover images', (ctx) => {
  async function operator() {
    const [u] = await ctx.db
      .insert(users)
      .values({
        name: 'Lucía Chávez',
        email: `op-${Math.random().toString(36).slice(2, 8)}@vinculo.test`,
        role: 'operator',
      })
      .returning();
    return u!.id;
  }

  it('a tap retried with the same id counts once; undo and walk-ins move the headcount', async () => {
    const by = await operator();
    const event = await makeEvent(ctx.db, { capacity: 10 });
    const group = await registerForEvent(
      ctx.db,
      await signup(ctx.db, event.slug, { isGroup: true, institutionName: 'Secundaria 3013', groupSize: 4 }),
      mailCtx,
    );
    const gid = group.ok ? group.registrationId : 0;
    const tap = {
      kind: 'attend' as const,
      clientId: `tap-${Math.random().toString(36).slice(2)}`,
      registrationId: gid,
    };
    const results = await Promise.all([1, 2, 3].map(() => recordTap(ctx.db, event.id, tap, by)));
    expect(results.filter((r) => r.ok && !r.duplicate)).toHaveLength(1);
    expect(await checkinState(ctx.db, event.id)).toEqual({ headcount: 4, walkIns: 0, expected: 4 });
    const walk = {
      kind: 'walk_in' as const,
      clientId: `walk-${Math.random().toString(36).slice(2)}`,
      count: 2,
      name: 'Vecinas de la colonia',
    };
    await recordTap(ctx.db, event.id, walk, by);
    await recordTap(ctx.db, event.id, walk, by);
    expect((await checkinState(ctx.db, event.id)).headcount).toBe(6);
    await recordTap(
      ctx.db,
      event.id,
      { kind: 'undo', clientId: `undo-${Math.random().toString(36).slice(2)}`, registrationId: gid },
      by,
    );
    expect(await checkinState(ctx.db, event.id)).toEqual({ headcount: 2, walkIns: 2, expected: 4 });
    expect((await checkinList(ctx.db, event.id))[0]).toMatchObject({
      id: gid,
      attended: false,
      groupSize: 4,
    });
  });

  it('refuses a registration of another event without recording the tap', async () => {
    const by = await operator();
    const a = await makeEvent(ctx.db);
    const b = await makeEvent(ctx.db);
    const reg = await registerForEvent(ctx.db, await signup(ctx.db, b.slug), mailCtx);
    const clientId = `x-${Math.random().toString(36).slice(2)}`;
    const wrong = await recordTap(
      ctx.db,
      a.id,
      { kind: 'attend', clientId, registrationId: reg.ok ? reg.registrationId : 0 },
      by,
    );
    expect(wrong).toMatchObject({ ok: false, status: 404 });
    // The id was not burnt: the same tap against the right event still applies.
    const right = await recordTap(
      ctx.db,
      b.id,
      { kind: 'attend', clientId, registrationId: reg.ok ? reg.registrationId : 0 },
      by,
    );
    expect(right).toMatchObject({ ok: true, duplicate: false, state: { headcount: 1 } });
  });

  it('queues the day-before reminder once, only for confirmed people registered before the last day', async () => {
    const now = new Date();
    const startsAt = new Date(now.getTime() + 20 * 3_600_000);
    const event = await makeEvent(ctx.db, {
      capacity: 1,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 7_200_000),
      registrationOpensAt: new Date(now.getTime() - 5 * 86_400_000),
      registrationClosesAt: new Date(startsAt.getTime() - 3_600_000),
    });
    const early = new Date(now.getTime() - 3 * 86_400_000);
    const yes = await registerForEvent(
      ctx.db,
      await signup(ctx.db, event.slug, { email: 'recordar@correo.test' }),
      mailCtx,
      { now: early },
    );
    await registerForEvent(
      ctx.db,
      await signup(ctx.db, event.slug, { email: 'enespera@correo.test' }),
      mailCtx,
      { now: early },
    );
    expect(yes).toMatchObject({ status: 'confirmed' });
    const late = await makeEvent(ctx.db, {
      startsAt,
      endsAt: new Date(startsAt.getTime() + 7_200_000),
      registrationClosesAt: new Date(startsAt.getTime() - 3_600_000),
    });
    await registerForEvent(
      ctx.db,
      await signup(ctx.db, late.slug, { email: 'reciente@correo.test' }),
      mailCtx,
    );

    const [first, second] = [
      await queueEventReminders(ctx.db, mailCtx, now),
      await queueEventReminders(ctx.db, mailCtx, now),
    ];
    expect(first).toBeGreaterThanOrEqual(1);
    expect(second).toBe(0);
    const reminders = await ctx.db
      .select()
      .from(mailOutbox)
      .where(like(mailOutbox.idempotencyKey, `event-reminder:${event.id}:%`));
    expect(reminders.map((m) => m.toAddress)).toEqual(['recordar@correo.test']);
    expect(reminders[0]!.subject).toBe(`Mañana: ${event.title}`);
    expect(
      await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'reciente@correo.test')),
    ).toHaveLength(1);
    // Even with the stamp cleared (say, restored from a backup), the outbox key stops a second mail.
    await ctx.db
      .update(eventRegistrations)
      .set({ reminderQueuedAt: null })
      .where(eq(eventRegistrations.eventId, event.id));
    await queueEventReminders(ctx.db, mailCtx, now);
    expect(
      await ctx.db
        .select()
        .from(mailOutbox)
        .where(like(mailOutbox.idempotencyKey, `event-reminder:${event.id}:%`)),
    ).toHaveLength(1);
  });

  it('stores cover bytes in the database and hides covers of drafts from the public', async () => {
    const by = await operator();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    const id = await storeImage(ctx.db, { bytes: png, type: 'image/png' }, by);
    const draft = await makeEvent(ctx.db, { status: 'draft', coverImageId: id });
    expect(await getCoverImage(ctx.db, id, false)).toBeNull();
    const staffView = await getCoverImage(ctx.db, id, true);
    expect(Buffer.compare(staffView!.bytes, png)).toBe(0);
    await ctx.db
      .update((await import('~db/schema')).events)
      .set({ status: 'published' })
      .where(eq((await import('~db/schema')).events.id, draft.id));
    expect((await getCoverImage(ctx.db, id, false))?.contentType).toBe('image/png');
    const [row] = await ctx.db
      .select({ size: eventImages.size })
      .from(eventImages)
      .where(eq(eventImages.id, id));
    expect(row!.size).toBe(12);
  });

  it('a 1.9 MB cover saves; a refused save leaves no orphan image; over 2 MB is refused with a message (issue 12 #8)', async () => {
    const by = await operator();
    const actor = { id: by, email: 'x@vinculo.test', name: 'Lucía Chávez', role: 'comms' as const };
    const png = Buffer.alloc(1_900_000, 7);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const file = new File([png], 'portada.png', { type: 'image/png' });
    const checked = await checkCoverUpload(file);
    if (!checked.ok) throw new Error(checked.error);
    const store = (tx: Parameters<typeof storeImage>[0]) => storeImage(tx, checked, by);
    const taken = await makeEvent(ctx.db, {});
    const form = {
      title: 'Feria de prevención',
      slug: taken.slug,
      summary: '',
      description: '',
      place: 'Plaza de Armas',
      address: '',
      municipalityId: '08019',
      capacity: 50,
      startsAt: '2030-05-10T17:00',
      endsAt: '2030-05-10T19:00',
      registrationOpensAt: '2026-01-01T09:00',
      registrationClosesAt: '2030-05-10T12:00',
      waitlistEnabled: true,
      coverAlt: 'Cartel de la feria',
    };
    const images = async () =>
      (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(eventImages))[0]!.n;
    const before = await images();
    const refused = await createEvent(
      makeStaffContext({ db: ctx.db, user: actor, ip: null, zone: 'America/Chihuahua' }),
      form,
      store,
    );
    expect(refused).toMatchObject({ ok: false, errors: { slug: 'Ya hay un evento con esa dirección.' } });
    expect(await images()).toBe(before); // nothing stored for a save that did not happen
    const saved = await createEvent(
      makeStaffContext({ db: ctx.db, user: actor, ip: null, zone: 'America/Chihuahua' }),
      { ...form, slug: `feria-${Math.random().toString(36).slice(2, 8)}` },
      store,
    );
    expect(saved.ok).toBe(true);
    expect(await images()).toBe(before + 1);
    const big = new File([Buffer.alloc(2_500_000, 7)], 'grande.png', { type: 'image/png' });
    expect(await checkCoverUpload(big)).toEqual({
      ok: false,
      error: 'La imagen pesa más de 2 MB: redúcela e inténtalo de nuevo.',
    });
  });
});
