import { and, eq } from 'drizzle-orm';
import { makeStaffContext } from '~/lib/server/context';
import { expect, it } from 'vitest';
import { users } from '~db/schema';
import { freePeopleForSlots, suggestion } from '~/features/scheduling/free.server';
import { createActivity, createTimeOff } from '~/features/scheduling/scheduling.server';
import { getSettings } from '~/lib/server/settings';
import { describeEachDb } from '../helpers/db';
import { META, ZONE, activityInput, makePerson, setSetting } from '../fixtures/scheduling';

describeEachDb('the scheduling form shows who is free in each proposed window', (ctx) => {
  it('free means no booking, no time off and not needed for the floor; least loaded this month first', async () => {
    await setSetting(ctx.db, 'hotlineMinOperators', '0');
    const sup = await makePerson(ctx.db, 'supervisor', 'Sara Supervisora');
    const busy = await makePerson(ctx.db, 'operator', 'Beatriz Ocupada');
    const away = await makePerson(ctx.db, 'operator', 'Ángela Ausente');
    const loaded = await makePerson(ctx.db, 'operator', 'Carmen Cargada');
    const light = await makePerson(ctx.db, 'operator', 'Dora Ligera');
    const now = new Date('2027-03-03T18:00:00Z');
    const staff = makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE });
    // Carmen has two activities this month, Dora none; Beatriz is booked in the slot; Ángela is away.
    for (const d of ['2027-03-01', '2027-03-02'])
      expect((await createActivity(staff, activityInput([loaded.id], d, '09:00', '10:00'))).ok).toBe(true);
    expect((await createActivity(staff, activityInput([busy.id], '2027-03-10', '10:30', '11:30'))).ok).toBe(
      true,
    );
    expect(
      (
        await createTimeOff(staff, {
          operatorId: away.id,
          start: '2027-03-10T00:00',
          end: '2027-03-11T00:00',
          reason: 'Vacaciones',
        })
      ).ok,
    ).toBe(true);
    const people = [sup, busy, away, loaded, light].map((p) => ({ id: p.id, name: p.name, role: p.role }));
    const slot = { start: new Date('2027-03-10T17:00:00Z'), end: new Date('2027-03-10T19:00:00Z') }; // 10:00–12:00
    const [w] = await freePeopleForSlots(ctx.db, await getSettings(ctx.db), ZONE, people, [slot], now);
    expect(w!.free.map((p) => p.name)).toEqual(['Dora Ligera', 'Sara Supervisora', 'Carmen Cargada']);
    expect(w!.free.find((p) => p.name === 'Carmen Cargada')!.load).toBe(2);
    expect(suggestion([w!])).toEqual({ index: 0, personId: light.id });

    // With the floor needing every operator not already out, no operator is free; the supervisor still is.
    const operators = await ctx.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, 'operator'), eq(users.active, true)));
    await setSetting(ctx.db, 'hotlineMinOperators', String(operators.length - 2));
    const [floor] = await freePeopleForSlots(ctx.db, await getSettings(ctx.db), ZONE, people, [slot], now);
    expect(floor!.free.map((p) => p.name)).toEqual(['Sara Supervisora']);
    await setSetting(ctx.db, 'hotlineMinOperators', '0');
  });
});
