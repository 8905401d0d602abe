import { makeStaffContext } from '~/lib/server/context';
import { and, eq, like, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import {
  eventRegistrationLinks,
  eventRegistrations,
  events,
  mailOutbox,
  privacyNotices,
  rateLimits,
  users,
} from '~db/schema';
import { cancelEvent, moveRegistration, publishEvent, updateEvent } from '~/features/events/admin.server';
import {
  cancelByToken,
  cancelRegistration,
  getRegistrationByToken,
  registerForEvent,
} from '~/features/events/registration.server';
import { describeEachDb } from '../helpers/db';
import { mailCtx, makeEvent, signup } from '../helpers/events';

const linkFrom = (text: string) => /\/registro\/([a-z2-7]+)/.exec(text)?.[1] ?? null;

describeEachDb('events: registration rules', (ctx) => {
  async function mailsTo(email: string) {
    return ctx.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email)).orderBy(mailOutbox.id);
  }
  async function staff() {
    const [u] = await ctx.db
      .insert(users)
      .values({
        name: 'Daniela Quintana',
        email: `comms-${Math.random().toString(36).slice(2, 8)}@vinculo.test`,
        role: 'comms',
      })
      .returning();
    return { id: u!.id, name: u!.name, email: u!.email, role: u!.role };
  }
  const meta = { ip: '10.0.0.9' };

  it('a change to the event between two sign-ups reaches the second one: its mail states the new place and its seat count is exact', async () => {
    const event = await makeEvent(ctx.db, { capacity: 2, waitlistEnabled: false });
    const first = await registerForEvent(
      ctx.db,
      await signup(ctx.db, event.slug, { email: 'antes@correo.test' }),
      mailCtx,
    );
    expect(first).toMatchObject({ ok: true, status: 'confirmed' });
    // Changed outside the app, so neither sequence nor updated_at moves: the place.
    await ctx.db.execute(sql`update events set place = 'Auditorio Municipal' where id = ${event.id}`);
    const second = await registerForEvent(
      ctx.db,
      await signup(ctx.db, event.slug, { email: 'despues@correo.test' }),
      mailCtx,
    );
    expect(second).toMatchObject({ ok: true, status: 'confirmed' });
    const [mail] = await mailsTo('despues@correo.test');
    expect(mail!.text).toContain('Auditorio Municipal');
    expect(mail!.text).not.toContain(event.place);
    // And the capacity, changed the same way: a seat more, then down to two, fewer than are taken.
    await ctx.db.execute(sql`update events set capacity = 3 where id = ${event.id}`);
    expect(
      await registerForEvent(
        ctx.db,
        await signup(ctx.db, event.slug, { email: 'cuarta@correo.test' }),
        mailCtx,
      ),
    ).toMatchObject({ ok: true, status: 'confirmed' });
    await ctx.db.execute(sql`update events set capacity = 2 where id = ${event.id}`);
    expect(
      await registerForEvent(
        ctx.db,
        await signup(ctx.db, event.slug, { email: 'quinta@correo.test' }),
        mailCtx,
      ),
    ).toMatchObject({ ok: false, reason: 'full' });
    expect(await mailsTo('quinta@correo.test')).toHaveLength(0);
  });

  it('confirms a sign-up, records consent with the notice id, and mails a working manage link with an .ics', async () => {
    const event = await makeEvent(ctx.db, { capacity: 5 });
    const input = await signup(ctx.db, event.slug, { email: 'lupita@correo.test' });
    const result = await registerForEvent(ctx.db, input, mailCtx);
    expect(result).toMatchObject({ ok: true, status: 'confirmed', existing: false });
    const [reg] = await ctx.db
      .select()
      .from(eventRegistrations)
      .where(eq(eventRegistrations.email, 'lupita@correo.test'));
    expect(reg!.privacyNoticeId).toBe(input.privacyNoticeId);
    expect(reg!.consentedAt).toBeInstanceOf(Date);
    const [mail] = await mailsTo('lupita@correo.test');
    expect(mail!.subject).toBe(`Tu lugar está confirmado: ${event.title}`);
    expect(mail!.attachments[0]!.filename).toBe('evento.ics');
    expect(Buffer.from(mail!.attachments[0]!.content, 'base64').toString()).toContain('BEGIN:VEVENT');
    const token = linkFrom(mail!.text)!;
    expect((await getRegistrationByToken(ctx.db, token))?.registration.id).toBe(reg!.id);
    // Only a hash is stored: the token itself appears nowhere in the registration tables.
    expect(JSON.stringify(await ctx.db.select().from(eventRegistrations))).not.toContain(token);
  });

  it('gives a repeat its existing registration back, with a fresh link, without a second seat', async () => {
    const event = await makeEvent(ctx.db, { capacity: 5 });
    const input = await signup(ctx.db, event.slug, { email: 'repite@correo.test' });
    const first = await registerForEvent(ctx.db, input, mailCtx);
    const again = await registerForEvent(
      ctx.db,
      { ...input, email: 'REPITE@correo.test'.toLowerCase(), name: 'Otra Persona' },
      mailCtx,
    );
    expect(again).toEqual({
      ok: true,
      status: 'confirmed',
      registrationId: first.ok ? first.registrationId : -1,
      existing: true,
    });
    expect(
      await ctx.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id)),
    ).toHaveLength(1);
    // A third try within ten minutes does not flood the inbox.
    await registerForEvent(ctx.db, input, mailCtx);
    const mails = await mailsTo('repite@correo.test');
    expect(mails.map((m) => m.template)).toEqual(['events.confirmed', 'events.existing']);
    const links = await ctx.db
      .select()
      .from(eventRegistrationLinks)
      .where(eq(eventRegistrationLinks.registrationId, first.ok ? first.registrationId : 0));
    expect(links).toHaveLength(2);
    const [oldToken, newToken] = mails.map((m) => linkFrom(m.text)!);
    expect(oldToken).not.toBe(newToken);
    expect(await getRegistrationByToken(ctx.db, oldToken!)).not.toBeNull();
    expect(await getRegistrationByToken(ctx.db, newToken!)).not.toBeNull();
  });

  it('re-sends the manage link at most once per ten minutes per address, even across a clock boundary (issue 12 #11)', async () => {
    const event = await makeEvent(ctx.db, { capacity: 5 });
    const email = `ventana-${Math.random().toString(36).slice(2, 8)}@correo.test`;
    const input = await signup(ctx.db, event.slug, { email });
    await registerForEvent(ctx.db, input, mailCtx);
    // Seconds apart but on both sides of a ten-minute mark: still one re-send.
    const edge = Math.ceil(Date.now() / 600_000) * 600_000;
    await registerForEvent(ctx.db, input, mailCtx, { now: new Date(edge - 1_000) });
    await registerForEvent(ctx.db, input, mailCtx, { now: new Date(edge + 1_000) });
    for (let i = 0; i < 5; i++) await registerForEvent(ctx.db, input, mailCtx);
    expect((await mailsTo(email)).map((m) => m.template)).toEqual(['events.confirmed', 'events.existing']);
    // Only the links that were mailed exist.
    const [reg] = await ctx.db.select().from(eventRegistrations).where(eq(eventRegistrations.email, email));
    expect(
      await ctx.db
        .select()
        .from(eventRegistrationLinks)
        .where(eq(eventRegistrationLinks.registrationId, reg!.id)),
    ).toHaveLength(2);
    // Ten minutes later, one more.
    await ctx.db
      .update(rateLimits)
      .set({ windowStart: sql`now() - interval '11 minutes'` })
      .where(eq(rateLimits.key, `event-link:${email}`));
    await registerForEvent(ctx.db, input, mailCtx);
    await registerForEvent(ctx.db, input, mailCtx);
    expect((await mailsTo(email)).map((m) => m.template)).toEqual([
      'events.confirmed',
      'events.existing',
      'events.existing',
    ]);
  });

  it('refuses outside the registration window, drafts, cancelled events and a stale privacy notice', async () => {
    const now = Date.now();
    const notYet = await makeEvent(ctx.db, {
      registrationOpensAt: new Date(now + 3_600_000),
      registrationClosesAt: new Date(now + 7_200_000),
    });
    const closed = await makeEvent(ctx.db, {
      registrationOpensAt: new Date(now - 7_200_000),
      registrationClosesAt: new Date(now - 3_600_000),
    });
    const draft = await makeEvent(ctx.db, { status: 'draft' });
    const cancelled = await makeEvent(ctx.db, { status: 'cancelled' });
    expect(await registerForEvent(ctx.db, await signup(ctx.db, notYet.slug), mailCtx)).toEqual({
      ok: false,
      reason: 'not_open',
    });
    expect(await registerForEvent(ctx.db, await signup(ctx.db, closed.slug), mailCtx)).toEqual({
      ok: false,
      reason: 'closed',
    });
    expect(await registerForEvent(ctx.db, await signup(ctx.db, draft.slug), mailCtx)).toEqual({
      ok: false,
      reason: 'not_found',
    });
    expect(await registerForEvent(ctx.db, await signup(ctx.db, cancelled.slug), mailCtx)).toEqual({
      ok: false,
      reason: 'cancelled',
    });
    const open = await makeEvent(ctx.db);
    const stale = await signup(ctx.db, open.slug);
    await ctx.db.insert(privacyNotices).values({
      kind: 'integral',
      version: `2099-${Math.random()}`,
      title: 'Aviso',
      body: 'Nuevo texto',
      publishedAt: new Date(Date.now() + 1000),
    });
    expect(await registerForEvent(ctx.db, stale, mailCtx)).toEqual({ ok: false, reason: 'privacy_changed' });
    const fresh = await signup(ctx.db, open.slug);
    expect((await registerForEvent(ctx.db, fresh, mailCtx)).ok).toBe(true);
  });

  it('puts people on the waiting list when full, or says full when the event has none', async () => {
    const withList = await makeEvent(ctx.db, { capacity: 2 });
    const noList = await makeEvent(ctx.db, { capacity: 2, waitlistEnabled: false });
    for (const e of [withList, noList]) {
      expect(
        await registerForEvent(
          ctx.db,
          await signup(ctx.db, e.slug, { isGroup: true, institutionName: 'CBTIS 128', groupSize: 2 }),
          mailCtx,
        ),
      ).toMatchObject({ status: 'confirmed' });
    }
    const waiting = await registerForEvent(
      ctx.db,
      await signup(ctx.db, withList.slug, { email: 'espera@correo.test' }),
      mailCtx,
    );
    expect(waiting).toMatchObject({ ok: true, status: 'waiting' });
    expect((await mailsTo('espera@correo.test'))[0]!.subject).toMatch(/^Estás en la lista de espera/);
    expect(await registerForEvent(ctx.db, await signup(ctx.db, noList.slug), mailCtx)).toEqual({
      ok: false,
      reason: 'full',
    });
    expect(
      await registerForEvent(
        ctx.db,
        await signup(ctx.db, withList.slug, { isGroup: true, institutionName: 'Prepa', groupSize: 3 }),
        mailCtx,
      ),
    ).toEqual({
      ok: false,
      reason: 'group_too_large',
      capacity: 2,
    });
  });

  it('a cancellation promotes the first waiting people whose group fits, each mailed once', async () => {
    const event = await makeEvent(ctx.db, { capacity: 4 });
    const a = await registerForEvent(
      ctx.db,
      await signup(ctx.db, event.slug, {
        email: 'a@correo.test',
        isGroup: true,
        institutionName: 'Esc. A',
        groupSize: 3,
      }),
      mailCtx,
    );
    await registerForEvent(ctx.db, await signup(ctx.db, event.slug, { email: 'b@correo.test' }), mailCtx);
    const big = await registerForEvent(
      ctx.db,
      await signup(ctx.db, event.slug, {
        email: 'grande@correo.test',
        isGroup: true,
        institutionName: 'Esc. G',
        groupSize: 4,
      }),
      mailCtx,
    );
    const c = await registerForEvent(
      ctx.db,
      await signup(ctx.db, event.slug, {
        email: 'c@correo.test',
        isGroup: true,
        institutionName: 'Esc. C',
        groupSize: 2,
      }),
      mailCtx,
    );
    const d = await registerForEvent(
      ctx.db,
      await signup(ctx.db, event.slug, { email: 'd@correo.test' }),
      mailCtx,
    );
    expect([big, c, d].map((r) => r.ok && r.status)).toEqual(['waiting', 'waiting', 'waiting']);
    // Three seats free up: the group of 4 does not fit, the group of 2 and the single behind it do.
    const token = linkFrom((await mailsTo('a@correo.test'))[0]!.text)!;
    const result = await cancelByToken(ctx.db, token, mailCtx);
    expect(result).toEqual({
      ok: true,
      promoted: [c.ok ? c.registrationId : 0, d.ok ? d.registrationId : 0],
    });
    expect((await mailsTo('c@correo.test')).map((m) => m.template)).toEqual([
      'events.waiting',
      'events.promoted',
    ]);
    expect((await mailsTo('grande@correo.test')).map((m) => m.template)).toEqual(['events.waiting']);
    expect((await mailsTo('a@correo.test')).map((m) => m.template)).toEqual([
      'events.confirmed',
      'events.cancelled',
    ]);
    // Retrying the cancel changes nothing and sends nothing.
    expect(await cancelByToken(ctx.db, token, mailCtx)).toEqual({ ok: false, reason: 'already_cancelled' });
    expect(await cancelRegistration(ctx.db, a.ok ? a.registrationId : 0, 'staff', mailCtx)).toEqual({
      ok: false,
      reason: 'already_cancelled',
    });
    expect(
      await ctx.db
        .select()
        .from(mailOutbox)
        .where(like(mailOutbox.idempotencyKey, `event-promoted:${c.ok ? c.registrationId : 0}:%`)),
    ).toHaveLength(1);
  });

  it('staff: capacity cannot drop below confirmed seats; raising it promotes; moves respect capacity', async () => {
    const actor = await staff();
    const event = await makeEvent(ctx.db, { capacity: 2 });
    const one = await registerForEvent(ctx.db, await signup(ctx.db, event.slug), mailCtx);
    await registerForEvent(ctx.db, await signup(ctx.db, event.slug), mailCtx);
    const w = await registerForEvent(
      ctx.db,
      await signup(ctx.db, event.slug, { email: 'w@correo.test' }),
      mailCtx,
    );
    const form = {
      title: event.title,
      slug: event.slug,
      summary: '',
      description: '',
      place: event.place,
      address: '',
      municipalityId: '08019',
      startsAt: '2030-03-10T17:00',
      endsAt: '2030-03-10T19:00',
      registrationOpensAt: '2026-01-01T09:00',
      registrationClosesAt: '2030-03-10T12:00',
      waitlistEnabled: true,
      coverAlt: '',
    };
    const low = await updateEvent(
      makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip, zone: 'America/Chihuahua' }),
      event.id,
      { ...form, capacity: 1 },
      null,
      mailCtx,
    );
    expect(low).toMatchObject({
      ok: false,
      errors: { capacity: expect.stringContaining('Ya hay 2 lugares confirmados') },
    });
    // A waiting person cannot be confirmed by staff while the event is full…
    const wid = w.ok ? w.registrationId : 0;
    expect(
      await moveRegistration(
        makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip }),
        wid,
        'confirmed',
        mailCtx,
      ),
    ).toMatchObject({
      ok: false,
      error: expect.stringContaining('No hay lugar'),
    });
    // …until a confirmed one moves to the list, which frees the seat for staff to give.
    expect(
      await moveRegistration(
        makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip }),
        one.ok ? one.registrationId : 0,
        'waiting',
        mailCtx,
      ),
    ).toEqual({ ok: true });
    expect(
      await moveRegistration(
        makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip }),
        wid,
        'confirmed',
        mailCtx,
      ),
    ).toEqual({ ok: true });
    const raised = await updateEvent(
      makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip, zone: 'America/Chihuahua' }),
      event.id,
      { ...form, capacity: 3 },
      null,
      mailCtx,
    );
    // The date moved too: the three still registered were told (the form's box is not involved here).
    expect(raised).toEqual({
      ok: true,
      id: event.id,
      promoted: [one.ok ? one.registrationId : 0],
      told: { notified: true, registrations: 3 },
    });
    const [saved] = await ctx.db.select().from(events).where(eq(events.id, event.id));
    // 17:00 in Chihuahua (UTC−6 all year) is 23:00 UTC.
    expect(saved!.startsAt.toISOString()).toBe('2030-03-10T23:00:00.000Z');
    // The date moved: everyone still registered gets the news once, with the new calendar file.
    const news = await ctx.db
      .select()
      .from(mailOutbox)
      .where(like(mailOutbox.idempotencyKey, `event-updated:${event.id}:%`));
    expect(news).toHaveLength(3);
    expect(news[0]!.subject).toBe(`Cambió la fecha o el lugar: ${event.title}`);
    expect(Buffer.from(news[0]!.attachments[0]!.content, 'base64').toString()).toContain(
      'DTSTART:20300310T230000Z',
    );
    const again = await updateEvent(
      makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip, zone: 'America/Chihuahua' }),
      event.id,
      { ...form, capacity: 3 },
      null,
      mailCtx,
    );
    expect(again.ok).toBe(true);
    expect(
      await ctx.db
        .select()
        .from(mailOutbox)
        .where(like(mailOutbox.idempotencyKey, `event-updated:${event.id}:%`)),
    ).toHaveLength(3);
  });

  it('staff: publishing follows the status table and cancelling mails everyone still registered, once', async () => {
    const actor = await staff();
    const draft = await makeEvent(ctx.db, { status: 'draft' });
    expect(await publishEvent(makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip }), draft.id)).toEqual({
      ok: true,
    });
    expect(await publishEvent(makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip }), draft.id)).toEqual({
      ok: false,
      error: 'Este evento ya no se puede publicar.',
    });
    await registerForEvent(ctx.db, await signup(ctx.db, draft.slug, { email: 'x1@correo.test' }), mailCtx);
    const gone = await registerForEvent(
      ctx.db,
      await signup(ctx.db, draft.slug, { email: 'x2@correo.test' }),
      mailCtx,
    );
    await cancelRegistration(ctx.db, gone.ok ? gone.registrationId : 0, 'attendee', mailCtx);
    expect(
      await cancelEvent(
        makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip }),
        draft.id,
        'El recinto no estará disponible por mantenimiento.',
        mailCtx,
      ),
    ).toEqual({ ok: true, notified: 1 });
    expect(
      await cancelEvent(
        makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip }),
        draft.id,
        'Otra vez',
        mailCtx,
      ),
    ).toMatchObject({
      ok: false,
    });
    const cancelMails = await ctx.db
      .select()
      .from(mailOutbox)
      .where(
        and(eq(mailOutbox.template, 'events.eventCancelled'), like(mailOutbox.toAddress, 'x%@correo.test')),
      );
    expect(cancelMails.map((m) => m.toAddress)).toEqual(['x1@correo.test']);
    expect(cancelMails[0]!.text).toContain('El recinto no estará disponible por mantenimiento.');
    expect(Buffer.from(cancelMails[0]!.attachments[0]!.content, 'base64').toString()).toContain(
      'STATUS:CANCELLED',
    );
  });
});
