import { makeStaffContext } from '~/lib/server/context';
import { and, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { beforeAll, expect, it } from 'vitest';
import {
  activities,
  auditLog,
  mailOutbox,
  operatorBookings,
  workshopRequestHistory,
  workshopRequests,
} from '~db/schema';
import { activitiesInRange, exportActivitiesCsv, toFeedEvents } from '~/features/scheduling/queries.server';
import { scheduleRequest } from '~/features/scheduling/schedule-request.server';
import {
  cancelActivity,
  createActivity,
  createTimeOff,
  moveActivity,
  recordOutcome,
  updateActivity,
} from '~/features/scheduling/scheduling.server';
import { describeEachDb } from '../helpers/db';
import { MAIL, META, ZONE, activityInput, makePerson, makeRequest, setSetting } from '../fixtures/scheduling';

const ok = <T extends { ok: boolean }>(r: T) => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
};

describeEachDb('scheduling rules', (ctx) => {
  beforeAll(async () => {
    // Cover is tested on its own below; the other rules are easier to read without it.
    await setSetting(ctx.db, 'hotlineMinOperators', '0');
  });

  it('creates an activity read in the local zone of its place (Juárez differs from Chihuahua)', async () => {
    const lucia = await makePerson(ctx.db, 'operator', 'Lucía Prueba');
    const chih = ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: lucia, ip: META.ip, zone: ZONE }),
        activityInput([lucia.id], '2026-12-01', '10:00', '11:00'),
      ),
    );
    const jrz = ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: lucia, ip: META.ip, zone: ZONE }),
        activityInput([lucia.id], '2026-12-02', '10:00', '11:00', {
          municipalityId: '08037',
          place: 'CBTIS 128',
        }),
      ),
    );
    const [a] = await ctx.db.select().from(activities).where(eq(activities.id, chih.data.id));
    const [b] = await ctx.db.select().from(activities).where(eq(activities.id, jrz.data.id));
    expect(a!.startsAt.toISOString()).toBe('2026-12-01T16:00:00.000Z');
    expect(b!.startsAt.toISOString()).toBe('2026-12-02T17:00:00.000Z'); // UTC−7 in winter
    expect(b!.timeZone).toBe('America/Ciudad_Juarez');
  });

  it('refuses double booking naming the clash; back-to-back and other people are fine', async () => {
    const op = await makePerson(ctx.db, 'operator', 'Ana Clash');
    const other = await makePerson(ctx.db, 'operator');
    const sup = await makePerson(ctx.db, 'supervisor');
    ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE }),
        activityInput([op.id], '2026-12-07', '09:00', '11:00', { title: 'Taller de noviazgo' }),
      ),
    );
    const clash = await createActivity(
      makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE }),
      activityInput([other.id, op.id], '2026-12-07', '10:30', '12:00', { title: 'Otra' }),
    );
    expect(clash.ok).toBe(false);
    if (!clash.ok) expect(clash.formError).toMatch(/Ana Clash ya tiene «Taller de noviazgo»/);
    // Nothing half-saved: the other person was not assigned either.
    expect(await ctx.db.select().from(activities).where(eq(activities.title, 'Otra'))).toHaveLength(0);
    ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE }),
        activityInput([op.id], '2026-12-07', '11:00', '12:00'),
      ),
    );
    ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE }),
        activityInput([other.id], '2026-12-07', '10:00', '11:00'),
      ),
    );
  });

  it('time off blocks like an activity', async () => {
    const op = await makePerson(ctx.db, 'operator', 'Beto Vacaciones');
    ok(
      await createTimeOff(makeStaffContext({ db: ctx.db, user: op, ip: META.ip, zone: ZONE }), {
        operatorId: op.id,
        start: '2026-12-14T00:00',
        end: '2026-12-19T00:00',
        reason: 'vacaciones',
      }),
    );
    const r = await createActivity(
      makeStaffContext({ db: ctx.db, user: op, ip: META.ip, zone: ZONE }),
      activityInput([op.id], '2026-12-15', '10:00', '11:00'),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.formError).toMatch(/Beto Vacaciones no está disponible \(vacaciones\)/);
    // and an activity blocks time off
    ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: op, ip: META.ip, zone: ZONE }),
        activityInput([op.id], '2026-12-21', '10:00', '11:00'),
      ),
    );
    expect(
      await createTimeOff(makeStaffContext({ db: ctx.db, user: op, ip: META.ip, zone: ZONE }), {
        operatorId: op.id,
        start: '2026-12-21T08:00',
        end: '2026-12-21T18:00',
        reason: 'curso',
      }),
    ).toEqual({
      ok: false,
      errors: {},
      formError: expect.stringMatching(
        /^No se puede: Beto Vacaciones ya tiene «Plática de prevención» de lun 21 dic, 10:00 a 11:00\. Elige otro horario u otra persona\.$/,
      ),
    });
  });

  it('a refused move leaves the activity where it was; cancelling frees the slot', async () => {
    const op = await makePerson(ctx.db, 'operator');
    const a = ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: op, ip: META.ip, zone: ZONE }),
        activityInput([op.id], '2027-01-05', '09:00', '10:00'),
      ),
    );
    const b = ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: op, ip: META.ip, zone: ZONE }),
        activityInput([op.id], '2027-01-05', '12:00', '13:00'),
      ),
    );
    const move = await moveActivity(
      makeStaffContext({ db: ctx.db, user: op, ip: META.ip, zone: ZONE, publicUrl: MAIL.publicUrl }),
      { id: b.data.id, start: '2027-01-05T15:30:00Z', end: '2027-01-05T16:30:00Z', overrideReason: '' },
    );
    // Its new time overlaps the other activity (a, 09:00–10:00 local) of the same person.
    expect(move).toEqual({
      ok: false,
      errors: {},
      formError: expect.stringMatching(
        new RegExp(
          `^No se puede: ${op.name} ya tiene «Plática de prevención» de .*5 ene, .* Elige otro horario`,
        ),
      ),
    });
    const [still] = await ctx.db.select().from(activities).where(eq(activities.id, b.data.id));
    expect(still!.startsAt.toISOString()).toBe('2027-01-05T18:00:00.000Z');
    ok(
      await cancelActivity(
        makeStaffContext({ db: ctx.db, user: op, ip: META.ip, publicUrl: MAIL.publicUrl }),
        { id: a.data.id, reason: 'La escuela suspendió clases' },
      ),
    );
    ok(
      await moveActivity(
        makeStaffContext({ db: ctx.db, user: op, ip: META.ip, zone: ZONE, publicUrl: MAIL.publicUrl }),
        { id: b.data.id, start: '2027-01-05T15:30:00Z', end: '2027-01-05T16:30:00Z', overrideReason: '' },
      ),
    );
    const [bk] = await ctx.db
      .select()
      .from(operatorBookings)
      .where(eq(operatorBookings.activityId, b.data.id));
    expect(bk!.startsAt.toISOString()).toBe('2027-01-05T15:30:00.000Z'); // kept in step by the trigger
  });

  it('operators edit only their own activities; supervisors edit any', async () => {
    const mine = await makePerson(ctx.db, 'operator');
    const someoneElse = await makePerson(ctx.db, 'operator');
    const sup = await makePerson(ctx.db, 'supervisor');
    const a = ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: someoneElse, ip: META.ip, zone: ZONE }),
        activityInput([someoneElse.id], '2027-01-11', '09:00', '10:00'),
      ),
    );
    const r = await moveActivity(
      makeStaffContext({ db: ctx.db, user: mine, ip: META.ip, zone: ZONE, publicUrl: MAIL.publicUrl }),
      { id: a.data.id, start: '2027-01-11T17:00:00Z', end: '2027-01-11T18:00:00Z', overrideReason: '' },
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.formError).toMatch(/Solo puedes cambiar las actividades en las que participas/);
    expect(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: mine, ip: META.ip, zone: ZONE }),
        activityInput([someoneElse.id], '2027-01-12', '09:00', '10:00'),
      ),
    ).toEqual({
      ok: false,
      errors: { operatorIds: 'Solo puedes programarte a ti; supervisión asigna a otras personas.' },
      formError: 'Revisa a quién asignas.',
    });
    ok(
      await moveActivity(
        makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE, publicUrl: MAIL.publicUrl }),
        { id: a.data.id, start: '2027-01-11T17:00:00Z', end: '2027-01-11T18:00:00Z', overrideReason: '' },
      ),
    );
    const rows = await activitiesInRange(ctx.db, mine, {
      start: new Date('2027-01-11T00:00:00Z'),
      end: new Date('2027-01-12T00:00:00Z'),
    });
    const feed = toFeedEvents(
      mine,
      rows.filter((x) => x.id === a.data.id),
    );
    expect(feed[0]!.editable).toBe(false);
    expect(
      toFeedEvents(
        sup,
        rows.filter((x) => x.id === a.data.id),
      )[0]!.editable,
    ).toBe(true);
    // The type travels as data (drawn as a colour and an icon, read out by name), not a title prefix.
    expect(feed[0]!.title).toBe('Plática de prevención');
    expect(feed[0]!.extendedProps.type).toBe('workshop');
  });

  it('warns (does not refuse) when there is no travel time between municipalities', async () => {
    const op = await makePerson(ctx.db, 'operator', 'Carla Viajera');
    ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: op, ip: META.ip, zone: ZONE }),
        activityInput([op.id], '2027-01-18', '09:00', '10:00'),
      ),
    );
    const r = ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: op, ip: META.ip, zone: ZONE }),
        activityInput([op.id], '2027-01-18', '11:00', '12:00', {
          municipalityId: '08017',
          place: 'Cuauhtémoc centro',
        }),
      ),
    );
    expect(r.warnings.join()).toMatch(/Carla Viajera tiene «Plática de prevención» en Chihuahua/);
    const same = ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: op, ip: META.ip, zone: ZONE }),
        activityInput([op.id], '2027-01-18', '13:00', '14:00', {
          municipalityId: '08017',
          place: 'Otra sede',
        }),
      ),
    );
    expect(same.warnings).toEqual([]);
  });

  it('records the outcome: done, attendance kept, request completed; not before it starts', async () => {
    const sup = await makePerson(ctx.db, 'supervisor');
    const op = await makePerson(ctx.db, 'operator');
    const req = await makeRequest(ctx.db);
    const s = ok(
      await scheduleRequest(
        makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE, publicUrl: MAIL.publicUrl }),
        { ...activityInput([op.id], '2026-02-10', '10:00', '11:00'), requestId: req.id },
      ),
    );
    const early = await recordOutcome(
      makeStaffContext({ db: ctx.db, user: op, ip: META.ip, now: () => new Date('2026-02-01T00:00:00Z') }),
      { id: s.data.id, attendanceTotal: 40, outcomeNotes: '', materials: '' },
    );
    expect(early).toEqual({
      ok: false,
      errors: {},
      formError: 'La actividad todavía no empieza: registra el resultado cuando haya ocurrido.',
    });
    ok(
      await recordOutcome(
        makeStaffContext({ db: ctx.db, user: op, ip: META.ip, now: () => new Date('2026-02-10T18:00:00Z') }),
        {
          id: s.data.id,
          attendanceTotal: 42,
          women: 20,
          men: 22,
          teens: 42,
          outcomeNotes: 'Grupo participativo',
          materials: '60 trípticos',
        },
      ),
    );
    const [a] = await ctx.db.select().from(activities).where(eq(activities.id, s.data.id));
    expect(a).toMatchObject({
      status: 'done',
      attendanceTotal: 42,
      attendance: { women: 20, men: 22, teens: 42 },
    });
    const [r] = await ctx.db.select().from(workshopRequests).where(eq(workshopRequests.id, req.id));
    expect(r!.status).toBe('completed');
    const history = await ctx.db
      .select()
      .from(workshopRequestHistory)
      .where(eq(workshopRequestHistory.requestId, req.id));
    expect(history.map((h) => h.toStatus)).toEqual(['scheduled', 'completed']);
    // Done activities no longer block the operator's time.
    const [bk] = await ctx.db
      .select()
      .from(operatorBookings)
      .where(eq(operatorBookings.activityId, s.data.id));
    expect(bk!.active).toBe(false);
  });

  it('exports CSV with a BOM, local times and formulas defused', async () => {
    const op = await makePerson(ctx.db, 'operator');
    ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: op, ip: META.ip, zone: ZONE }),
        activityInput([op.id], '2027-03-01', '10:00', '11:00', { title: '=HYPERLINK("http://mal.example")' }),
      ),
    );
    const csv = await exportActivitiesCsv(
      ctx.db,
      new Date('2027-03-01T00:00:00Z'),
      new Date('2027-03-02T06:00:00Z'),
    );
    expect(csv.startsWith('\uFEFFid,tipo,título')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://mal.example"")"`);
    expect(csv).toContain('2027-03-01 10:00,2027-03-01 11:00,America/Chihuahua');
    expect(csv).not.toMatch(/,=HYPERLINK/);
  });

  it('audits every change with its author', async () => {
    const op = await makePerson(ctx.db, 'operator');
    const a = ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: op, ip: META.ip, zone: ZONE }),
        activityInput([op.id], '2027-09-06', '10:00', '11:00'),
      ),
    );
    ok(
      await moveActivity(
        makeStaffContext({ db: ctx.db, user: op, ip: META.ip, zone: ZONE, publicUrl: MAIL.publicUrl }),
        { id: a.data.id, start: '2027-09-06T17:00:00Z', end: '2027-09-06T18:00:00Z', overrideReason: '' },
      ),
    );
    ok(
      await cancelActivity(
        makeStaffContext({ db: ctx.db, user: op, ip: META.ip, publicUrl: MAIL.publicUrl }),
        { id: a.data.id, reason: 'Sin sede' },
      ),
    );
    const rows = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'activity'), eq(auditLog.entityId, String(a.data.id))));
    expect(rows.map((r) => [r.action, r.actorUserId, r.ip])).toEqual([
      ['activity.create', op.id, META.ip],
      ['activity.move', op.id, META.ip],
      ['activity.cancel', op.id, META.ip],
    ]);
  });

  it('edits keep the rules: a supervisor reassigns, an operator cannot', async () => {
    const op = await makePerson(ctx.db, 'operator');
    const op2 = await makePerson(ctx.db, 'operator');
    const sup = await makePerson(ctx.db, 'supervisor');
    const a = ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: op, ip: META.ip, zone: ZONE }),
        activityInput([op.id], '2027-04-01', '10:00', '11:00'),
      ),
    );
    const input = { ...activityInput([op.id, op2.id], '2027-04-01', '10:00', '11:30'), id: a.data.id };
    const r = await updateActivity(
      makeStaffContext({ db: ctx.db, user: op, ip: META.ip, zone: ZONE, publicUrl: MAIL.publicUrl }),
      input,
    );
    expect(r).toEqual({
      ok: false,
      errors: { operatorIds: 'Solo supervisión cambia a las personas asignadas.' },
      formError: 'Revisa a quién asignas.',
    });
    ok(
      await updateActivity(
        makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE, publicUrl: MAIL.publicUrl }),
        input,
      ),
    );
    const bookings = await ctx.db
      .select()
      .from(operatorBookings)
      .where(eq(operatorBookings.activityId, a.data.id));
    expect(bookings.map((b) => b.operatorId).sort()).toEqual([op.id, op2.id].sort());
    expect(bookings.every((b) => b.endsAt.toISOString() === '2027-04-01T17:30:00.000Z')).toBe(true);
  });

  it('moves an activity into a slot where only its OLD assignee is busy while replacing that assignee (issue 12 #14)', async () => {
    const sup = await makePerson(ctx.db, 'supervisor');
    const operador = await makePerson(ctx.db, 'operator');
    const operadora = await makePerson(ctx.db, 'operator');
    const y = ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE }),
        activityInput([operador.id], '2030-03-04', '09:00', '10:00'),
      ),
    );
    const x = ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE }),
        activityInput([operador.id], '2030-03-05', '09:00', '10:00'),
      ),
    );
    // One edit: into Y's slot, with operadora instead of operador.
    const moved = await updateActivity(
      makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE, publicUrl: MAIL.publicUrl }),
      { ...activityInput([operadora.id], '2030-03-04', '09:00', '10:00'), id: x.data.id },
    );
    ok(moved);
    const bookings = await ctx.db
      .select()
      .from(operatorBookings)
      .where(eq(operatorBookings.activityId, x.data.id));
    expect(bookings.map((b) => b.operatorId)).toEqual([operadora.id]);
    expect(bookings[0]!.startsAt.toISOString()).toBe('2030-03-04T15:00:00.000Z');
    const [yRow] = await ctx.db
      .select()
      .from(operatorBookings)
      .where(eq(operatorBookings.activityId, y.data.id));
    expect(yRow!.operatorId).toBe(operador.id); // Y untouched
    // The rule itself still holds: putting operador back in that slot is refused.
    const clash = await updateActivity(
      makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE, publicUrl: MAIL.publicUrl }),
      { ...activityInput([operador.id, operadora.id], '2030-03-04', '09:00', '10:00'), id: x.data.id },
    );
    expect(clash.ok).toBe(false);
  });

  it('keeps mail out of failed writes', async () => {
    const before = (await ctx.db.select().from(mailOutbox)).length;
    const sup = await makePerson(ctx.db, 'supervisor');
    const op = await makePerson(ctx.db, 'operator');
    ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE }),
        activityInput([op.id], '2027-05-03', '10:00', '12:00'),
      ),
    );
    const req = await makeRequest(ctx.db);
    const r = await scheduleRequest(
      makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE, publicUrl: MAIL.publicUrl }),
      { ...activityInput([op.id], '2027-05-03', '11:00', '12:00'), requestId: req.id },
    );
    expect(r).toEqual({
      ok: false,
      errors: {},
      formError: expect.stringMatching(
        new RegExp(
          `^No se puede: ${op.name} ya tiene «Plática de prevención» de .*3 may, .* Elige otro horario`,
        ),
      ),
    });
    const [after] = await ctx.db.select().from(workshopRequests).where(eq(workshopRequests.id, req.id));
    expect(after!.status).toBe('received');
    expect((await ctx.db.select().from(mailOutbox)).length).toBe(before);
  });

  it('parses the scheduled mail .ics with a real parser', async () => {
    const sup = await makePerson(ctx.db, 'supervisor');
    const op = await makePerson(ctx.db, 'operator', 'Lucía Chávez Terrazas');
    const req = await makeRequest(ctx.db, { modality: 'en_linea' });
    ok(
      await scheduleRequest(
        makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE, publicUrl: MAIL.publicUrl }),
        {
          ...activityInput([op.id], '2027-06-08', '09:00', '10:30', {
            modality: 'en_linea',
            onlineUrl: 'https://meet.example/abc',
            place: '',
            municipalityId: '',
          }),
          requestId: req.id,
        },
      ),
    );
    const [r] = await ctx.db.select().from(workshopRequests).where(eq(workshopRequests.id, req.id));
    expect(r).toMatchObject({
      status: 'scheduled',
      facilitatorFirstName: 'Lucía',
      scheduledOnlineUrl: 'https://meet.example/abc',
      scheduledPlace: null,
    });
    const [m] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, req.contactEmail));
    expect(m!.text).toContain('Te atenderá: Lucía');
    expect(m!.text).toContain('martes 8 de junio de 2027, 09:00–10:30');
    const ics = Buffer.from(m!.attachments[0]!.content, 'base64').toString('utf8');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-06-08T15:00:00.000Z');
    expect(event.location).toBe('https://meet.example/abc');
  });

  it('the feed returns only what overlaps the visible range, with the filters applied', async () => {
    const a = await makePerson(ctx.db, 'operator', 'Filtro Uno');
    const b = await makePerson(ctx.db, 'operator', 'Filtro Dos');
    const inside = ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: a, ip: META.ip, zone: ZONE }),
        activityInput([a.id], '2027-08-02', '10:00', '11:00', { title: 'Dentro' }),
      ),
    );
    const edge = ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: b, ip: META.ip, zone: ZONE }),
        activityInput([b.id], '2027-08-01', '23:00', '23:59', { title: 'Cruza el borde', type: 'meeting' }),
      ),
    );
    ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: a, ip: META.ip, zone: ZONE }),
        activityInput([a.id], '2027-08-09', '10:00', '11:00', { title: 'Semana siguiente' }),
      ),
    );
    const gone = ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: b, ip: META.ip, zone: ZONE }),
        activityInput([b.id], '2027-08-03', '10:00', '11:00', { title: 'Cancelada' }),
      ),
    );
    ok(
      await cancelActivity(
        makeStaffContext({ db: ctx.db, user: b, ip: META.ip, publicUrl: MAIL.publicUrl }),
        { id: gone.data.id, reason: 'Suspendida' },
      ),
    );
    // Monday 2 Aug 00:00 to Monday 9 Aug 00:00, Chihuahua (UTC−6).
    const week = { start: new Date('2027-08-02T06:00:00Z'), end: new Date('2027-08-09T06:00:00Z') };
    const titles = async (f: Partial<Parameters<typeof activitiesInRange>[2]> = {}) =>
      (await activitiesInRange(ctx.db, a, { ...week, ...f })).map((r) => r.title);
    expect(await titles()).toEqual(['Dentro']);
    expect(await titles({ start: new Date('2027-08-02T05:30:00Z') })).toEqual(['Cruza el borde', 'Dentro']);
    expect(await titles({ status: 'all' })).toEqual(['Dentro', 'Cancelada']);
    expect(await titles({ status: 'cancelled' })).toEqual(['Cancelada']);
    expect(await titles({ operatorId: b.id, status: 'all' })).toEqual(['Cancelada']);
    expect(await titles({ type: 'meeting', start: new Date('2027-08-01T00:00:00Z') })).toEqual([
      'Cruza el borde',
    ]);
    const rows = await activitiesInRange(ctx.db, a, week);
    expect(rows[0]).toMatchObject({ id: inside.data.id, operators: 'Filtro Uno', mine: true });
    expect(edge.data.id).toBeGreaterThan(0);
  });
});
