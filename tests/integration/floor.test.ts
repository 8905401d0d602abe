import { and, eq, isNull } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditLog, floorStates, sessions, users } from '~db/schema';
import { DEFAULT_SETTINGS } from '~db/settings-defaults';
import {
  type Actor,
  answerHelp,
  board,
  changeState,
  closeHelp,
  endStateOnLogout,
  endStatesWithoutSession,
  eventsSince,
  lastEventId,
  raiseHelp,
  readStateHistory,
} from '~/features/floor/floor.server';
import { breakOverdue, floorSummary } from '~/features/floor/labels';
import { createTestDatabase, describeEachDb } from '../helpers/db';
import { DB_KINDS } from '../helpers/db';

const TZ = 'America/Chihuahua';
// 10:00 in Chihuahua (UTC−6): inside the 08:00–14:00 shift.
const NOW = new Date('2026-12-01T16:00:00Z');
const later = (min: number) => new Date(NOW.getTime() + min * 60_000);

describeEachDb('live floor', (ctx) => {
  let n = 0;
  async function person(role: Actor['role'], name = `Persona ${++n}`): Promise<Actor & { name: string }> {
    const [u] = await ctx.db
      .insert(users)
      .values({ name, email: `floor${++n}-${Math.random().toString(36).slice(2, 7)}@vinculo.test`, role })
      .returning();
    return { id: u!.id, role, name };
  }
  const openRows = (userId: number) =>
    ctx.db
      .select()
      .from(floorStates)
      .where(and(eq(floorStates.userId, userId), isNull(floorStates.endedAt)));

  it('keeps one open state per person and stores each change with its start and end', async () => {
    const ana = await person('operator');
    await changeState(ctx.db, ana, { choice: 'online' }, NOW);
    await changeState(ctx.db, ana, { choice: 'break:meal' }, later(5));
    const same = await changeState(ctx.db, ana, { choice: 'break:meal' }, later(6));
    expect(same.changed).toBe(false);
    const history = await ctx.db.select().from(floorStates).where(eq(floorStates.userId, ana.id));
    expect(history).toHaveLength(2);
    const online = history.find((h) => h.state === 'online')!;
    expect(online.endedAt?.toISOString()).toBe(later(5).toISOString());
    const open = await openRows(ana.id);
    expect(open.map((r) => [r.state, r.breakKind])).toEqual([['break', 'meal']]);
    // The database itself refuses a second open row.
    await expect(ctx.db.insert(floorStates).values({ userId: ana.id, state: 'online' })).rejects.toThrow();
  });

  it('leaves exactly one open row when two changes for the same person arrive at once', async () => {
    const beto = await person('operator');
    await changeState(ctx.db, beto, { choice: 'online' }, NOW);
    await Promise.all([
      changeState(ctx.db, beto, { choice: 'on_call' }, later(1)),
      changeState(ctx.db, beto, { choice: 'meeting' }, later(1)),
    ]);
    const open = await openRows(beto.id);
    expect(open).toHaveLength(1);
    expect(['on_call', 'meeting']).toContain(open[0]!.state);
    const all = await ctx.db.select().from(floorStates).where(eq(floorStates.userId, beto.id));
    expect(all).toHaveLength(3);
  });

  it('ends the state at "fuera de turno" on logout and when every session expired', async () => {
    const caro = await person('operator');
    await changeState(ctx.db, caro, { choice: 'online' }, NOW);
    await endStateOnLogout(ctx.db, caro.id, later(2));
    expect((await openRows(caro.id))[0]!.state).toBe('off');

    const dani = await person('operator');
    await changeState(ctx.db, dani, { choice: 'online' }, NOW);
    await ctx.db.insert(sessions).values({
      id: `s-${dani.id}`,
      userId: dani.id,
      expiresAt: later(30),
      absoluteExpiresAt: later(600),
    });
    await endStatesWithoutSession(ctx.db, later(10));
    expect((await openRows(dani.id))[0]!.state).toBe('online');
    await endStatesWithoutSession(ctx.db, later(31));
    expect((await openRows(dani.id))[0]!.state).toBe('off');
  });

  it('shows the floor against the shift, flags long breaks\' start and "sin confirmar", and gives operators no durations', async () => {
    const sup = await person('supervisor', 'Zoe Supervisora');
    const quiet = await person('operator', 'Quieta');
    const busy = await person('operator', 'Activa');
    const session = (u: Actor, lastSeenAt: Date) =>
      ctx.db.insert(sessions).values({
        id: `s-${u.id}`,
        userId: u.id,
        lastSeenAt,
        expiresAt: later(60),
        absoluteExpiresAt: later(600),
      });
    await session(quiet, NOW);
    await session(busy, later(19));
    await changeState(ctx.db, quiet, { choice: 'break:restroom' }, NOW);
    await changeState(ctx.db, busy, { choice: 'online' }, NOW);
    const view = await board(ctx.db, sup, { ...DEFAULT_SETTINGS, hotlineMinOperators: '3' }, TZ, later(20));
    expect(view.shift).toEqual({ label: '08:00–14:00', minOperators: 3 });
    expect(view.breakMinutes.restroom).toBe(10);
    const q = view.people.find((p) => p.userId === quiet.id)!;
    expect(q).toMatchObject({ state: 'break', breakKind: 'restroom', startedAt: NOW.toISOString() });
    expect(q.unconfirmed).toBe(true); // last request 20 minutes ago
    expect(view.people.find((p) => p.userId === busy.id)!.unconfirmed).toBe(false);
    expect(view.people.filter((p) => p.state === 'online')).toHaveLength(1);
    // Ten minutes is the restroom break's length: past it, the board flags it.
    expect(breakOverdue(q, view.breakMinutes, later(10))).toBe(false);
    expect(breakOverdue(q, view.breakMinutes, later(11))).toBe(true);
    // Off hours there is no shift to count against.
    expect(
      (await board(ctx.db, sup, DEFAULT_SETTINGS, TZ, new Date('2026-12-02T05:00:00Z'))).shift,
    ).toBeNull();

    const small = await board(ctx.db, busy, DEFAULT_SETTINGS, TZ, later(20));
    expect(small.full).toBe(false);
    expect(small.people.find((p) => p.userId === quiet.id)).toEqual({
      userId: quiet.id,
      name: 'Quieta',
      state: 'break',
      breakKind: 'restroom',
    });
  });

  it("audits reading another person's history, not one's own", async () => {
    const sup = await person('supervisor', 'Lola Supervisora');
    const op = await person('operator', 'Mateo Operador');
    await changeState(ctx.db, op, { choice: 'online' }, NOW);
    await changeState(ctx.db, op, { choice: 'field' }, later(30));
    const audited = () =>
      ctx.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'floor.history.read'), eq(auditLog.entityId, String(op.id))));
    const read = await readStateHistory(ctx.db, sup, op.id, { ip: null });
    expect(read!.rows.map((r) => [r.state, r.endedAt?.toISOString() ?? null])).toEqual([
      ['field', null],
      ['online', later(30).toISOString()],
    ]);
    expect(await audited()).toHaveLength(1);
    await readStateHistory(ctx.db, op, op.id, { ip: null });
    expect(await audited()).toHaveLength(1);
  });

  it('raises help, lets the first "Voy" take it, tells the others who went, and closes it', async () => {
    const asker = await person('operator', 'Elena Operadora');
    const sup = await person('supervisor', 'Fer Supervisor');
    const other = await person('supervisor', 'Gabi Supervisora');
    const raised = await raiseHelp(ctx.db, asker, { reason: 'crisis', text: 'Llamada difícil' }, NOW);
    expect((await raiseHelp(ctx.db, asker, { reason: 'other', text: '' }, NOW)).id).toBe(raised.id);
    expect(await answerHelp(ctx.db, asker, raised.id, NOW)).toMatchObject({ ok: false });
    expect(await answerHelp(ctx.db, sup, raised.id, later(1))).toEqual({ ok: true });
    expect(await answerHelp(ctx.db, other, raised.id, later(1))).toEqual({
      ok: false,
      message: 'Fer Supervisor ya va en camino.',
    });
    const view = await board(ctx.db, asker, DEFAULT_SETTINGS, TZ, later(2));
    const mine = view.help.find((h) => h.helpId === raised.id)!;
    expect(mine.answeredByName).toBe('Fer Supervisor');
    expect(await closeHelp(ctx.db, other, raised.id, later(3))).toEqual({ ok: true });
    const after = await board(ctx.db, asker, DEFAULT_SETTINGS, TZ, later(4));
    expect(after.help.find((h) => h.helpId === raised.id)).toBeUndefined();
  });

  it('replays what happened after Last-Event-ID, newest state of each person and help request', async () => {
    const hugo = await person('operator', 'Hugo Operador');
    const sup = await person('supervisor', 'Iris Supervisora');
    const mark = await lastEventId(ctx.db);
    await changeState(ctx.db, hugo, { choice: 'online' }, later(40));
    await changeState(ctx.db, hugo, { choice: 'on_call' }, later(41));
    const help = await raiseHelp(ctx.db, hugo, { reason: 'legal', text: '' }, later(42));
    await answerHelp(ctx.db, sup, help.id, later(43));
    const events = await eventsSince(ctx.db, mark);
    const mineStates = events.filter((e) => e.type === 'state' && e.userId === hugo.id);
    expect(mineStates.map((e) => e.type === 'state' && e.state)).toEqual(['on_call']);
    const helps = events.filter((e) => e.type === 'help');
    expect(helps).toHaveLength(1);
    expect(helps[0]).toMatchObject({ helpId: help.id, answeredByName: 'Iris Supervisora' });
    expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => a - b));
    expect(await eventsSince(ctx.db, await lastEventId(ctx.db))).toEqual([]);
  });
});

it('says how the shift stands against its floor', () => {
  expect(floorSummary(2, 3)).toEqual({ text: '2 de 3 en línea: falta 1', short: true });
  expect(floorSummary(0, 3)).toEqual({ text: '0 de 3 en línea: faltan 3', short: true });
  expect(floorSummary(3, 3)).toEqual({ text: '3 de 3 en línea: turno cubierto', short: false });
});

for (const kind of DB_KINDS)
  it(`delivers each change as a NOTIFY after commit [${kind}]`, async () => {
    const database = await createTestDatabase(kind);
    try {
      const got: string[] = [];
      const unlisten = await database.listen('vinculo_floor', (p) => got.push(p));
      const [u] = await database.db
        .insert(users)
        .values({ name: 'Notificada', email: 'notify@vinculo.test', role: 'operator' })
        .returning();
      await changeState(database.db, { id: u!.id, role: 'operator' }, { choice: 'online' }, NOW);
      for (let i = 0; i < 50 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(got).toHaveLength(1);
      expect(JSON.parse(got[0]!)).toMatchObject({ type: 'state', userId: u!.id, state: 'online' });
      await unlisten();
    } finally {
      await database.destroy();
    }
  });
