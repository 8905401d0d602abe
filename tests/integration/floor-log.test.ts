import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { dailyLogs, floorStates, helpRequests, users } from '~db/schema';
import { DEFAULT_SETTINGS } from '~db/settings-defaults';
import { type Actor, answerHelp, changeState, closeHelp, raiseHelp } from '~/features/floor/floor.server';
import { annotateFloorEntry, floorLogEntries } from '~/features/floor/log.server';
import { floorPrefsOf, setAlertSound } from '~/features/floor/prefs.server';
import { purgeFloorHistory } from '~/features/floor/retention.server';
import { getDailyLog, shiftWindow } from '~/features/cases/bitacora.server';
import { findReport, loadReport } from '~/features/reports/catalog';
import { presentTable } from '~/features/reports/present';
import { annotateAction } from '~/actions/floor-annotate';
import { runFormAction } from '~/lib/server/action-pipeline';
import { makeContext, makeStaffContext } from '~/lib/server/context';
import { describeEachDb } from '../helpers/db';

const TZ = 'America/Chihuahua';
// 2026-11-10, 09:00 in Chihuahua (UTC−6): the morning shift (7 to 15 h) of the bitácora.
const DAY = '2026-11-10';
const AT = (hhmm: string) => new Date(`${DAY}T${hhmm}:00-06:00`);

describeEachDb('live floor in the bitácora, retention and the report', (ctx) => {
  let n = 0;
  async function person(role: Actor['role'], name = `Persona ${++n}`): Promise<Actor & { name: string }> {
    const [u] = await ctx.db
      .insert(users)
      .values({ name, email: `floorlog${++n}-${Math.random().toString(36).slice(2, 7)}@vinculo.test`, role })
      .returning();
    return { id: u!.id, role, name };
  }

  const as = (user: { id: number }) => makeStaffContext({ db: ctx.db, user, zone: TZ });

  it("puts breaks, field exits, meetings and help requests in the shift's bitácora by themselves", async () => {
    const ana = await person('operator', 'Ana Operadora');
    const sup = await person('supervisor', 'Sara Supervisora');
    await changeState(ctx.db, ana, { choice: 'online' }, AT('07:05'));
    await changeState(ctx.db, ana, { choice: 'break:meal' }, AT('09:00'));
    await changeState(ctx.db, ana, { choice: 'online' }, AT('09:40'));
    const help = await raiseHelp(ctx.db, ana, { reason: 'crisis', text: '' }, AT('10:00'));
    await answerHelp(ctx.db, sup, help.id, AT('10:02'));
    await closeHelp(ctx.db, ana, help.id, AT('10:20'));
    await changeState(ctx.db, ana, { choice: 'meeting' }, AT('11:00'));
    await changeState(ctx.db, ana, { choice: 'field' }, AT('12:00'));
    await changeState(ctx.db, ana, { choice: 'off' }, AT('14:00'));
    // Another shift's break is not in this one.
    await changeState(ctx.db, ana, { choice: 'break:pause' }, AT('16:00'));
    await changeState(ctx.db, ana, { choice: 'off' }, AT('16:10'));

    const log = await getDailyLog(
      makeStaffContext({ db: ctx.db, user: ana, zone: TZ }),
      ana.id,
      DAY,
      'matutino',
    );
    expect(log!.floor.map((e) => [e.kind, e.label, e.minutes])).toEqual([
      ['break', 'Descanso: comida', 40],
      ['help', 'Pidió apoyo: Crisis', 20],
      ['meeting', 'En reunión o capacitación', 60],
      ['field', 'En campo (sin actividad en la agenda)', 120],
    ]);
    expect(log!.floor[1]!.detail).toBe('Respondió Sara Supervisora en 2 min');
  });

  it('lets the operator annotate an entry of their own open log, never delete it', async () => {
    const bea = await person('operator', 'Bea Operadora');
    const other = await person('operator');
    await changeState(ctx.db, bea, { choice: 'break:restroom' }, AT('08:00'));
    await changeState(ctx.db, bea, { choice: 'online' }, AT('08:10'));
    const help = await raiseHelp(ctx.db, bea, { reason: 'legal', text: '' }, AT('08:30'));
    const [from, to] = shiftWindow(DAY, 'matutino', TZ);
    const [brk, asked] = await floorLogEntries(ctx.db, bea.id, from, to);

    expect(await annotateFloorEntry(as(bea), brk!.ref, 'Me tardé por la fila', { from, to })).toEqual({
      ok: true,
    });
    expect(await annotateFloorEntry(as(bea), asked!.ref, 'Duda de amparo', { from, to })).toEqual({
      ok: true,
    });
    // Someone else's entry, or one outside the shift: refused, nothing changed.
    expect((await annotateFloorEntry(as(other), brk!.ref, 'ajeno', { from, to })).ok).toBe(false);
    const [, nextTo] = shiftWindow(DAY, 'vespertino', TZ);
    expect((await annotateFloorEntry(as(bea), brk!.ref, 'x', { from: to, to: nextTo })).ok).toBe(false);
    const again = await floorLogEntries(ctx.db, bea.id, from, to);
    expect(again.map((e) => e.note)).toEqual(['Me tardé por la fila', 'Duda de amparo']);
    expect(again[0]!.minutes).toBe(10);

    // The database refuses to delete an entry, by any path but the retention job.
    await expect(ctx.db.delete(floorStates).where(eq(floorStates.id, brk!.ref.id))).rejects.toThrow();
    await expect(ctx.db.delete(helpRequests).where(eq(helpRequests.id, help.id))).rejects.toThrow();
    expect(await floorLogEntries(ctx.db, bea.id, from, to)).toHaveLength(2);
  });

  it('refuses a note through the action once the log is closed, with a message and nothing saved', async () => {
    const cam = await person('operator', 'Cam Operadora');
    await changeState(ctx.db, cam, { choice: 'break:pause' }, AT('09:00'));
    await changeState(ctx.db, cam, { choice: 'online' }, AT('09:15'));
    const [from, to] = shiftWindow(DAY, 'matutino', TZ);
    const [entry] = await floorLogEntries(ctx.db, cam.id, from, to);
    const [u] = await ctx.db.select().from(users).where(eq(users.id, cam.id));
    const me = { id: u!.id, name: u!.name, email: u!.email, role: 'operator' as const };
    const send = (f: FormData) =>
      runFormAction(annotateAction, f, async () => makeContext({ db: ctx.db, user: me, zone: TZ }), me);
    const form = (note: string) => {
      const f = new FormData();
      f.set('entry', `state:${entry!.ref.id}`);
      f.set('day', DAY);
      f.set('shift', 'matutino');
      f.set('note', note);
      return f;
    };
    const ok = await send(form('Pausa activa'));
    expect(ok).toMatchObject({ ok: true });
    const tooLong = await send(form('x'.repeat(141)));
    expect(tooLong).toMatchObject({ ok: false, errors: { note: expect.stringContaining('140') } });
    await ctx.db
      .insert(dailyLogs)
      .values({ operatorId: cam.id, day: DAY, shift: 'matutino', closedAt: AT('15:00') });
    const closed = await send(form('Otra nota'));
    expect(closed).toMatchObject({ ok: false, formError: expect.stringContaining('cerrada') });
    expect((await floorLogEntries(ctx.db, cam.id, from, to))[0]!.note).toBe('Pausa activa');
  });

  it('deletes only history that ended before the retention period, never an open state', async () => {
    const dan = await person('operator', 'Dan Operador');
    const old = new Date('2025-06-01T15:00:00Z');
    await changeState(ctx.db, dan, { choice: 'online' }, old);
    await changeState(ctx.db, dan, { choice: 'break:meal' }, new Date('2025-06-01T17:00:00Z'));
    const oldHelp = await raiseHelp(ctx.db, dan, { reason: 'other', text: '' }, old);
    await closeHelp(ctx.db, dan, oldHelp.id, new Date('2025-06-01T15:10:00Z'));
    // Still open from long ago: the current state stays, whatever its age.
    const eve = await person('operator', 'Eve Operadora');
    await changeState(ctx.db, eve, { choice: 'online' }, old);
    // Recent: kept.
    await changeState(ctx.db, dan, { choice: 'online' }, new Date('2026-10-01T15:00:00Z'));
    const now = new Date('2026-11-10T15:00:00Z');

    const result = await purgeFloorHistory(ctx.db, { floorRetentionMonths: '12' }, now);
    expect(result).toEqual({ states: 1, help: 1 });
    const left = await ctx.db
      .select({ userId: floorStates.userId, state: floorStates.state })
      .from(floorStates)
      .where(sql`${floorStates.userId} in (${dan.id}, ${eve.id})`)
      .orderBy(floorStates.startedAt);
    // Dan's 2025 break ended in 2026-10 (when he went online): within 12 months, kept.
    expect(left.map((r) => [r.userId, r.state])).toEqual([
      [eve.id, 'online'],
      [dan.id, 'break'],
      [dan.id, 'online'],
    ]);
    expect(await ctx.db.select().from(helpRequests).where(eq(helpRequests.id, oldHelp.id))).toHaveLength(0);
    // A shorter period (a setting) deletes more; the default is 12 months.
    expect(await purgeFloorHistory(ctx.db, { floorRetentionMonths: '1' }, now)).toEqual({
      states: 1,
      help: 0,
    });
    expect(DEFAULT_SETTINGS.floorRetentionMonths).toBe('12');
    expect(await purgeFloorHistory(ctx.db, { floorRetentionMonths: '1' }, now)).toEqual({
      states: 0,
      help: 0,
    });
  });

  it('keeps the alert sound off until the person turns it on', async () => {
    const fay = await person('operator');
    expect(await floorPrefsOf(ctx.db, fay.id)).toEqual({ sound: false });
    await setAlertSound(as(fay), true);
    expect(await floorPrefsOf(ctx.db, fay.id)).toEqual({ sound: true });
    await setAlertSound(as(fay), false);
    expect(await floorPrefsOf(ctx.db, fay.id)).toEqual({ sound: false });
  });

  it('reports hours per person and shift and the wait until "Voy", small counts rounded', async () => {
    const gil = await person('operator', 'Gil Reporte');
    const sup = await person('supervisor', 'Hugo Supervisor');
    // December 2026: 12 mornings of 6 h on the line, 30 min break, 1 h in the field each.
    for (let d = 1; d <= 12; d++) {
      const day = `2026-12-${String(d).padStart(2, '0')}`;
      const t = (hhmm: string) => new Date(`${day}T${hhmm}:00-06:00`);
      await changeState(ctx.db, gil, { choice: 'online' }, t('07:00'));
      await changeState(ctx.db, gil, { choice: 'break:meal' }, t('10:00'));
      await changeState(ctx.db, gil, { choice: 'on_call' }, t('10:30'));
      await changeState(ctx.db, gil, { choice: 'field' }, t('12:00'));
      await changeState(ctx.db, gil, { choice: 'online' }, t('13:00'));
      await changeState(ctx.db, gil, { choice: 'off' }, t('14:30'));
      const h = await raiseHelp(ctx.db, gil, { reason: 'crisis', text: '' }, t('11:00'));
      await answerHelp(ctx.db, sup, h.id, t('11:03'));
      await closeHelp(ctx.db, gil, h.id, t('11:20'));
    }
    const report = findReport('linea-estados')!;
    const loaded = await loadReport(
      ctx.db,
      report,
      new URLSearchParams({ desde: '2026-12-01', hasta: '2026-12-31', por: 'persona-turno' }),
      TZ,
      new Date('2027-01-05T15:00:00Z'),
    );
    const raw = await report.run(ctx.db, loaded.parsed.query, TZ);
    const exact = presentTable(raw.table, { suppress: false });
    const row = exact.rows.find((r) => r.label === 'Gil Reporte · matutino')!;
    const byKey = Object.fromEntries(exact.columns.map((c, i) => [c.key, row.cells[i]!.value]));
    expect(byKey).toMatchObject({
      changes: 60,
      lineHours: 72,
      breakHours: 6,
      fieldHours: 12,
      help: 12,
      answered: 12,
      waitMinutes: 3,
    });
    // Published: counts rounded to 5 (by the cell key), hours shown over 10+ changes.
    const shownRow = loaded.table.rows.find((r) => r.label === 'Gil Reporte · matutino')!;
    const shown = Object.fromEntries(loaded.table.columns.map((c, i) => [c.key, shownRow.cells[i]!.value]));
    expect(shown.changes).toBe(60);
    expect(shown.lineHours).toBe(72);
    expect([10, 15]).toContain(shown.help);
    expect(loaded.table.protected).toBe(true);
  });

  it('gives an operator no way to open the report', async () => {
    const { canViewReport } = await import('~/features/reports/definition');
    expect(canViewReport('operator', findReport('linea-estados')!)).toBe(false);
    expect(canViewReport('comms', findReport('linea-estados')!)).toBe(false);
    expect(canViewReport('supervisor', findReport('linea-estados')!)).toBe(true);
  });
});
