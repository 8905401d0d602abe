import { makeStaffContext } from '~/lib/server/context';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { activities, contentPosts, users, workshopRequestWindows, workshopRequests } from '~db/schema';
import { FollowUpSchema, OficioEventSchema } from '~/features/cases/schemas';
import { createPost } from '~/features/content/posts.server';
import { PostFormSchema } from '~/features/content/schemas';
import { submitRequest } from '~/features/requests/requests.server';
import { createActivity, resolveTimes } from '~/features/scheduling/scheduling.server';
import { ActivitySchema } from '~/features/scheduling/schemas';
import { EventFormSchema } from '~/features/events/schemas';
import { describeEachDb } from '../helpers/db';
import { MAIL, seedCatalogue, validForm } from '../helpers/requests';
import { META, activityInput, makePerson, setSetting } from '../fixtures/scheduling';

const JUAREZ = 'America/Ciudad_Juarez';
const CHIHUAHUA = 'America/Chihuahua';
const GAP = 'Esa hora no existe en Ciudad Juárez ese día por el cambio de horario; elige otra.';
const NO_DATE = 'Esa fecha no existe en el calendario; revisa el día y el mes.';
const NO_TIME = 'Esa hora no existe; usa de 00:00 a 23:59.';

/**
 * The same local input typed into every form that takes one gives the same instant (or the same
 * refusal): Juárez 2027-01-20 10:00 is 17:00Z; 2027-03-14 02:30 there does not exist (US
 * spring-forward); 30 February and 24:30 never exist.
 */
describeEachDb('time: one rule through every form', (ctx) => {
  it('scheduling: an activity in Chihuahua city is read in Chihuahua time even when the office is in Juárez', async () => {
    await setSetting(ctx.db, 'hotlineMinOperators', '0');
    const op = await makePerson(ctx.db, 'operator', 'Rocío Zona');
    const r = await createActivity(
      makeStaffContext({ db: ctx.db, user: op, ip: META.ip, zone: JUAREZ }),
      activityInput([op.id], '2027-01-22', '14:00', '15:00', { municipalityId: '08019' }),
    );
    expect(r.ok).toBe(true);
    const [row] = await ctx.db
      .select()
      .from(activities)
      .where(eq(activities.id, r.ok ? r.data.id : 0));
    expect(row!.startsAt.toISOString()).toBe('2027-01-22T20:00:00.000Z');
    expect(row!.timeZone).toBe(CHIHUAHUA);
    // The same local time in Juárez itself, and online (the office's zone).
    const juarez = resolveTimes(
      { start: '2027-01-20T10:00', end: '2027-01-20T11:00', modality: 'presencial', municipalityId: '08037' },
      CHIHUAHUA,
    );
    expect('startsAt' in juarez && juarez.startsAt.toISOString()).toBe('2027-01-20T17:00:00.000Z');
    const online = resolveTimes(
      { start: '2027-01-20T10:00', end: '2027-01-20T11:00', modality: 'en_linea', municipalityId: '08019' },
      JUAREZ,
    );
    expect('startsAt' in online && online.startsAt.toISOString()).toBe('2027-01-20T17:00:00.000Z');
    // Gap refused beside the field, overlap read as the earlier instant.
    expect(
      resolveTimes(
        {
          start: '2027-03-14T02:30',
          end: '2027-03-14T04:00',
          modality: 'presencial',
          municipalityId: '08037',
        },
        CHIHUAHUA,
      ),
    ).toEqual({ ok: false, errors: { start: GAP } });
    const overlap = resolveTimes(
      { start: '2026-11-01T01:30', end: '2026-11-01T03:00', modality: 'presencial', municipalityId: '08037' },
      CHIHUAHUA,
    );
    expect('startsAt' in overlap && overlap.startsAt.toISOString()).toBe('2026-11-01T07:30:00.000Z');
    // 30 February and 24:30 are refused by the form itself.
    const bad = ActivitySchema.safeParse({
      ...activityInput([op.id], '2027-02-30', '10:00', '11:00'),
      end: '2027-03-01T24:30',
      operatorIds: [String(op.id)],
    });
    const messages = bad.success ? [] : bad.error.issues.map((i) => [i.path.join('.'), i.message]);
    expect(messages).toContainEqual(['start', NO_DATE]);
    expect(messages).toContainEqual(['end', NO_TIME]);
  });

  it('requests: preferred windows of a Juárez school are read in Juárez time; a gap window is refused', async () => {
    const topics = await seedCatalogue(ctx.db);
    await ctx.db
      .insert(users)
      .values({ name: 'Supervisión Zona', email: `sup-zona-${Date.now()}@vinculo.test`, role: 'supervisor' });
    const result = await submitRequest(
      ctx.db,
      await validForm(ctx.db, topics.active, {
        municipalityId: '08037',
        modality: 'presencial',
        w1Date: '2027-01-20',
        w1From: '10:00',
        w1To: '12:00',
      }),
      { ip: '10.4.0.1', locale: 'es', mail: { ...MAIL, timeZone: CHIHUAHUA } },
    );
    expect(result.ok).toBe(true);
    const [req] = await ctx.db
      .select()
      .from(workshopRequests)
      .where(eq(workshopRequests.folio, result.ok ? result.data.folio : ''));
    const windows = await ctx.db
      .select()
      .from(workshopRequestWindows)
      .where(eq(workshopRequestWindows.requestId, req!.id));
    expect(windows.map((w) => w.startsAt.toISOString())).toContain('2027-01-20T17:00:00.000Z');

    const gap = await submitRequest(
      ctx.db,
      await validForm(ctx.db, topics.active, {
        municipalityId: '08037',
        modality: 'presencial',
        contactEmail: 'otra.escuela@escuelas.example.mx',
        w1Date: '2027-03-14',
        w1From: '02:30',
        w1To: '04:00',
      }),
      { ip: '10.4.0.2', locale: 'es', mail: { ...MAIL, timeZone: CHIHUAHUA } },
    );
    expect(gap.ok).toBe(false);
    expect(!gap.ok && gap.errors.w1From).toBe(GAP);
    const feb30 = await submitRequest(
      ctx.db,
      await validForm(ctx.db, topics.active, {
        w1Date: '2027-02-30',
        contactEmail: 'feb@escuelas.example.mx',
      }),
      { ip: '10.4.0.3', locale: 'es', mail: MAIL },
    );
    expect(!feb30.ok && feb30.errors.w1Date).toBe('Escribe una fecha válida.');
  });

  it('content: a post is planned in the office’s zone with the same rule', async () => {
    const [u] = await ctx.db
      .insert(users)
      .values({ name: 'Comunicación Zona', email: `comms-zona-${Date.now()}@vinculo.test`, role: 'comms' })
      .returning();
    const actor = { id: u!.id, role: u!.role, email: u!.email };
    const form = (plannedAt: string) =>
      PostFormSchema.parse({
        title: 'Cartel de la Línea',
        channels: ['facebook'],
        plannedAt,
        copy: 'Llámanos: es gratuito y confidencial.',
        language: 'es',
      });
    const r = await createPost(
      makeStaffContext({ db: ctx.db, user: actor, ip: '10.5.0.1', zone: JUAREZ }),
      form('2027-01-20T10:00'),
    );
    expect(r.ok).toBe(true);
    const [post] = await ctx.db
      .select()
      .from(contentPosts)
      .where(eq(contentPosts.id, r.ok ? r.data.id : 0));
    expect(post!.plannedAt.toISOString()).toBe('2027-01-20T17:00:00.000Z');
    expect(
      await createPost(
        makeStaffContext({ db: ctx.db, user: actor, ip: '10.5.0.1', zone: JUAREZ }),
        form('2027-03-14T02:30'),
      ),
    ).toMatchObject({
      ok: false,
      errors: { plannedAt: GAP },
    });
    const feb30 = PostFormSchema.safeParse({
      title: 'x',
      channels: ['facebook'],
      plannedAt: '2027-02-30T10:00',
    });
    expect(feb30.success ? [] : feb30.error.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([
      'plannedAt',
      NO_DATE,
    ]);
  });

  it('events and cases: the form refuses 30 February and 24:30 beside the field', () => {
    const event = EventFormSchema.safeParse({
      title: 'Feria',
      place: 'Plaza',
      municipalityId: '08037',
      startsAt: '2027-02-30T10:00',
      endsAt: '2027-03-01T24:30',
      capacity: '10',
      registrationOpensAt: '2027-01-01T09:00',
      registrationClosesAt: '2027-02-01T09:00',
    });
    const eventMessages = event.success ? [] : event.error.issues.map((i) => [i.path.join('.'), i.message]);
    expect(eventMessages).toContainEqual(['startsAt', NO_DATE]);
    expect(eventMessages).toContainEqual(['endsAt', NO_TIME]);

    const followUp = FollowUpSchema.safeParse({ folio: 'LC-2026-00001', type: 'call', dueOn: '2027-02-30' });
    expect(
      followUp.success ? [] : followUp.error.issues.map((i) => [i.path.join('.'), i.message]),
    ).toContainEqual(['dueOn', NO_DATE]);
    const oficio = OficioEventSchema.safeParse({
      number: 'OF-2026-0001',
      type: 'send',
      sentOn: '2026-02-30',
      sentMethod: 'hand',
      responseDueOn: '2026-13-01',
    });
    const oficioMessages = oficio.success
      ? []
      : oficio.error.issues.map((i) => [i.path.join('.'), i.message]);
    expect(oficioMessages).toContainEqual(['sentOn', NO_DATE]);
    expect(oficioMessages).toContainEqual(['responseDueOn', NO_DATE]);
  });
});
