import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import {
  mailOutbox,
  users,
  workshopRequestHistory,
  workshopRequestWindows,
  workshopRequests,
} from '~db/schema';
import { listRequests } from '~/features/requests/lifecycle.server';
import { SUBMIT_LIMIT, findRequestByToken, submitRequest } from '~/features/requests/requests.server';
import { parseDateAndTime } from '~/lib/time';
import { describeEachDb } from '../helpers/db';
import { MAIL, daysAhead, seedCatalogue, validForm } from '../helpers/requests';

describeEachDb('workshop requests: submission', (ctx) => {
  let topics: Awaited<ReturnType<typeof seedCatalogue>>;
  let ipCounter = 0;
  const context = (ip = `10.3.0.${++ipCounter}`) => ({ ip, locale: 'es' as const, mail: MAIL });
  const count = async () =>
    (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(workshopRequests))[0]!.n;
  const tokenFrom = (text: string) => /\/solicitud\/([a-z2-7]+)/.exec(text)![1]!;

  it('stores a valid request with folio, topics, windows in local time, consent and history, and queues both e-mails', async () => {
    topics = await seedCatalogue(ctx.db);
    await ctx.db
      .insert(users)
      .values({ name: 'Jorge Armendáriz Loya', email: `sup-${Date.now()}@vinculo.test`, role: 'supervisor' });
    const date = daysAhead(12);
    const result = await submitRequest(
      ctx.db,
      await validForm(ctx.db, topics.active, {
        // Chihuahua city: the windows are read in the place's zone (Juárez is tested in time-forms).
        municipalityId: '08019',
        w1Date: date,
        w2Date: daysAhead(13),
        w2From: '16:00',
        w2To: '17:30',
      }),
      context(),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.folio).toMatch(/^T-20\d\d-\d{4}$/);
    expect(result.data.duplicate).toBe(false);

    const [row] = await ctx.db
      .select()
      .from(workshopRequests)
      .where(eq(workshopRequests.folio, result.data.folio));
    expect(row!.status).toBe('received');
    expect(row!.contactEmail).toBe('orientacion.3013@escuelas.example.mx');
    expect(row!.privacyNoticeId).toBeGreaterThan(0);
    expect(Math.abs(row!.consentedAt.getTime() - Date.now())).toBeLessThan(60_000);
    const windows = await ctx.db
      .select()
      .from(workshopRequestWindows)
      .where(eq(workshopRequestWindows.requestId, row!.id));
    // 09:00 in Chihuahua (UTC−6 all year) is 15:00 UTC.
    expect(windows.map((w) => w.startsAt.toISOString()).sort()[0]).toBe(`${date}T15:00:00.000Z`);
    expect(windows).toHaveLength(2);
    const history = await ctx.db
      .select()
      .from(workshopRequestHistory)
      .where(eq(workshopRequestHistory.requestId, row!.id));
    expect(history.map((h) => [h.fromStatus, h.toStatus])).toEqual([[null, 'received']]);

    const mails = await ctx.db
      .select()
      .from(mailOutbox)
      .where(sql`${mailOutbox.idempotencyKey} like ${`request-%-${row!.id}%`}`);
    const toRequester = mails.find((m) => m.template === 'request.received')!;
    expect(toRequester.toAddress).toBe('orientacion.3013@escuelas.example.mx');
    expect(toRequester.subject).toContain(result.data.folio);
    const token = tokenFrom(toRequester.text);
    expect(token.length).toBeGreaterThanOrEqual(26); // ≥ 128 bits in base32
    const toSupervisor = mails.find((m) => m.template === 'request.notify-supervisor')!;
    expect(toSupervisor.text).toContain(`/app/solicitudes/${row!.id}`);
    expect(toSupervisor.text).not.toContain('656 123 4567');
    expect(toSupervisor.text).not.toContain('orientacion.3013');

    const found = await findRequestByToken(ctx.db, token);
    expect(found?.request.folio).toBe(result.data.folio);
    expect(found?.topics.map((t) => t.title)).toEqual([
      'Prevención del acoso escolar',
      'Extorsión telefónica',
    ]);
    expect(found?.noticeVersion).toBe('2026-1');
    // The stored hash is not the token, and near-misses find nothing.
    expect(row!.tokenHash).not.toBe(token);
    expect(
      await findRequestByToken(ctx.db, token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a')),
    ).toBeNull();
    expect(await findRequestByToken(ctx.db, 'no-es-un-token')).toBeNull();
  });

  it('answers bad input with Spanish messages per field, keeps what was typed and stores nothing', async () => {
    const before = await count();
    const form = await validForm(ctx.db, [], {
      institutionName: '',
      institutionType: 'castillo',
      contactEmail: 'no-es-correo',
      contactPhone: '123',
      expectedCount: '0',
      modality: '',
      w1Date: daysAhead(0),
      w1From: '11:00',
      w1To: '10:00',
      w2Date: daysAhead(5),
      w3Date: '2026-13-01',
      w3From: '09:00',
      w3To: '10:00',
      consent: '',
    });
    const result = await submitRequest(ctx.db, form, context());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      institutionName: 'Escribe el nombre de la institución.',
      institutionType: 'Elige el tipo de institución.',
      contactEmail: 'Escribe un correo válido, por ejemplo nombre@escuela.edu.mx.',
      contactPhone: 'Escribe un teléfono de 10 dígitos, por ejemplo 614 123 4567.',
      expectedCount: 'Escribe un número de asistentes entre 1 y 5000.',
      modality: 'Elige presencial o en línea.',
      topics: 'Elige al menos un tema.',
      w1Date: 'La fecha debe ser a partir de mañana.',
      w1To: 'La hora de término debe ser después de la de inicio.',
      w2From: 'Escribe la hora (por ejemplo 09:30).',
      w3Date: 'Escribe una fecha válida.',
      consent: 'Para enviar la solicitud necesitamos tu consentimiento al aviso de privacidad.',
    });
    expect(result.values.address).toBe(form.address);
    expect(result.values).not.toHaveProperty('website');
    expect(await count()).toBe(before);
  });

  it('speaks English on the English form', async () => {
    const result = await submitRequest(
      ctx.db,
      await validForm(ctx.db, topics.active, { contactEmail: 'x' }),
      { ...context(), locale: 'en' },
    );
    expect(!result.ok && result.errors.contactEmail).toBe(
      'Enter a valid e-mail, for example name@school.edu.mx.',
    );
  });

  it('refuses the honeypot and a form sent faster than a person can fill it', async () => {
    const before = await count();
    const bot = await submitRequest(
      ctx.db,
      await validForm(ctx.db, topics.active, { website: 'http://spam.example' }),
      context(),
    );
    const fast = await submitRequest(
      ctx.db,
      await validForm(ctx.db, topics.active, {
        startedAt: String(Date.now() - 500),
        contactEmail: 'rapido@example.mx',
      }),
      context(),
    );
    const missing = await submitRequest(
      ctx.db,
      await validForm(ctx.db, topics.active, { startedAt: '', contactEmail: 'sin@example.mx' }),
      context(),
    );
    for (const r of [bot, fast, missing]) expect(!r.ok && r.formError).toContain('demasiado rápido');
    expect(await count()).toBe(before);
  });

  it('refuses inactive topics, unknown municipalities and consent to a notice no longer in force', async () => {
    const before = await count();
    const result = await submitRequest(
      ctx.db,
      await validForm(ctx.db, [topics.inactive], { municipalityId: '08999', privacyNoticeId: '999999' }),
      context(),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.topics).toBe('Uno de los temas ya no está disponible. Elige otro.');
    expect(result.errors.municipalityId).toBe('Elige un municipio de la lista.');
    expect(result.errors.consent).toContain('se actualizó');
    expect(result.values.consent).toBe(''); // they must tick it again after reading the new notice
    expect(await count()).toBe(before);
  });

  it('does not create a second request for the same data sent twice, one after the other or at once', async () => {
    const form = await validForm(ctx.db, topics.active, { contactEmail: 'doble@escuela.example.mx' });
    const first = await submitRequest(ctx.db, form, context());
    const again = await submitRequest(ctx.db, { ...form, notes: 'Contamos   con auditorio.' }, context());
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.data).toMatchObject({ folio: first.data.folio, duplicate: true });

    const racing = await validForm(ctx.db, topics.active, { contactEmail: 'carrera@escuela.example.mx' });
    const results = await Promise.all([
      submitRequest(ctx.db, racing, context()),
      submitRequest(ctx.db, racing, context()),
      submitRequest(ctx.db, racing, context()),
    ]);
    const folios = new Set(results.map((r) => (r.ok ? r.data.folio : 'error')));
    expect(folios.size).toBe(1);
    const rows = await ctx.db
      .select()
      .from(workshopRequests)
      .where(eq(workshopRequests.contactEmail, 'carrera@escuela.example.mx'));
    expect(rows).toHaveLength(1);
    // A different window is a different request.
    const other = await submitRequest(ctx.db, { ...racing, w1From: '12:00', w1To: '13:00' }, context());
    expect(other.ok && other.data.duplicate).toBe(false);
  });

  it('a corrected resubmission within 30 minutes is a new request that keeps every correction (issue 12 #11)', async () => {
    const form = await validForm(ctx.db, topics.active, { contactEmail: 'correccion@escuela.example.mx' });
    const first = await submitRequest(ctx.db, form, context());
    const corrections: Record<string, string>[] = [
      { address: 'Av. Tecnológico 1340, Col. El Porvenir, Ciudad Juárez' },
      { contactPhone: '656 111 2233' },
      { contactName: 'Martha Alicia Ontiveros Pérez' },
      { notes: 'Mejor en el patio techado, el auditorio está en obra.' },
    ];
    const folios = new Set([first.ok && first.data.folio]);
    for (const correction of corrections) {
      const again = await submitRequest(ctx.db, { ...form, ...correction }, context());
      expect(again.ok && again.data.duplicate).toBe(false);
      if (!again.ok) return;
      folios.add(again.data.folio);
      const [row] = await ctx.db
        .select()
        .from(workshopRequests)
        .where(eq(workshopRequests.folio, again.data.folio));
      const [field, value] = Object.entries(correction)[0]!;
      const saved = String((row as Record<string, unknown>)[field]);
      if (field === 'contactPhone') expect(saved).toBe('+526561112233');
      else expect(saved).toBe(value);
    }
    expect(folios.size).toBe(corrections.length + 1);
  });

  it('limits submissions per IP address, shared through the database', async () => {
    const ip = '10.9.9.9';
    let last: Awaited<ReturnType<typeof submitRequest>> | undefined;
    for (let i = 0; i <= SUBMIT_LIMIT.perIp; i++) {
      last = await submitRequest(
        ctx.db,
        await validForm(ctx.db, topics.active, { contactEmail: `limite${i}@escuela.example.mx` }),
        context(ip),
      );
      if (i < SUBMIT_LIMIT.perIp) expect(last.ok).toBe(true);
    }
    expect(!last!.ok && last!.formError).toMatch(/demasiadas solicitudes desde esta conexión/);
    const rows = await ctx.db
      .select()
      .from(workshopRequests)
      .where(sql`${workshopRequests.contactEmail} like 'limite%'`);
    expect(rows).toHaveLength(SUBMIT_LIMIT.perIp);
  });

  it('filters the staff inbox by status, municipality and topic inside the query', async () => {
    const [chih] = await Promise.all([
      submitRequest(
        ctx.db,
        await validForm(ctx.db, [topics.active[1]!], {
          municipalityId: '08019',
          contactEmail: 'filtro@escuela.example.mx',
        }),
        context(),
      ),
    ]);
    expect(chih!.ok).toBe(true);
    const byPlace = await listRequests(ctx.db, { municipalityId: '08019' });
    expect(byPlace.map((r) => r.municipality)).toEqual(byPlace.map(() => 'Chihuahua'));
    expect(byPlace.length).toBeGreaterThan(0);
    const byTopic = await listRequests(ctx.db, { workshopId: topics.active[1]!, municipalityId: '08019' });
    expect(byTopic.every((r) => r.topics.includes('Extorsión telefónica'))).toBe(true);
    const onlyFirstTopic = await listRequests(ctx.db, {
      workshopId: topics.active[0]!,
      municipalityId: '08019',
    });
    expect(onlyFirstTopic.find((r) => r.folio === (chih!.ok ? chih!.data.folio : ''))).toBeUndefined();
    expect(await listRequests(ctx.db, { status: 'completed' })).toEqual([]);
  });
});

it('converts wall-clock windows in Ciudad Juárez across its DST change', () => {
  // Juárez follows US DST: UTC−6 in summer, UTC−7 in winter. Chihuahua is UTC−6 all year.
  expect(
    (parseDateAndTime('2026-07-01', '09:00', 'America/Ciudad_Juarez') as { value: Date }).value.toISOString(),
  ).toBe('2026-07-01T15:00:00.000Z');
  expect(
    (parseDateAndTime('2026-12-01', '09:00', 'America/Ciudad_Juarez') as { value: Date }).value.toISOString(),
  ).toBe('2026-12-01T16:00:00.000Z');
  expect(
    (parseDateAndTime('2026-12-01', '09:00', 'America/Chihuahua') as { value: Date }).value.toISOString(),
  ).toBe('2026-12-01T15:00:00.000Z');
  expect(parseDateAndTime('2026-02-31', '09:00', 'America/Chihuahua')).toEqual({
    ok: false,
    error: 'Esa fecha no existe en el calendario; revisa el día y el mes.',
  });
});
