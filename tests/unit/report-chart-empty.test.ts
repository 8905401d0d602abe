import { describe, expect, it } from 'vitest';
import { type ReportTableData, chartData, chartEmptyNote, presentTable } from '~/features/reports/present';

const table = (values: number[]): ReportTableData => ({
  id: 'calls',
  caption: 'Llamadas por mes',
  dimensionLabel: 'Mes',
  measures: [{ key: 'n', label: 'Llamadas', format: 'count' }],
  rows: values.map((n, i) => ({ key: `2026-0${i + 1}`, label: `mes ${i + 1}`, values: { n } })),
  total: null,
  partition: true,
  notes: [],
  chart: { kind: 'line', measures: ['n'], axisLabel: 'Llamadas' },
});

describe('a chart with nothing to draw', () => {
  it('says so instead of a flat line captioned "máximo … (0)"', () => {
    const zero = presentTable(table([0, 0, 0]), { suppress: false });
    expect(chartData(zero)).toBeNull();
    expect(chartEmptyNote(zero)).toMatch(/No hay gráfica/);
  });

  it('draws and summarises a series that has values, with no note', () => {
    const some = presentTable(table([0, 7, 3]), { suppress: false });
    expect(chartData(some)!.summary).toContain('máximo en mes 2 (7)');
    expect(chartEmptyNote(some)).toBeNull();
  });
});
