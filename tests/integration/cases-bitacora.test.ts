import { makeStaffContext } from '~/lib/server/context';
import { expect, it } from 'vitest';
import { activities, operatorBookings, users } from '~db/schema';
import {
  getDailyLog,
  listLogsAwaitingSignOff,
  saveDailyLog,
  shiftAt,
  shiftWindow,
  signOffDailyLog,
} from '~/features/cases/bitacora.server';
import { type Actor, createContact } from '~/features/cases/cases.server';
import { ContactSchema } from '~/features/cases/schemas';
import { describeEachDb } from '../helpers/db';

const TZ = 'America/Chihuahua';
const meta = { ip: null };

it('places shifts in the organisation zone, the night shift running into the next day', () => {
  const [from, to] = shiftWindow('2026-11-25', 'nocturno', TZ);
  expect(from.toISOString()).toBe('2026-11-26T05:00:00.000Z'); // 23:00 UTC−6
  expect(to.toISOString()).toBe('2026-11-26T13:00:00.000Z');
  expect(shiftAt(6)).toBe('nocturno');
  expect(shiftAt(7)).toBe('matutino');
  expect(shiftAt(15)).toBe('vespertino');
});

describeEachDb('daily log', (ctx) => {
  let n = 0;
  async function makeUser(role: Actor['role']): Promise<Actor> {
    const [u] = await ctx.db
      .insert(users)
      .values({
        name: `Bitácora ${++n}`,
        email: `bit${n}-${Math.random().toString(36).slice(2, 7)}@vinculo.test`,
        role,
      })
      .returning();
    return { id: u!.id, role };
  }
  const call = (actor: Actor, startedAt: string, callType = 'silent') =>
    createContact(
      makeStaffContext({
        db: ctx.db,
        user: actor,
        ip: meta.ip,
        zone: TZ,
        now: () => new Date('2026-11-27T00:00:00Z'),
      }),
      ContactSchema.parse({
        channel: 'phone',
        durationMinutes: '2',
        callType,
        startedAt,
        startedAtConfirmed: 'on', // entered two days later, on purpose
      }),
    );

  it("builds the log from the operator's own contacts in the shift and keeps it private to them and supervisors", async () => {
    const op = await makeUser('operator');
    const other = await makeUser('operator');
    const sup = await makeUser('supervisor');
    await call(op, '2026-11-25T08:10');
    await call(op, '2026-11-25T14:59', 'hang_up');
    await call(op, '2026-11-25T15:30'); // next shift
    await call(other, '2026-11-25T09:00');
    const log = await getDailyLog(
      makeStaffContext({ db: ctx.db, user: op, ip: meta.ip, zone: TZ }),
      op.id,
      '2026-11-25',
      'matutino',
    );
    expect(log!.activities.map((a) => a.detail)).toEqual(['Silenciosa', 'Colgó']);
    expect(log!.state).toBe('open');
    expect(
      await getDailyLog(
        makeStaffContext({ db: ctx.db, user: other, ip: meta.ip, zone: TZ }),
        op.id,
        '2026-11-25',
        'matutino',
      ),
    ).toBeNull();
    expect(
      (await getDailyLog(
        makeStaffContext({ db: ctx.db, user: sup, ip: meta.ip, zone: TZ }),
        op.id,
        '2026-11-25',
        'matutino',
      ))!.activities,
    ).toHaveLength(2);
  });

  it('lists the outreach activities the operator was assigned to in the shift, not cancelled ones', async () => {
    const op = await makeUser('operator');
    const activity = async (title: string, start: string, end: string, status: 'confirmed' | 'cancelled') => {
      const [a] = await ctx.db
        .insert(activities)
        .values({
          type: 'workshop',
          title,
          startsAt: new Date(start),
          endsAt: new Date(end),
          timeZone: TZ,
          status,
          place: 'Escuela Secundaria Técnica No. 3',
          municipalityId: '08019',
        })
        .returning();
      await ctx.db.insert(operatorBookings).values({
        operatorId: op.id,
        kind: 'activity',
        activityId: a!.id,
        startsAt: a!.startsAt,
        endsAt: a!.endsAt,
        active: status !== 'cancelled',
      });
    };
    await activity(
      'Prevención del acoso escolar',
      '2026-11-25T16:00:00Z',
      '2026-11-25T17:30:00Z',
      'confirmed',
    ); // 10:00 local
    await activity('Plática cancelada', '2026-11-25T18:00:00Z', '2026-11-25T19:00:00Z', 'cancelled');
    await activity('Feria vespertina', '2026-11-25T22:00:00Z', '2026-11-25T23:00:00Z', 'confirmed'); // 16:00 local, next shift
    await call(op, '2026-11-25T08:10');
    const log = await getDailyLog(
      makeStaffContext({ db: ctx.db, user: op, ip: meta.ip, zone: TZ }),
      op.id,
      '2026-11-25',
      'matutino',
    );
    expect(log!.activities.map((a) => [a.kind, a.label, a.minutes])).toEqual([
      ['contact', 'Llamada telefónica', 2],
      ['activity', 'Taller o plática: Prevención del acoso escolar', 90],
    ]);
  });

  it('is closed by its operator, frozen, then signed off by a supervisor who is not its author', async () => {
    const op = await makeUser('operator');
    const sup = await makeUser('supervisor');
    expect(
      await saveDailyLog(
        makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }),
        '2026-11-24',
        'vespertino',
        'Mucha demanda por extorsión telefónica.',
        false,
      ),
    ).toEqual({ ok: true });
    const before = await getDailyLog(
      makeStaffContext({ db: ctx.db, user: op, ip: meta.ip, zone: TZ }),
      op.id,
      '2026-11-24',
      'vespertino',
    );
    expect(
      await signOffDailyLog(makeStaffContext({ db: ctx.db, user: sup, ip: meta.ip }), before!.log!.id),
    ).toEqual({
      ok: false,
      errors: { _form: 'La bitácora aún no se cierra.' },
    });
    expect(
      await saveDailyLog(
        makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }),
        '2026-11-24',
        'vespertino',
        'Mucha demanda por extorsión telefónica. Pendiente: llamar a CEJUM.',
        true,
      ),
    ).toEqual({ ok: true });
    expect(
      await saveDailyLog(
        makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }),
        '2026-11-24',
        'vespertino',
        'cambio tardío',
        false,
      ),
    ).toMatchObject({ ok: false, errors: { notes: expect.any(String) } });
    const closed = await getDailyLog(
      makeStaffContext({ db: ctx.db, user: op, ip: meta.ip, zone: TZ }),
      op.id,
      '2026-11-24',
      'vespertino',
    );
    expect(closed).toMatchObject({
      state: 'closed',
      log: { notes: 'Mucha demanda por extorsión telefónica. Pendiente: llamar a CEJUM.' },
    });
    expect((await listLogsAwaitingSignOff(ctx.db)).map((l) => l.id)).toContain(closed!.log!.id);
    expect(
      await signOffDailyLog(makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }), closed!.log!.id),
    ).toEqual({
      ok: false,
      errors: { _form: 'Solo supervisión firma las bitácoras.' },
    });
    expect(
      await signOffDailyLog(makeStaffContext({ db: ctx.db, user: sup, ip: meta.ip }), closed!.log!.id),
    ).toEqual({ ok: true });
    expect(
      await signOffDailyLog(makeStaffContext({ db: ctx.db, user: sup, ip: meta.ip }), closed!.log!.id),
    ).toEqual({
      ok: false,
      errors: { _form: 'Ya estaba firmada.' },
    });
    expect(
      (await getDailyLog(
        makeStaffContext({ db: ctx.db, user: sup, ip: meta.ip, zone: TZ }),
        op.id,
        '2026-11-24',
        'vespertino',
      ))!.state,
    ).toBe('signed_off');
    expect((await listLogsAwaitingSignOff(ctx.db)).map((l) => l.id)).not.toContain(closed!.log!.id);
  });
});
