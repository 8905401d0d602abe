import { beforeAll, expect, it } from 'vitest';
import { activities } from '~db/schema';
import { findReport, loadReport } from '~/features/reports/catalog';
import type { PresentedTable } from '~/features/reports/present';
import { describeEachDb } from '../helpers/db';
import { CHIHUAHUA, JUAREZ, type RequestIds, chih, seedRequestFixtures } from './reports.fixtures';

/** 'YYYY-MM-DD HH:MM' on the Ciudad Juárez clock in winter (MST, UTC−7) → Date. */
const juarezWinter = (local: string) => new Date(`${local.replace(' ', 'T')}:00-07:00`);

function figures(table: PresentedTable) {
  const out: Record<string, Record<string, number | null>> = {};
  for (const row of table.total ? [...table.rows, table.total] : table.rows) {
    out[row.key] = Object.fromEntries(table.columns.map((c, i) => [c.key, row.cells[i]!.value]));
  }
  return out;
}

const NOW = new Date('2026-11-25T15:00:00Z');

describeEachDb('reports: outreach activities', (ctx) => {
  const ids: RequestIds = {};
  let topic: Record<'acoso' | 'noviazgo' | 'extorsion', number>;
  beforeAll(async () => {
    topic = await seedRequestFixtures(ctx.db, ids);
    const hour = 3_600_000;
    const add = (a: {
      type: 'workshop' | 'field' | 'flyering' | 'public_event' | 'meeting';
      start: Date;
      zone: string;
      status: 'tentative' | 'confirmed' | 'done' | 'cancelled';
      muni: string | null;
      request?: string;
      people?: number;
    }) =>
      ctx.db.insert(activities).values({
        type: a.type,
        title: `Actividad ${a.type}`,
        startsAt: a.start,
        endsAt: new Date(a.start.getTime() + hour),
        timeZone: a.zone,
        status: a.status,
        municipalityId: a.muni,
        workshopRequestId: a.request ? ids[a.request]! : null,
        attendanceTotal: a.people ?? null,
      });
    // A1 Chihuahua, January, workshop for R1 (primaria, acoso), 30 people.
    await add({
      type: 'workshop',
      start: chih('2026-01-15 10:00'),
      zone: CHIHUAHUA,
      status: 'done',
      muni: '08019',
      request: 'R1',
      people: 30,
    });
    // A2 in Juárez at 23:30 on 31 Jan by the Juárez clock (00:30 on 1 Feb in Chihuahua): January.
    await add({
      type: 'workshop',
      start: juarezWinter('2026-01-31 23:30'),
      zone: JUAREZ,
      status: 'done',
      muni: '08037',
      request: 'R2',
      people: 45,
    });
    // A3 field work without attendance recorded; A4 flyering with no municipality, 120 people.
    await add({
      type: 'field',
      start: chih('2026-02-10 09:00'),
      zone: CHIHUAHUA,
      status: 'done',
      muni: '08017',
    });
    await add({
      type: 'flyering',
      start: chih('2026-02-20 17:00'),
      zone: CHIHUAHUA,
      status: 'done',
      muni: null,
      people: 120,
    });
    // A5 cancelled; A6 confirmed at 23:30 on 31 March (1 April in UTC), for R7 (secundaria, noviazgo).
    await add({
      type: 'public_event',
      start: chih('2026-03-05 11:00'),
      zone: CHIHUAHUA,
      status: 'cancelled',
      muni: '08019',
    });
    await add({
      type: 'workshop',
      start: chih('2026-03-31 23:30'),
      zone: CHIHUAHUA,
      status: 'confirmed',
      muni: '08019',
      request: 'R7',
    });
    // Outside: 00:15 on 1 April; and 23:30 on 31 Dec in Juárez, which is already 1 Jan in Chihuahua.
    await add({
      type: 'workshop',
      start: chih('2026-04-01 00:15'),
      zone: CHIHUAHUA,
      status: 'done',
      muni: '08019',
      people: 99,
    });
    await add({
      type: 'meeting',
      start: juarezWinter('2025-12-31 23:30'),
      zone: JUAREZ,
      status: 'done',
      muni: '08037',
      people: 10,
    });
  });

  const run = (params: Record<string, string>) =>
    loadReport(ctx.db, findReport('actividades')!, new URLSearchParams(params), CHIHUAHUA, NOW);
  const period = { desde: '2026-01-01', hasta: '2026-03-31' };
  const m = (
    done: number,
    people: number,
    avgPeople: number | null,
    withAttendance: number,
    planned: number,
    cancelled: number,
  ) => ({ done, people, avgPeople, withAttendance, planned, cancelled });

  it('counts activities and people reached by the local month of each activity', async () => {
    const { table } = await run({ ...period, por: 'mes' });
    expect(figures(table)).toEqual({
      '2026-01': m(2, 75, 37.5, 2, 0, 0),
      '2026-02': m(2, 120, 120, 1, 0, 0),
      '2026-03': m(0, 0, null, 0, 1, 1),
      total: m(4, 195, 65, 3, 1, 1),
    });
  });

  it('dates a Juárez activity by the Juárez clock, by day', async () => {
    const { table } = await run({ desde: '2026-01-31', hasta: '2026-02-01', por: 'dia' });
    expect(figures(table)).toEqual({
      '2026-01-31': m(1, 45, 45, 1, 0, 0),
      '2026-02-01': m(0, 0, null, 0, 0, 0),
      total: m(1, 45, 45, 1, 0, 0),
    });
  });

  it('groups by type, municipality, institution type and topic', async () => {
    const byType = figures((await run({ ...period, por: 'tipo' })).table);
    expect(byType.workshop).toEqual(m(2, 75, 37.5, 2, 1, 0));
    expect(byType.flyering).toEqual(m(1, 120, 120, 1, 0, 0));
    expect(byType.public_event).toEqual(m(0, 0, null, 0, 0, 1));

    const byPlace = await run({ ...period, por: 'municipio' });
    expect(byPlace.table.rows.find((r) => r.key === '')!.label).toBe('En línea o sin municipio');
    expect(figures(byPlace.table)['08019']).toEqual(m(1, 30, 30, 1, 1, 1));

    const byInstitution = await run({ ...period, por: 'institucion' });
    const f = figures(byInstitution.table);
    expect(f.primaria).toEqual(m(1, 30, 30, 1, 0, 0));
    expect(f.secundaria).toEqual(m(1, 45, 45, 1, 1, 0));
    expect(f['']).toEqual(m(2, 120, 120, 1, 0, 1));
    expect(byInstitution.table.rows.find((r) => r.key === '')!.label).toBe(
      'Sin solicitud (actividad propia)',
    );

    // A2's request asked for two topics: it counts in both rows, once in the total.
    const byTopic = await run({ ...period, por: 'tema' });
    const t = figures(byTopic.table);
    expect(t.total).toEqual(m(4, 195, 65, 3, 1, 1));
    expect(t[String(topic.acoso)]).toEqual(m(2, 75, 37.5, 2, 0, 0));
    expect(t[String(topic.noviazgo)]).toEqual(m(1, 45, 45, 1, 1, 0));
    expect(t['']).toEqual(m(2, 120, 120, 1, 0, 1));
  });

  it('filters, and shows an empty period as zeros', async () => {
    expect(
      figures((await run({ ...period, por: 'mes', tipo: 'workshop', municipio: '08037' })).table).total,
    ).toEqual(m(1, 45, 45, 1, 0, 0));
    const empty = await run({ desde: '2025-06-01', hasta: '2025-06-30', por: 'mes' });
    expect(figures(empty.table)).toEqual({
      '2025-06': m(0, 0, null, 0, 0, 0),
      total: m(0, 0, null, 0, 0, 0),
    });
  });

  it('leads the monthly summary with activities and people reached', async () => {
    const { loadMonthlySummary } = await import('~/features/reports/summary.server');
    const [activitySection] = await loadMonthlySummary(
      ctx.db,
      'supervisor',
      { from: '2026-02-01', to: '2026-02-28' },
      CHIHUAHUA,
    );
    expect(activitySection!.title).toBe('Actividades de prevención y personas alcanzadas');
    const row = (label: string) =>
      activitySection!.headlines.find((h) => h.label === label)!.cells.map((c) => c.text);
    // February: A3 (no attendance) and A4 (120); January: A1 (30) and A2 (45); Jan–Feb: all four.
    expect(row('Actividades realizadas')).toEqual(['2', '2', '4']);
    expect(row('Personas alcanzadas')).toEqual(['120', '75', '195']);
    expect(row('Promedio de personas por actividad')).toEqual(['120.0', '37.5', '65.0']);
  });
});
