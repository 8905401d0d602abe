import { localDay } from '~/lib/time';
import { z } from 'astro/zod';

/**
 * Report filters travel in the query string (bookmarkable, and the CSV link repeats them), so
 * they only ever hold dates and catalogue keys, never personal data. Dates are calendar days in
 * the organisation's zone; `sql.ts` turns them into instants inside the database.
 */
export interface Option {
  value: string;
  label: string;
}

export interface FilterSpec {
  /** Query-string name, e.g. "municipio". */
  name: string;
  label: string;
  options: readonly Option[];
}

export interface ReportQuery {
  /** First day, inclusive, YYYY-MM-DD (local). */
  from: string;
  /** Last day, inclusive, YYYY-MM-DD (local). */
  to: string;
  /** The grouping (a key of the report's groupings). */
  by: string;
  /** Chosen filter values by name; absent = all. */
  filters: Record<string, string>;
}

export interface ParsedQuery {
  query: ReportQuery;
  /** Spanish message per field; the report then runs with the defaults for those fields. */
  errors: Record<string, string>;
  /** What the form shows (what was typed, even when invalid). */
  values: Record<string, string>;
  /** Said above the report, not an error: e.g. the period was widened to a fixed one. */
  notices: string[];
}

/** Longest period a report covers (keeps every query bounded). */
export const MAX_RANGE_DAYS = 3 * 366;
/** Longest period that may be grouped by day (a chart of 90-odd bars is still readable). */
export const MAX_DAILY_DAYS = 93;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar day `now` falls on in `timeZone`, as YYYY-MM-DD. */
export function localToday(timeZone: string, now = new Date()): string {
  return localDay(now, timeZone);
}

function toUtcDate(iso: string): Date | null {
  if (!ISO_DATE.test(iso)) return null;
  const date = new Date(`${iso}T00:00:00Z`);
  // Rejects 2026-02-30 and the like, which Date would roll over.
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : date;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcDate(to)!.getTime() - toUtcDate(from)!.getTime()) / 86_400_000);
}

/** Adds whole months to YYYY-MM-DD's month and returns that month's first day. */
export function monthStart(iso: string, addMonths = 0): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(y, m - 1 + addMonths, 1));
  return date.toISOString().slice(0, 10);
}

export function monthEnd(iso: string): string {
  const next = toUtcDate(monthStart(iso, 1))!;
  return new Date(next.getTime() - 86_400_000).toISOString().slice(0, 10);
}

/** The default period: the last twelve months including the current one, up to today. */
export function defaultRange(today: string): { from: string; to: string } {
  return { from: monthStart(today, -11), to: today };
}

/**
 * The periods a protected report accepts (disclosure.ts): a calendar month, a calendar
 * quarter, or 1 January to the end of a month (the year to date, and the year). Returns the
 * smallest of them that holds from..to, or null when from..to spans two years.
 */
export function fixedPeriod(from: string, to: string): { from: string; to: string } | null {
  if (from.slice(0, 4) !== to.slice(0, 4)) return null;
  const end = monthEnd(to);
  if (from.slice(0, 7) === to.slice(0, 7)) return { from: monthStart(from), to: end };
  const quarter = (iso: string) => Math.floor((Number(iso.slice(5, 7)) - 1) / 3);
  if (quarter(from) === quarter(to)) {
    const first = `${from.slice(0, 4)}-${String(quarter(from) * 3 + 1).padStart(2, '0')}-01`;
    return { from: first, to: end };
  }
  return { from: `${from.slice(0, 4)}-01-01`, to: end };
}

/** Spanish description of the fixed periods, for the form. */
export const FIXED_PERIOD_HINT =
  'En los informes sobre personas el periodo es un mes, un trimestre o de enero al final de un mes.';

const DateField = z
  .string()
  .trim()
  .refine((s) => toUtcDate(s) !== null, 'Escribe una fecha válida (aaaa-mm-dd).');

/**
 * Reads a report's query string. Invalid fields get a message and fall back to their default,
 * so the page still shows a report (never a 500) and the form says what to fix.
 */
export function parseReportQuery(
  search: URLSearchParams,
  spec: { groupings: readonly Option[]; filters: readonly FilterSpec[]; fixedPeriods?: boolean },
  today: string,
): ParsedQuery {
  const errors: Record<string, string> = {};
  const values: Record<string, string> = {};
  const notices: string[] = [];
  // Protected reports: this year up to the end of this month.
  const defaults = spec.fixedPeriods
    ? fixedPeriod(`${today.slice(0, 4)}-01-01`, today)!
    : defaultRange(today);
  const read = (name: string) => {
    const raw = (search.get(name) ?? '').trim().slice(0, 100);
    if (raw) values[name] = raw;
    return raw;
  };

  const pickDate = (name: 'desde' | 'hasta', fallback: string) => {
    const raw = read(name);
    if (!raw) return fallback;
    const parsed = DateField.safeParse(raw);
    if (!parsed.success) {
      errors[name] = parsed.error.issues[0]!.message;
      return fallback;
    }
    return parsed.data;
  };
  let from = pickDate('desde', defaults.from);
  let to = pickDate('hasta', defaults.to);
  if (!errors.desde && !errors.hasta && from > to) {
    errors.hasta = 'La fecha final debe ser igual o posterior a la inicial.';
    ({ from, to } = defaults);
  } else if (!errors.desde && !errors.hasta && daysBetween(from, to) > MAX_RANGE_DAYS) {
    errors.desde = 'El periodo puede abarcar como máximo tres años.';
    ({ from, to } = defaults);
  } else if (!errors.desde && !errors.hasta && spec.fixedPeriods) {
    // A free range would let the same people be counted in hundreds of overlapping periods,
    // and averaging those would undo the rounding (disclosure.ts).
    const fixed = fixedPeriod(from, to);
    if (!fixed) {
      errors.hasta = `${FIXED_PERIOD_HINT} Elige fechas de un solo año.`;
      ({ from, to } = defaults);
    } else if (fixed.from !== from || fixed.to !== to) {
      notices.push(`${FIXED_PERIOD_HINT} Se muestra del ${fixed.from} al ${fixed.to}.`);
      ({ from, to } = fixed);
    }
  }

  const groupingValues = spec.groupings.map((g) => g.value);
  let by = read('por') || groupingValues[0]!;
  if (!groupingValues.includes(by)) {
    errors.por = 'Elige una de las opciones de la lista.';
    by = groupingValues[0]!;
  }
  if (by === 'dia' && daysBetween(from, to) > MAX_DAILY_DAYS) {
    errors.por = `Por día solo se pueden ver periodos de hasta ${MAX_DAILY_DAYS} días; se muestra por mes.`;
    by = groupingValues.includes('mes') ? 'mes' : groupingValues[0]!;
  }

  const filters: Record<string, string> = {};
  for (const filter of spec.filters) {
    const raw = read(filter.name);
    if (!raw) continue;
    if (filter.options.some((o) => o.value === raw)) filters[filter.name] = raw;
    else errors[filter.name] = 'Elige una de las opciones de la lista.';
  }
  return { query: { from, to, by, filters }, errors, values, notices };
}

/** The canonical query string of a report (for the CSV link and the print link). */
export function queryString(query: ReportQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    desde: query.from,
    hasta: query.to,
    por: query.by,
    ...query.filters,
    ...extra,
  });
  return params.toString();
}

/** `mes=2026-11` → that month's first and last day; null when malformed. */
export function parseMonth(raw: string | null): { from: string; to: string; month: string } | null {
  if (!raw || !/^\d{4}-\d{2}$/.test(raw)) return null;
  const from = `${raw}-01`;
  if (!toUtcDate(from)) return null;
  return { from, to: monthEnd(from), month: raw };
}
