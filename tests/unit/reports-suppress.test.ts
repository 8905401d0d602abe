import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ReportTableData, presentTable, tableCsv } from '~/features/reports/present';
import { isSmallCount, suppressionMask, tableGroups } from '~/features/reports/suppress';

describe('small-count suppression', () => {
  it('hides counts from 1 to 4 and shows zero and five', () => {
    expect([0, 1, 4, 5, 120].map(isSmallCount)).toEqual([false, true, true, false, false]);
  });

  it('hides a second part when a shown total would give the hidden one away', () => {
    // 12 = 3 + 9: with 12 and 9 visible, 3 is obvious. The smallest other part (9) goes too.
    const mask = suppressionMask(
      [[12, 3, 9]],
      [
        {
          parts: [
            [0, 1],
            [0, 2],
          ],
          total: [0, 0],
        },
      ],
    );
    expect(mask).toEqual([[false, true, true]]);
  });

  it('picks the smallest non-zero part as the complement, never a zero', () => {
    const mask = suppressionMask(
      [[20, 2, 0, 11, 7]],
      [
        {
          parts: [
            [0, 1],
            [0, 2],
            [0, 3],
            [0, 4],
          ],
          total: [0, 0],
        },
      ],
    );
    expect(mask).toEqual([[false, true, false, false, true]]);
  });

  it('leaves a group alone when two cells are already hidden', () => {
    const mask = suppressionMask(
      [[10, 2, 3, 5]],
      [
        {
          parts: [
            [0, 1],
            [0, 2],
            [0, 3],
          ],
          total: [0, 0],
        },
      ],
    );
    expect(mask).toEqual([[false, true, true, false]]);
  });

  it('protects a cell hidden for its row in its column as well', () => {
    // Rows: Jan, Feb, total. Columns: received = phone + whatsapp.
    const values = [
      [10, 2, 8],
      [15, 7, 8],
      [25, 9, 16],
    ];
    const groups = tableGroups({
      rows: 2,
      countColumns: [0, 1, 2],
      rowTotal: { column: 0, partColumns: [1, 2] },
      totalRow: 2,
    });
    const mask = suppressionMask(values, groups);
    // Jan phone (2) → Jan whatsapp (8) for the row; then columns need Feb phone and Feb whatsapp,
    // and Feb's row then has both parts hidden: nothing can be subtracted anywhere.
    expect(mask).toEqual([
      [false, true, true],
      [false, true, true],
      [false, false, false],
    ]);
  });

  it('never leaves exactly one hidden cell in a group with a visible total (property)', () => {
    const grid = fc.array(fc.array(fc.nat({ max: 12 }), { minLength: 3, maxLength: 3 }), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(grid, (body) => {
        // Column 0 is the row total of columns 1 and 2; the last row totals the others.
        const rows = body.map(([, a = 0, b = 0]) => [a + b, a, b]);
        const totalRow = [0, 1, 2].map((c) => rows.reduce((s, r) => s + r[c]!, 0));
        const values = [...rows, totalRow];
        const groups = tableGroups({
          rows: rows.length,
          countColumns: [0, 1, 2],
          rowTotal: { column: 0, partColumns: [1, 2] },
          totalRow: rows.length,
        });
        const mask = suppressionMask(values, groups);
        for (const [r, row] of values.entries())
          for (const [c, v] of row.entries()) if (isSmallCount(v)) expect(mask[r]![c]).toBe(true);
        for (const g of groups) {
          const members = [...g.parts, g.total!];
          const hidden = members.filter(([r, c]) => mask[r]![c]).length;
          expect(hidden).not.toBe(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});

function contactsTable(): ReportTableData {
  return {
    id: 'contactos',
    caption: 'Contactos por mes y canal',
    dimensionLabel: 'Mes',
    measures: [
      { key: 'total', label: 'Contactos', format: 'count' },
      { key: 'phone', label: 'Teléfono', format: 'count' },
      { key: 'whatsapp', label: 'WhatsApp', format: 'count' },
      { key: 'avgMinutes', label: 'Duración promedio', format: 'days', basis: 'total' },
    ],
    rows: [
      { key: '2026-01', label: 'ene 2026', values: { total: 3, phone: 3, whatsapp: 0, avgMinutes: 12.25 } },
      { key: '2026-02', label: 'feb 2026', values: { total: 40, phone: 31, whatsapp: 9, avgMinutes: 8.04 } },
    ],
    total: { key: 'total', label: 'Total', values: { total: 43, phone: 34, whatsapp: 9, avgMinutes: 8.3 } },
    rowTotal: { total: 'total', parts: ['phone', 'whatsapp'] },
    partition: true,
    notes: [],
    chart: { kind: 'stacked', measures: ['phone', 'whatsapp'], axisLabel: 'Contactos' },
  };
}

describe('presented tables', () => {
  it('publishes protected counts rounded by their cell key, and averages only over a published 10', () => {
    const data = contactsTable();
    const keys = { total: 0, phone: 0, whatsapp: 0 };
    // Cell keys near 0 round up, near 1 round down (key sum / 2¹⁶).
    data.rows[0]!.keys = { ...keys, total: 2 ** 16 - 1, phone: 1 };
    data.rows[1]!.keys = { ...keys, total: 1, phone: 2 ** 16 - 1, whatsapp: 2 ** 15 };
    data.total!.keys = { ...keys, total: 2 ** 15, phone: 2 ** 15, whatsapp: 2 ** 15 };
    const table = presentTable(data, { suppress: true });
    // January: 3 → 0 (key ≈ 1) and 3 → 5 (key ≈ 0); its average is over a published 0: withheld.
    expect(table.rows[0]!.cells.map((c) => c.text)).toEqual(['0', '5', '0', '—']);
    expect(table.rows[1]!.cells.map((c) => c.text)).toEqual(['40', '30', '10', '8.0']);
    expect(table.total!.cells.map((c) => c.text)).toEqual(['45', '35', '10', '8.3']);
    expect(table.notes.join(' ')).toMatch(/se redondean a múltiplos de 5/);
    const csv = tableCsv(table);
    expect(csv.header).toEqual(['Mes', 'Contactos', 'Teléfono', 'WhatsApp', 'Duración promedio']);
    expect(csv.rows[0]).toEqual(['ene 2026', '0', '5', '0', '—']);
  });

  it('refuses to publish a protected count without its cell key', () => {
    expect(() => presentTable(contactsTable(), { suppress: true })).toThrow(/clave de celda/);
  });

  it('does not repeat "(%)" in a CSV header that already says it', () => {
    const data = contactsTable();
    data.measures = [...data.measures, { key: 'rate', label: 'Asistencia (%)', format: 'percent' }];
    data.measures = [...data.measures, { key: 'rate2', label: 'Publicadas', format: 'percent' }];
    const header = tableCsv(presentTable(data, { suppress: false })).header;
    expect(header.slice(-2)).toEqual(['Asistencia (%)', 'Publicadas (%)']);
  });

  it('keeps every figure when suppression is off, rounded as shown', () => {
    const table = presentTable(contactsTable(), { suppress: false });
    expect(table.rows[0]!.cells.map((c) => c.text)).toEqual(['3', '3', '0', '12.3']);
    expect(table.total!.cells.map((c) => c.value)).toEqual([43, 34, 9, 8.3]);
    expect(tableCsv(table).rows[2]).toEqual(['Total', '43', '34', '9', '8.3']);
    expect(table.anyHidden).toBe(false);
  });

  it('formats thousands for people and not for spreadsheets', () => {
    const data = contactsTable();
    data.rows[1]!.values.total = 12_345;
    const table = presentTable(data, { suppress: false });
    expect(table.rows[1]!.cells[0]!.text).toBe('12,345');
    expect(tableCsv(table).rows[1]![1]).toBe('12345');
  });
});
