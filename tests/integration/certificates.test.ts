import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import {
  activities,
  auditLog,
  certificates,
  eventRegistrationLinks,
  eventRegistrations,
  operatorBookings,
  workshopRequestTopics,
  workshops,
} from '~db/schema';
import {
  VERIFY_LIMIT,
  attendeeCertificate,
  attendeeCertificateAvailable,
  certificatesPdf,
  eventCertificates,
  facilitatorCertificate,
  groupCertificate,
  groupCertificateAvailable,
  verifyCertificate,
} from '~/features/certificates';
import { createEvent } from '~/features/events/admin.server';
import { recordTap } from '~/features/events/checkin.server';
import { EventFormSchema } from '~/features/events/schemas';
import { saveWorkshop } from '~/features/requests/catalogue.server';
import { WorkshopSchema } from '~/features/requests/schemas';
import { registerForEvent } from '~/features/events/registration.server';
import { makeContext, makeStaffContext } from '~/lib/server/context';
import { getCurrentPrivacyNotice } from '~/lib/server/privacy';
import { generateToken, hashToken } from '~/lib/server/tokens';
import { describeEachDb } from '../helpers/db';
import { mailCtx, makeEvent, signup } from '../helpers/events';
import { makePerson, makeRequest } from '../fixtures/scheduling';
import { pdfPagesText } from '../helpers/pdf-text';

describeEachDb('constancias', (t) => {
  const ctx = (ip = `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) =>
    makeContext({ db: t.db, ip, publicUrl: 'https://vinculo.example' });

  /** A registration with its own manage link (the token the e-mail would carry). */
  async function register(eventSlug: string, overrides: Parameters<typeof signup>[2] = {}) {
    const result = await registerForEvent(t.db, await signup(t.db, eventSlug, overrides), mailCtx);
    if (!result.ok) throw new Error(result.reason);
    const token = generateToken();
    await t.db
      .insert(eventRegistrationLinks)
      .values({ tokenHash: hashToken(token), registrationId: result.registrationId });
    return { id: result.registrationId, token };
  }

  async function checkIn(eventId: number, registrationId: number, by: number) {
    const tap = {
      kind: 'attend' as const,
      clientId: `t-${Math.random().toString(36).slice(2)}`,
      registrationId,
    };
    expect((await recordTap(t.db, eventId, tap, by)).ok).toBe(true);
  }

  it('only checked-in attendees get one; its code is long, unique, stored and the same on every download', async () => {
    const staff = await makePerson(t.db, 'comms');
    const event = await makeEvent(t.db, {
      startsAt: new Date(Date.now() - 3_600_000),
      endsAt: new Date(Date.now() + 3_600_000),
      registrationClosesAt: new Date(Date.now() + 1_800_000),
      hours: 2,
    });
    const came = await register(event.slug, { name: 'Rosa Elena Gardea' });
    const group = await register(event.slug, {
      name: 'Profr. Julián Ortiz',
      isGroup: true,
      institutionName: 'Secundaria 3013',
      groupSize: 6,
      registrationType: 'group',
    });
    const absent = await register(event.slug, { name: 'Nadia Absent' });
    await checkIn(event.id, came.id, staff.id);
    await checkIn(event.id, group.id, staff.id);
    await recordTap(
      t.db,
      event.id,
      { kind: 'walk_in', clientId: `w-${Math.random()}`, count: 1, name: 'Vecina sin registro' },
      staff.id,
    );
    await recordTap(
      t.db,
      event.id,
      { kind: 'walk_in', clientId: `w-${Math.random()}`, count: 3, name: '' },
      staff.id,
    );

    expect(await attendeeCertificateAvailable(ctx(), absent.token)).toBe(false);
    expect(await attendeeCertificate(ctx(), absent.token)).toBeNull();
    expect(await attendeeCertificateAvailable(ctx(), came.token)).toBe(true);
    // Asking whether it is available issues nothing.
    expect(
      await t.db.select().from(certificates).where(eq(certificates.registrationId, came.id)),
    ).toHaveLength(0);

    const first = await attendeeCertificate(ctx(), came.token);
    const again = await attendeeCertificate(ctx(), came.token);
    expect(first!.doc.code).toMatch(/^[a-z2-7]{24}$/);
    expect(again!.doc.code).toBe(first!.doc.code);
    expect(first!.doc).toMatchObject({
      participant: 'Rosa Elena Gardea',
      hours: 2,
      count: 1,
      place: expect.stringContaining('Plaza Mayor'),
    });
    const [stored] = await t.db.select().from(certificates).where(eq(certificates.registrationId, came.id));
    expect(stored!.code).toBe(first!.doc.code);

    // Two first downloads at once still agree on one code.
    const [a, b] = await Promise.all([
      attendeeCertificate(ctx(), group.token),
      attendeeCertificate(ctx(), group.token),
    ]);
    expect(a!.doc.code).toBe(b!.doc.code);
    expect(a!.doc).toMatchObject({ count: 6, institution: 'Secundaria 3013' });

    // Staff: one PDF, a page per checked-in person and named walk-in, in name order; audited.
    const all = await eventCertificates(
      makeStaffContext({ db: t.db, user: staff, ip: '10.0.0.9' }),
      event.id,
    );
    expect(all!.docs.map((d) => d.participant)).toEqual([
      'Profr. Julián Ortiz',
      'Rosa Elena Gardea',
      'Vecina sin registro',
    ]);
    expect(new Set(all!.docs.map((d) => d.code)).size).toBe(3);
    expect(all!.docs.find((d) => d.participant === 'Rosa Elena Gardea')!.code).toBe(first!.doc.code);
    const pages = await pdfPagesText(await certificatesPdf(ctx(), all!.docs, 'es'));
    expect(pages).toHaveLength(3);
    expect(pages[1]).toContain('Rosa Elena Gardea');
    expect(pages[0]).toContain('asistió, con un grupo de 6 personas de Secundaria 3013, al evento');
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.action} = 'certificate.download' and ${auditLog.entityId} = ${String(event.id)}`);
    expect(audit).toMatchObject({ actorUserId: staff.id, entity: 'event', details: { count: 3 } });
    // The audit keeps no code.
    expect(JSON.stringify(audit)).not.toContain(first!.doc.code);

    const codes = await t.db.select({ code: certificates.code }).from(certificates);
    expect(new Set(codes.map((c) => c.code)).size).toBe(codes.length);
    await expect(
      t.db.insert(certificates).values({ code: 'corto', kind: 'attendee', registrationId: absent.id }),
    ).rejects.toThrow();
  });

  it('the check page shows only name, activity and date; an unknown code or an undone check-in is not found', async () => {
    const staff = await makePerson(t.db, 'operator');
    const event = await makeEvent(t.db, {
      title: 'Plática: denuncia segura',
      municipalityId: '08037',
      startsAt: new Date('2026-01-15T17:00:00Z'),
      endsAt: new Date('2026-01-15T19:00:00Z'),
      registrationOpensAt: new Date('2026-01-01T00:00:00Z'),
      registrationClosesAt: new Date('2026-01-15T16:00:00Z'),
    });
    const notice = await getCurrentPrivacyNotice(t.db);
    const reg = await t.db
      .insert(eventRegistrations)
      .values({
        eventId: event.id,
        status: 'confirmed',
        name: 'Zoë Łukasz 李',
        email: `z${Math.random()}@x.test`,
        municipalityId: '08037',
        heardFrom: 'otro',
        privacyNoticeId: notice!.id,
        consentedAt: new Date(),
      })
      .returning();
    const token = generateToken();
    await t.db
      .insert(eventRegistrationLinks)
      .values({ tokenHash: hashToken(token), registrationId: reg[0]!.id });
    await t.db
      .update(eventRegistrations)
      .set({ attendedAt: new Date(), attendedCount: 1 })
      .where(eq(eventRegistrations.id, reg[0]!.id));
    const issued = await attendeeCertificate(ctx(), token);
    // A name the fonts cannot draw still makes a PDF; the check page shows it as written.
    const [page] = await pdfPagesText(await certificatesPdf(ctx(), [issued!.doc], 'es'));
    expect(page).toContain('Zoë Lukasz');

    const found = await verifyCertificate(ctx(), issued!.doc.code.toUpperCase(), 'es');
    expect(found).toEqual({
      status: 'found',
      participant: 'Zoë Łukasz 李',
      title: 'Plática: denuncia segura',
      date: '15 de enero de 2026',
    });
    expect((await verifyCertificate(ctx(), 'a'.repeat(24), 'es')).status).toBe('not_found');
    expect((await verifyCertificate(ctx(), 'no-es-un-codigo', 'es')).status).toBe('not_found');

    // Check-in undone: the constancia no longer verifies.
    const undo = await recordTap(
      t.db,
      event.id,
      { kind: 'undo', clientId: `u-${Math.random()}`, registrationId: reg[0]!.id },
      staff.id,
    );
    expect(undo.ok).toBe(true);
    expect((await verifyCertificate(ctx(), issued!.doc.code, 'es')).status).toBe('not_found');
  });

  it('is rate-limited per address, in the database', async () => {
    const ip = `10.250.${Math.floor(Math.random() * 250)}.1`;
    for (let i = 0; i < VERIFY_LIMIT; i++)
      expect((await verifyCertificate(ctx(ip), 'b'.repeat(24), 'es')).status).toBe('not_found');
    const limited = await verifyCertificate(ctx(ip), 'b'.repeat(24), 'es');
    expect(limited).toMatchObject({ status: 'limited' });
    expect((await verifyCertificate(ctx(), 'b'.repeat(24), 'es')).status).toBe('not_found');
  });

  it('a workshop: the group constancia counts the recorded attendance; the facilitator gets one too', async () => {
    const operator = await makePerson(t.db, 'operator', 'Lucía Chávez Ríos');
    const other = await makePerson(t.db, 'operator');
    const token = generateToken();
    const request = await makeRequest(t.db, {
      tokenHash: hashToken(token),
      status: 'completed',
      institutionName: 'Primaria Benito Juárez',
    });
    const [topic] = await t.db
      .insert(workshops)
      .values({
        slug: `ciber-${Math.random().toString(36).slice(2, 7)}`,
        title: 'Ciberacoso',
        titleEn: 'Cyberbullying',
        summary: 'Reconocerlo y pedir ayuda.',
        audience: 'Primaria',
        durationMinutes: 90,
        hours: 1.5,
      })
      .returning();
    await t.db.insert(workshopRequestTopics).values({ requestId: request.id, workshopId: topic!.id });
    const startsAt = new Date(Date.now() - 3 * 86_400_000);
    const [activity] = await t.db
      .insert(activities)
      .values({
        type: 'workshop',
        title: 'Taller en Primaria Benito Juárez',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
        timeZone: 'America/Chihuahua',
        place: 'Aula magna',
        municipalityId: '08019',
        status: 'confirmed',
        workshopRequestId: request.id,
      })
      .returning();
    await t.db.insert(operatorBookings).values({
      operatorId: operator.id,
      kind: 'activity',
      activityId: activity!.id,
      startsAt: activity!.startsAt,
      endsAt: activity!.endsAt,
    });

    // Before attendance is recorded: nothing.
    expect(await groupCertificateAvailable(ctx(), request.id)).toBe(false);
    expect(await groupCertificate(ctx(), token, 'es')).toBeNull();
    expect(
      await facilitatorCertificate(makeStaffContext({ db: t.db, user: operator }), activity!.id, operator.id),
    ).toBeNull();

    await t.db
      .update(activities)
      .set({ status: 'done', attendanceTotal: 28 })
      .where(eq(activities.id, activity!.id));
    expect(await groupCertificateAvailable(ctx(), request.id)).toBe(true);
    const group = await groupCertificate(ctx(), token, 'es');
    expect(group).toMatchObject({
      kind: 'group',
      participant: 'Primaria Benito Juárez',
      count: 28,
      title: 'Ciberacoso',
      hours: 1.5,
    });
    expect((await groupCertificate(ctx(), token, 'es'))!.code).toBe(group!.code);
    expect((await groupCertificate(ctx(), token, 'en'))!.title).toBe('Cyberbullying');
    const [page] = await pdfPagesText(await certificatesPdf(ctx(), [group!], 'es'));
    expect(page).toContain('participó, con un grupo de 28 personas, en el taller');
    expect(page).toContain('Duración: 1.5 horas.');

    // The recorded headcount is what it states, when it changes too.
    await t.db.update(activities).set({ attendanceTotal: 31 }).where(eq(activities.id, activity!.id));
    expect((await groupCertificate(ctx(), token, 'es'))!.count).toBe(31);

    const mine = await facilitatorCertificate(
      makeStaffContext({ db: t.db, user: operator }),
      activity!.id,
      operator.id,
    );
    expect(mine).toMatchObject({
      kind: 'facilitator',
      participant: 'Lucía Chávez Ríos',
      institution: 'Primaria Benito Juárez',
      count: 31,
    });
    expect(mine!.code).not.toBe(group!.code);
    expect(
      await facilitatorCertificate(makeStaffContext({ db: t.db, user: other }), activity!.id, other.id),
    ).toBeNull();
    const verified = await verifyCertificate(ctx(), mine!.code, 'es');
    expect(verified).toMatchObject({
      status: 'found',
      participant: 'Lucía Chávez Ríos',
      title: 'Ciberacoso',
    });
    expect(await verifyCertificate(ctx(), group!.code, 'en')).toMatchObject({
      status: 'found',
      participant: 'Primaria Benito Juárez',
      title: 'Cyberbullying',
    });
  });

  it('the optional horas of an event and a catalogue workshop are saved from their forms', async () => {
    const admin = await makePerson(t.db, 'admin');
    const event = EventFormSchema.parse({
      title: 'Taller de primeros auxilios psicológicos',
      slug: '',
      summary: '',
      description: '',
      place: 'Salón de usos múltiples',
      address: '',
      municipalityId: '08019',
      startsAt: '2030-03-10T10:00',
      endsAt: '2030-03-10T14:00',
      capacity: '30',
      hours: '3,5',
      registrationOpensAt: '2030-01-01T09:00',
      registrationClosesAt: '2030-03-10T09:00',
      coverAlt: '',
    });
    expect(event.hours).toBe(3.5);
    const created = await createEvent(
      makeStaffContext({ db: t.db, user: admin, ip: null, zone: 'America/Chihuahua' }),
      event,
      null,
    );
    expect(created.ok).toBe(true);
    const [row] = await t.db
      .select({ hours: sql<string>`hours::text` })
      .from(sql`events`)
      .where(sql`id = ${created.ok ? created.id : 0}`);
    expect(row!.hours).toBe('3.5');
    expect(EventFormSchema.safeParse({ ...event, hours: 'tres' }).error?.issues[0]?.path).toEqual(['hours']);

    const form = {
      title: 'Seguridad digital',
      slug: `seguridad-${Math.random().toString(36).slice(2, 7)}`,
      summary: 'Cuidar las cuentas y los datos personales.',
      audience: 'Preparatoria',
      durationMinutes: '90',
      modality: 'ambas',
      active: 'on',
    };
    const withHours = WorkshopSchema.parse({ ...form, hours: '1.5' });
    const saved = await saveWorkshop(makeStaffContext({ db: t.db, user: admin }), withHours);
    expect(saved.ok).toBe(true);
    const [w] = await t.db
      .select({ hours: workshops.hours })
      .from(workshops)
      .where(eq(workshops.id, saved.ok ? saved.id : 0));
    expect(w!.hours).toBe(1.5);
    expect(WorkshopSchema.parse(form).hours).toBeNull();
  });
});
