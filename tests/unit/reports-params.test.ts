import { describe, expect, it } from 'vitest';
import { canViewReport } from '~/features/reports/definition';
import { REPORTS } from '~/features/reports/catalog';
import {
  defaultRange,
  localToday,
  parseMonth,
  parseReportQuery,
  queryString,
} from '~/features/reports/params';
import { canAccess } from '~/lib/server/access';

const spec = {
  groupings: [
    { value: 'mes', label: 'Mes' },
    { value: 'dia', label: 'Día' },
    { value: 'municipio', label: 'Municipio' },
  ],
  filters: [{ name: 'municipio', label: 'Municipio', options: [{ value: '08037', label: 'Juárez' }] }],
};

describe('report query string', () => {
  it('defaults to the last twelve months up to today', () => {
    const parsed = parseReportQuery(new URLSearchParams(), spec, '2026-11-25');
    expect(parsed).toEqual({
      query: { from: '2025-12-01', to: '2026-11-25', by: 'mes', filters: {} },
      errors: {},
      values: {},
      notices: [],
    });
    expect(defaultRange('2026-03-31')).toEqual({ from: '2025-04-01', to: '2026-03-31' });
  });

  it('takes today in the organisation zone, not in UTC', () => {
    // 05:30 UTC on 1 Dec is still 30 Nov in Chihuahua.
    expect(localToday('America/Chihuahua', new Date('2026-12-01T05:30:00Z'))).toBe('2026-11-30');
    expect(localToday('America/Chihuahua', new Date('2026-12-01T06:30:00Z'))).toBe('2026-12-01');
  });

  it('explains bad dates and groupings, and still runs with the defaults', () => {
    const parsed = parseReportQuery(
      new URLSearchParams({ desde: '2026-13-01', hasta: 'ayer', por: 'anio', municipio: '08037' }),
      spec,
      '2026-11-25',
    );
    expect(Object.keys(parsed.errors).sort()).toEqual(['desde', 'hasta', 'por']);
    expect(parsed.query).toEqual({
      from: '2025-12-01',
      to: '2026-11-25',
      by: 'mes',
      filters: { municipio: '08037' },
    });
    expect(parsed.values).toMatchObject({ desde: '2026-13-01', hasta: 'ayer' });
  });

  it('refuses an inverted or too long period, and daily grouping over long periods', () => {
    expect(
      parseReportQuery(new URLSearchParams({ desde: '2026-05-01', hasta: '2026-04-01' }), spec, '2026-11-25')
        .errors.hasta,
    ).toMatch(/posterior/);
    expect(
      parseReportQuery(new URLSearchParams({ desde: '2020-01-01', hasta: '2026-04-01' }), spec, '2026-11-25')
        .errors.desde,
    ).toMatch(/tres años/);
    const daily = parseReportQuery(
      new URLSearchParams({ desde: '2026-01-01', hasta: '2026-06-30', por: 'dia' }),
      spec,
      '2026-11-25',
    );
    expect(daily.query.by).toBe('mes');
    expect(daily.errors.por).toMatch(/93 días/);
    expect(
      parseReportQuery(
        new URLSearchParams({ desde: '2026-01-01', hasta: '2026-01-31', por: 'dia' }),
        spec,
        '2026-11-25',
      ).query.by,
    ).toBe('dia');
  });

  it('accepts only catalogue values as filters', () => {
    const parsed = parseReportQuery(new URLSearchParams({ municipio: "08037' or 1=1" }), spec, '2026-11-25');
    expect(parsed.query.filters).toEqual({});
    expect(parsed.errors.municipio).toBeDefined();
  });

  it('rebuilds the same query for the CSV link', () => {
    const parsed = parseReportQuery(
      new URLSearchParams({ desde: '2026-01-01', hasta: '2026-03-31', por: 'municipio', municipio: '08037' }),
      spec,
      '2026-11-25',
    );
    expect(queryString(parsed.query)).toBe('desde=2026-01-01&hasta=2026-03-31&por=municipio&municipio=08037');
  });

  it('reads a month for the monthly summary', () => {
    expect(parseMonth('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28', month: '2026-02' });
    expect(parseMonth('2028-02')?.to).toBe('2028-02-29');
    expect(parseMonth('2026-13')).toBeNull();
    expect(parseMonth('noviembre')).toBeNull();
  });
});

describe('who sees which report', () => {
  it('lets admins, supervisors and comms into the reports area, not operators', () => {
    for (const role of ['admin', 'supervisor', 'comms'] as const)
      expect(canAccess(role, '/app/reportes/solicitudes')).toBe(true);
    expect(canAccess('operator', '/app/reportes')).toBe(false);
  });

  it('shows comms outreach (their public events included) and content, never the line', () => {
    expect(canViewReport('comms', { area: 'outreach' })).toBe(true);
    expect(canViewReport('comms', { area: 'content' })).toBe(true);
    expect(canViewReport('comms', { area: 'line' })).toBe(false);
    expect(canViewReport('comms', { area: 'events' })).toBe(true);
    expect(canViewReport('supervisor', { area: 'line' })).toBe(true);
    for (const report of REPORTS) expect(canViewReport('operator', report)).toBe(false);
  });
});

describe('fixed periods of the reports about people', () => {
  it('accepts a month, a quarter or January to the end of a month, and widens anything else to one', async () => {
    const { fixedPeriod } = await import('~/features/reports/params');
    expect(fixedPeriod('2026-04-01', '2026-04-30')).toEqual({ from: '2026-04-01', to: '2026-04-30' });
    expect(fixedPeriod('2026-04-10', '2026-04-12')).toEqual({ from: '2026-04-01', to: '2026-04-30' });
    expect(fixedPeriod('2026-04-01', '2026-06-30')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(fixedPeriod('2026-03-01', '2026-04-30')).toEqual({ from: '2026-01-01', to: '2026-04-30' });
    expect(fixedPeriod('2025-12-01', '2026-01-31')).toBeNull();
    const parsed = parseReportQuery(
      new URLSearchParams({ desde: '2026-03-15', hasta: '2026-04-02' }),
      { ...spec, fixedPeriods: true },
      '2026-11-25',
    );
    expect(parsed.query).toMatchObject({ from: '2026-01-01', to: '2026-04-30' });
    expect(parsed.notices.join(' ')).toMatch(/un mes, un trimestre/);
    expect(
      parseReportQuery(new URLSearchParams(), { ...spec, fixedPeriods: true }, '2026-11-25').query,
    ).toMatchObject({
      from: '2026-01-01',
      to: '2026-11-30',
    });
  });
});
