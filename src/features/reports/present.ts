import { DISCLOSURE_NOTE, MIN_PUBLISHED_BASIS, perturbCount, publishedRate } from './disclosure';

/**
 * A report's figures as the queries return them, and the one step that turns them into what
 * the page, the chart and the CSV show. All three read the output of `presentTable`, so the
 * CSV is exactly the table on screen, disclosure control included.
 */
/** count: integer; days and decimal: one decimal; score: two; percent: one, with %. */
export type MeasureFormat = 'count' | 'days' | 'decimal' | 'score' | 'percent';

export interface Measure {
  key: string;
  label: string;
  format: MeasureFormat;
  /**
   * For an average: the count it is computed from. In a protected table the average is shown
   * only when that count is published as 10 or more (disclosure.ts).
   */
  basis?: string;
  /**
   * For a percentage: its numerator and the counts that add up to its denominator. In a
   * protected table it is recomputed from the PUBLISHED counts (disclosure.ts); elsewhere the
   * query's own value is shown.
   */
  rate?: { numerator: string; denominator: readonly string[] };
  /** A count that may be unknown (e.g. results typed in by hand): null shows "—", not 0. */
  nullable?: boolean;
}

export interface ReportRow {
  key: string;
  label: string;
  values: Record<string, number | null>;
  /** Protected reports: per count, the sum of its records' keys (the cell key, disclosure.ts). */
  keys?: Record<string, number>;
}

export interface ChartSpec {
  /** bar: grouped bars; stacked: parts of a whole; line: a trend over time. */
  kind: 'bar' | 'stacked' | 'line';
  measures: readonly string[];
  axisLabel: string;
}

export interface ReportTableData {
  id: string;
  caption: string;
  dimensionLabel: string;
  measures: readonly Measure[];
  rows: ReportRow[];
  total: ReportRow | null;
  /** A measure that is the sum of other measures in every row (e.g. received = sum of statuses). */
  rowTotal?: { total: string; parts: readonly string[] } | undefined;
  /** True when the rows split the data (months, municipalities), so the total row is their sum. */
  partition: boolean;
  notes: string[];
  chart: ChartSpec | null;
}

/** A plain list (e.g. evaluation comments): text cells, no aggregation. */
export interface ListTableData {
  id: string;
  caption: string;
  columns: readonly { key: string; label: string }[];
  rows: string[][];
  /** Shown when the list was cut to its first N rows. */
  truncatedAt?: number | undefined;
  empty: string;
}

export interface Cell {
  text: string;
  /** The number, or null when there is none or it is hidden. */
  value: number | null;
  hidden: boolean;
}

export interface PresentedRow {
  key: string;
  label: string;
  cells: Cell[];
}

export interface PresentedTable {
  id: string;
  caption: string;
  dimensionLabel: string;
  columns: { key: string; label: string; format: MeasureFormat }[];
  rows: PresentedRow[];
  total: PresentedRow | null;
  notes: string[];
  chart: ChartSpec | null;
  /** Some average or rate is withheld ("—") by the disclosure control. */
  anyHidden: boolean;
  /** Figures about people: published under the disclosure control (disclosure.ts). */
  protected: boolean;
}

const FORMATS: Record<MeasureFormat, Intl.NumberFormat> = {
  count: new Intl.NumberFormat('es-MX', { maximumFractionDigits: 0 }),
  days: new Intl.NumberFormat('es-MX', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  decimal: new Intl.NumberFormat('es-MX', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  score: new Intl.NumberFormat('es-MX', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  percent: new Intl.NumberFormat('es-MX', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};
const DECIMALS: Record<MeasureFormat, number> = { count: 0, days: 1, decimal: 1, score: 2, percent: 1 };

export function formatValue(value: number, format: MeasureFormat): string {
  const text = FORMATS[format].format(value);
  return format === 'percent' ? `${text} %` : text;
}

/** Rounds the way the table shows it, so chart labels, table and CSV agree to the digit. */
export function roundValue(value: number, format: MeasureFormat): number {
  const factor = 10 ** DECIMALS[format];
  return Math.round(value * factor) / factor;
}

/**
 * Formats the figures and, when `suppress` is set (statistics about people), applies the
 * disclosure control of disclosure.ts: every count is published rounded by its cell key,
 * rates are recomputed from the published counts, and averages need a published basis of 10.
 */
export function presentTable(data: ReportTableData, options: { suppress: boolean }): PresentedTable {
  const rows = data.total ? [...data.rows, data.total] : data.rows;
  const measures = data.measures;

  const published = (row: ReportRow): Record<string, number | null> => {
    if (!options.suppress) return row.values;
    const out: Record<string, number | null> = { ...row.values };
    for (const m of measures) {
      if (m.format !== 'count') continue;
      const raw = row.values[m.key] ?? null;
      const keySum = row.keys?.[m.key];
      if (raw === null) continue;
      // A protected count without its cell key would be published exactly: refuse.
      if (keySum === undefined) throw new Error(`Cifra protegida sin clave de celda: ${data.id}.${m.key}`);
      out[m.key] = perturbCount(raw, keySum);
    }
    for (const m of measures) {
      if (m.format === 'count') continue;
      if (m.rate) {
        const denominator = m.rate.denominator.reduce((sum, key) => sum + (out[key] ?? 0), 0);
        out[m.key] = publishedRate(out[m.rate.numerator] ?? 0, denominator);
      } else if (m.basis === undefined || (out[m.basis] ?? 0) < MIN_PUBLISHED_BASIS) {
        // An average over few people describes those people; one with no basis, to be safe.
        out[m.key] = null;
      }
    }
    return out;
  };

  let anyHidden = false;
  const present = (row: ReportRow): PresentedRow => {
    const values = published(row);
    return {
      key: row.key,
      label: row.label,
      cells: measures.map((m) => {
        const value = values[m.key] ?? null;
        if (value === null) {
          const hidden = options.suppress && m.format !== 'count' && row.values[m.key] != null;
          anyHidden ||= hidden;
          return { text: '—', value: null, hidden };
        }
        const rounded = roundValue(value, m.format);
        return { text: formatValue(rounded, m.format), value: rounded, hidden: false };
      }),
    };
  };

  let presented = rows.map(present);
  const total = data.total ? presented.pop()! : null;
  if (options.suppress) {
    // Categories are listed only when they occur: a listed row that reads 0 everywhere would
    // say "1 to 4". Such rows go, so a missing category means "published as 0", as for 0
    // itself. Periods (keys 2026-11, 2026-11-25) always stay: they are listed even when empty.
    presented = presented.filter(
      (row) =>
        /^\d{4}-\d{2}(-\d{2})?$/.test(row.key) ||
        row.cells.some((cell, i) => measures[i]!.format === 'count' && (cell.value ?? 0) > 0),
    );
  }
  const notes = [...data.notes];
  if (options.suppress) notes.push(DISCLOSURE_NOTE);
  return {
    id: data.id,
    caption: data.caption,
    dimensionLabel: data.dimensionLabel,
    columns: measures.map((m) => ({ key: m.key, label: m.label, format: m.format })),
    rows: presented,
    total,
    notes,
    chart: data.chart,
    anyHidden,
    protected: options.suppress,
  };
}

/** Header and rows for the CSV: the same cells as the table, numbers without thousands separators. */
export function tableCsv(table: PresentedTable): { header: string[]; rows: string[][] } {
  const header = [
    table.dimensionLabel,
    // "Asistencia (%)" already says it: only a percentage whose label does not gets "(%)".
    ...table.columns.map((c) =>
      c.format === 'percent' && !c.label.endsWith('(%)') ? `${c.label} (%)` : c.label,
    ),
  ];
  const line = (row: PresentedRow) => [
    row.label,
    ...row.cells.map((cell, i) => {
      if (cell.hidden) return cell.text;
      if (cell.value === null) return '';
      return cell.value.toFixed(DECIMALS[table.columns[i]!.format]);
    }),
  ];
  const rows = table.rows.map(line);
  if (table.total) rows.push(line(table.total));
  return { header, rows };
}

export function listCsv(list: ListTableData): { header: string[]; rows: string[][] } {
  return { header: list.columns.map((c) => c.label), rows: list.rows };
}

/** What the chart island needs: plain data, with hidden values as null and their label. */
export interface ChartData {
  kind: ChartSpec['kind'];
  axisLabel: string;
  labels: string[];
  datasets: { label: string; format: MeasureFormat; values: (number | null)[]; texts: string[] }[];
  summary: string;
}

/**
 * The chart's data. Categories (municipalities, topics…) come largest first; beyond `maxRows`
 * bars a chart stops being readable, so it shows the first ones and says so (the table has all).
 */
export function chartData(table: PresentedTable, options: { maxRows?: number } = {}): ChartData | null {
  if (!table.chart || table.rows.length === 0) return null;
  const rows = options.maxRows !== undefined ? table.rows.slice(0, options.maxRows) : table.rows;
  const datasets = table.chart.measures.map((key) => {
    const i = table.columns.findIndex((c) => c.key === key);
    const column = table.columns[i]!;
    return {
      label: column.label,
      format: column.format,
      values: rows.map((r) => r.cells[i]!.value),
      texts: rows.map((r) => r.cells[i]!.text),
    };
  });
  // A chart of hidden or zero values only would be an empty frame or a flat line: the page says
  // so instead (chartEmptyNote), and the table has the figures.
  if (datasets.every((d) => d.values.every((v) => v === null || v === 0))) return null;
  const cut =
    rows.length < table.rows.length
      ? ` La gráfica muestra los primeros ${rows.length} de ${table.rows.length}.`
      : '';
  return {
    kind: table.chart.kind,
    axisLabel: table.chart.axisLabel,
    labels: rows.map((r) => r.label),
    datasets,
    summary: chartSummary(table) + cut,
  };
}

/**
 * Why a report that has a chart shows none, or null when it shows one: every charted value is
 * hidden or zero — usually because counts under the protection threshold are published as 0.
 */
export function chartEmptyNote(table: PresentedTable): string | null {
  if (!table.chart || table.rows.length === 0) return null;
  const idx = table.chart.measures.map((key) => table.columns.findIndex((c) => c.key === key));
  const drawable = table.rows.some((r) => idx.some((i) => (r.cells[i]?.value ?? 0) !== 0));
  if (drawable) return null;
  return table.protected
    ? 'No hay gráfica: en este periodo todas las cifras son cero o quedan bajo el umbral de protección (se publican como 0 o «—»). La tabla lo muestra.'
    : 'No hay gráfica: en este periodo todas las cifras son cero.';
}

/** One sentence for screen readers and print: the largest value of each charted series. */
export function chartSummary(table: PresentedTable): string {
  if (!table.chart) return '';
  const parts = table.chart.measures.map((key) => {
    const i = table.columns.findIndex((c) => c.key === key);
    let best: PresentedRow | undefined;
    for (const row of table.rows) {
      const v = row.cells[i]!.value;
      if (v !== null && (!best || v > (best.cells[i]!.value ?? -Infinity))) best = row;
    }
    return best && (best.cells[i]!.value ?? 0) > 0
      ? `${table.columns[i]!.label}: máximo en ${best.label} (${best.cells[i]!.text})`
      : `${table.columns[i]!.label}: sin datos`;
  });
  return `${table.caption}. ${parts.join('; ')}. Los datos completos están en la tabla.`;
}
