import { beforeAll, describe, expect, it } from 'vitest';
import { findReport, loadReport } from '~/features/reports/catalog';
import type { PresentedRow, PresentedTable } from '~/features/reports/present';
import { describeEachDb } from '../helpers/db';
import { CHIHUAHUA, JUAREZ, PERIOD, insertRequestFixtures, seedRequestFixtures } from './reports.fixtures';

/** Row key → column key → shown number (null for "—"). */
function figures(table: PresentedTable): Record<string, Record<string, number | null>> {
  const out: Record<string, Record<string, number | null>> = {};
  const add = (row: PresentedRow) => {
    out[row.key] = Object.fromEntries(table.columns.map((c, i) => [c.key, row.cells[i]!.value]));
  };
  table.rows.forEach(add);
  if (table.total) add(table.total);
  return out;
}

const NOW = new Date('2026-11-25T15:00:00Z');

describeEachDb('reports: workshop requests', (ctx) => {
  let topic: Record<'acoso' | 'noviazgo' | 'extorsion', number>;
  beforeAll(async () => {
    topic = await seedRequestFixtures(ctx.db);
  });

  async function run(slug: string, params: Record<string, string>, timeZone = CHIHUAHUA) {
    const report = findReport(slug)!;
    return loadReport(ctx.db, report, new URLSearchParams(params), timeZone, NOW);
  }
  const status = (
    received: number,
    pending: number,
    scheduled: number,
    completed: number,
    declined: number,
    cancelled: number,
  ) => ({
    received,
    pending,
    scheduled,
    completed,
    declined,
    cancelled,
  });

  describe('received vs scheduled vs declined vs cancelled', () => {
    it('counts each request in the local month it arrived, with its status today', async () => {
      const { table, parsed } = await run('solicitudes', {
        desde: PERIOD.from,
        hasta: PERIOD.to,
        por: 'mes',
      });
      expect(parsed.errors).toEqual({});
      expect(table.rows.map((r) => r.label)).toEqual(['ene 2026', 'feb 2026', 'mar 2026', 'abr 2026']);
      expect(figures(table)).toEqual({
        // R1 completed, R2 scheduled (23:30 on 31 Jan local, 1 Feb in UTC)
        '2026-01': status(2, 0, 1, 1, 0, 0),
        // R3 declined (00:10 on 1 Feb), R4 cancelled, R5 received
        '2026-02': status(3, 1, 0, 0, 1, 1),
        // R6 under review, R7 and R11 completed
        '2026-03': status(3, 1, 0, 2, 0, 0),
        // R8 at 23:59 on the last day; R9 (1 May) and R10 (31 Dec) are outside
        '2026-04': status(1, 0, 1, 0, 0, 0),
        total: status(9, 2, 2, 3, 1, 1),
      });
    });

    it('moves the same instants to other months in the Ciudad Juárez zone', async () => {
      // In January Juárez is UTC−7: R3 (1 Feb 06:10 UTC) falls on 31 Jan at 23:10 there.
      const { table } = await run(
        'solicitudes',
        { desde: '2026-01-01', hasta: '2026-02-28', por: 'mes' },
        JUAREZ,
      );
      const f = figures(table);
      expect(f['2026-01']).toEqual(status(3, 0, 1, 1, 1, 0));
      expect(f['2026-02']).toEqual(status(2, 1, 0, 0, 0, 1));
    });

    it('groups by local day, listing empty days as zero', async () => {
      const { table } = await run('solicitudes', { desde: '2026-01-30', hasta: '2026-02-02', por: 'dia' });
      expect(table.rows.map((r) => [r.key, r.cells[0]!.value])).toEqual([
        ['2026-01-30', 0],
        ['2026-01-31', 1],
        ['2026-02-01', 1],
        ['2026-02-02', 0],
      ]);
      expect(table.rows[1]!.label).toBe('sáb 31 ene');
    });

    it('groups by municipality, institution type and topic', async () => {
      const period = { desde: PERIOD.from, hasta: PERIOD.to };
      const byMunicipality = await run('solicitudes', { ...period, por: 'municipio' });
      expect(byMunicipality.table.rows.map((r) => r.label)).toEqual(['Chihuahua', 'Juárez', 'Cuauhtémoc']);
      expect(figures(byMunicipality.table)).toEqual({
        '08019': status(4, 1, 0, 2, 0, 1),
        '08037': status(4, 0, 2, 1, 1, 0),
        '08017': status(1, 1, 0, 0, 0, 0),
        total: status(9, 2, 2, 3, 1, 1),
      });

      const byType = await run('solicitudes', { ...period, por: 'tipo' });
      expect(byType.table.rows.map((r) => [r.label, r.cells[0]!.value])).toEqual([
        ['Secundaria', 4],
        ['Centro de trabajo o empresa', 2],
        ['Primaria', 2],
        ['Preparatoria o bachillerato', 1],
      ]);

      // R2 asked for two topics: it counts under both, the total still counts it once.
      const byTopic = await run('solicitudes', { ...period, por: 'tema' });
      const f = figures(byTopic.table);
      expect(f[String(topic.acoso)]).toEqual(status(4, 1, 1, 2, 0, 0));
      expect(f[String(topic.noviazgo)]).toEqual(status(3, 0, 1, 1, 0, 1));
      expect(f[String(topic.extorsion)]).toEqual(status(3, 1, 1, 0, 1, 0));
      expect(f.total).toEqual(status(9, 2, 2, 3, 1, 1));
      expect(byTopic.table.notes.join(' ')).toMatch(/varios temas/);
    });

    it('applies the filters together', async () => {
      const juarez = await run('solicitudes', {
        desde: PERIOD.from,
        hasta: PERIOD.to,
        por: 'mes',
        municipio: '08037',
      });
      expect(figures(juarez.table).total).toEqual(status(4, 0, 2, 1, 1, 0));
      const combined = await run('solicitudes', {
        desde: PERIOD.from,
        hasta: PERIOD.to,
        por: 'municipio',
        tipo: 'secundaria',
        tema: String(topic.noviazgo),
      });
      // R2 (Juárez, scheduled), R4 (Chihuahua, cancelled), R7 (Chihuahua, completed)
      expect(figures(combined.table)).toEqual({
        '08019': status(2, 0, 0, 1, 0, 1),
        '08037': status(1, 0, 1, 0, 0, 0),
        total: status(3, 0, 1, 1, 0, 1),
      });
    });

    it('shows an empty period as zeros, and refuses filters outside the catalogue', async () => {
      const empty = await run('solicitudes', { desde: '2025-06-01', hasta: '2025-07-31', por: 'mes' });
      expect(figures(empty.table)).toEqual({
        '2025-06': status(0, 0, 0, 0, 0, 0),
        '2025-07': status(0, 0, 0, 0, 0, 0),
        total: status(0, 0, 0, 0, 0, 0),
      });
      const emptyByPlace = await run('solicitudes', {
        desde: '2025-06-01',
        hasta: '2025-07-31',
        por: 'municipio',
      });
      expect(emptyByPlace.table.rows).toEqual([]);
      expect(emptyByPlace.table.total!.cells[0]!.value).toBe(0);

      const bad = await run('solicitudes', {
        desde: '2026-02-30',
        hasta: PERIOD.to,
        por: 'mes',
        municipio: '99999',
      });
      expect(bad.parsed.errors).toMatchObject({
        desde: expect.stringMatching(/fecha válida/),
        municipio: expect.any(String),
      });
      // The bad start falls back to the default (twelve months back from today); the filter is dropped.
      expect(bad.parsed.query).toMatchObject({ from: '2025-12-01', to: PERIOD.to, filters: {} });
    });
  });

  describe('time from request to session', () => {
    it('gives count, average, median and 90th percentile in days', async () => {
      const { table } = await run('tiempo-a-sesion', { desde: PERIOD.from, hasta: PERIOD.to, por: 'mes' });
      expect(figures(table)).toEqual({
        // R1 10 days, R2 5 days
        '2026-01': { sessions: 2, avgDays: 7.5, medianDays: 7.5, p90Days: 9.5 },
        '2026-02': { sessions: 0, avgDays: null, medianDays: null, p90Days: null },
        // R11 4 days, R7 20 days
        '2026-03': { sessions: 2, avgDays: 12, medianDays: 12, p90Days: 18.4 },
        // R8 10 days
        '2026-04': { sessions: 1, avgDays: 10, medianDays: 10, p90Days: 10 },
        // 4, 5, 10, 10, 20
        total: { sessions: 5, avgDays: 9.8, medianDays: 10, p90Days: 16 },
      });
      expect(table.rows[1]!.cells[1]!.text).toBe('—');
      expect(table.total!.cells[1]!.text).toBe('9.8');
    });

    it('leaves out declined, cancelled and unscheduled requests', async () => {
      const { table } = await run('tiempo-a-sesion', { desde: PERIOD.from, hasta: PERIOD.to, por: 'tipo' });
      // R3 declined, R4 cancelled, R5/R6 not scheduled: none of them has a session.
      expect(figures(table)).toEqual(expectedLeadByType());
    });
  });

  describe('evaluations', () => {
    it('counts scores by the local month they arrived and lists the comments', async () => {
      const { table, lists } = await run('evaluaciones', {
        desde: PERIOD.from,
        hasta: PERIOD.to,
        por: 'mes',
      });
      const none = { s5: 0, s4: 0, s3: 0, s2: 0, s1: 0 };
      expect(figures(table)).toEqual({
        '2026-01': { evaluations: 1, avgScore: 5, ...none, s5: 1 },
        '2026-02': { evaluations: 0, avgScore: null, ...none },
        // 23:45 on 31 March local is 1 April in UTC
        '2026-03': { evaluations: 1, avgScore: 4, ...none, s4: 1 },
        '2026-04': { evaluations: 1, avgScore: 3, ...none, s3: 1 },
        total: { evaluations: 3, avgScore: 4, ...none, s5: 1, s4: 1, s3: 1 },
      });
      expect(lists[0]!.rows.map((r) => [r[1], r[5], r[6], r[7]])).toEqual([
        ['Institución R7', '3', 'Las dinámicas', ''],
        ['Institución R1', '5', '', 'Muy claro, gracias'],
      ]);
      expect(lists[0]!.rows[1]![4]).toBe('Prevención del acoso escolar');
    });

    it('is empty for a period without evaluations', async () => {
      const { table, lists } = await run('evaluaciones', {
        desde: '2026-02-01',
        hasta: '2026-02-28',
        por: 'municipio',
      });
      expect(table.rows).toEqual([]);
      expect(figures(table).total).toMatchObject({ evaluations: 0, avgScore: null });
      expect(lists[0]!.rows).toEqual([]);
    });
  });
});

/** By institution type: secundaria R2 5, R7 20, R11 4 days; primaria R1 10; empresa R8 10. */
function expectedLeadByType() {
  // secundaria sorted: 4, 5, 20 → mean 29/3 (shown to one decimal: 9.7), median 5,
  // p90 at position 1.8 → 5 + 0.8 × 15 = 17.
  return {
    secundaria: { sessions: 3, avgDays: 9.7, medianDays: 5, p90Days: 17 },
    primaria: { sessions: 1, avgDays: 10, medianDays: 10, p90Days: 10 },
    empresa: { sessions: 1, avgDays: 10, medianDays: 10, p90Days: 10 },
    total: { sessions: 5, avgDays: 9.8, medianDays: 10, p90Days: 16 },
  };
}

describeEachDb('reports: monthly summary and suppression over real queries', (ctx) => {
  beforeAll(async () => {
    await seedRequestFixtures(ctx.db);
  });

  it('gives the month, the month before and the year to date from the same queries as the reports', async () => {
    const { loadMonthlySummary } = await import('~/features/reports/summary.server');
    const sections = await loadMonthlySummary(
      ctx.db,
      'comms',
      { from: '2026-03-01', to: '2026-03-31' },
      CHIHUAHUA,
    );
    const outreach = sections.find((x) => x.title === 'Solicitudes de talleres y pláticas');
    const row = (label: string) =>
      outreach!.headlines.find((h) => h.label === label)!.cells.map((c) => c.text);
    // March: R6, R7, R11. February: R3, R4, R5. January–March: R1–R7 and R11.
    expect(row('Solicitudes recibidas')).toEqual(['3', '3', '8']);
    expect(row('Realizadas')).toEqual(['2', '0', '3']);
    expect(row('No aceptadas')).toEqual(['0', '1', '1']);
    // Lead times: March 4 and 20 days; February none; Jan–Mar 4, 5, 10, 20.
    expect(row('Días de la solicitud a la sesión (mediana)')).toEqual(['12.0', '—', '7.5']);
    // Evaluations: R11's arrived at 23:45 on 31 March (local).
    expect(row('Calificación promedio (1 a 5)')).toEqual(['4.00', '—', '4.50']);
    expect(outreach!.breakdowns.map((t) => t.caption)).toEqual([
      'Solicitudes por municipio y estado actual',
      'Solicitudes por tipo de institución y estado actual',
      'Solicitudes por tema y estado actual',
    ]);
    expect(outreach!.breakdowns[0]!.total!.cells[0]!.value).toBe(3);
  });

  it('follows Ciudad Juárez across the end of daylight saving time', async () => {
    // Juárez leaves MDT (UTC−6) for MST (UTC−7) at 02:00 on 1 November 2026. Both requests are
    // on 1 November by the Juárez clock (00:30 MDT and 23:30 MST); by Chihuahua's (UTC−6) the
    // second is already 00:30 on 2 November.
    await insertRequestFixtures(ctx.db, [
      {
        ref: 'DST1',
        created: '2026-11-01T06:30:00Z',
        status: 'received',
        municipality: '08037',
        type: 'secundaria',
        topics: ['acoso'],
      },
      {
        ref: 'DST2',
        created: '2026-11-02T06:30:00Z',
        status: 'received',
        municipality: '08037',
        type: 'secundaria',
        topics: ['acoso'],
      },
    ]);
    const byDay = async (timeZone: string) => {
      const report = findReport('solicitudes')!;
      const { table } = await loadReport(
        ctx.db,
        report,
        new URLSearchParams({ desde: '2026-10-31', hasta: '2026-11-02', por: 'dia' }),
        timeZone,
        NOW,
      );
      return table.rows.map((r) => [r.key, r.cells[0]!.value]);
    };
    expect(await byDay(JUAREZ)).toEqual([
      ['2026-10-31', 0],
      ['2026-11-01', 2],
      ['2026-11-02', 0],
    ]);
    expect(await byDay(CHIHUAHUA)).toEqual([
      ['2026-10-31', 0],
      ['2026-11-01', 1],
      ['2026-11-02', 1],
    ]);
  });

  it('refuses to publish a report about people without cell keys (never the exact small counts)', async () => {
    const { presentTable } = await import('~/features/reports/present');
    const report = findReport('solicitudes')!;
    const result = await report.run(ctx.db, { ...PERIOD, by: 'municipio', filters: {} }, CHIHUAHUA);
    expect(() => presentTable(result.table, { suppress: true })).toThrow(/clave de celda/);
  });
});
