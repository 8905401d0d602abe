import { z } from 'astro/zod';

/**
 * Every id and query parameter a page reads from its address goes through here, so a bad value
 * is a 404 (an id) or an ignored filter (a query parameter) and never a database error: an id
 * past PostgreSQL's `integer` range (2147483648), `1e3`, `-1`, `%00` and friends.
 */

/** The largest value of a PostgreSQL `integer` (int4) column. */
export const PG_INT_MAX = 2_147_483_647;
/** Ids of `bigint` columns (mail outbox, audit log), as far as a JavaScript number is exact. */
export const PG_BIGINT_SAFE_MAX = Number.MAX_SAFE_INTEGER;

const DIGITS = /^[1-9]\d{0,15}$/;

/** A positive whole number written plainly (no sign, exponent, spaces or leading zeros), or null. */
export function parseId(raw: string | null | undefined, max = PG_INT_MAX): number | null {
  if (typeof raw !== 'string' || !DIGITS.test(raw)) return null;
  const id = Number(raw);
  return id <= max ? id : null;
}

/** The same rule as a zod schema, for forms and JSON bodies. */
export const idSchema = (max = PG_INT_MAX) =>
  z
    .string()
    .regex(DIGITS)
    .transform(Number)
    .refine((n) => n <= max);

export function isCalendarDate(raw: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

/** An action name or catalogue key: lower-case words with dots, dashes or underscores. */
export const KEY_PATTERN = /^[a-z][a-z0-9._-]{0,59}$/;

/**
 * Reads the query-string filters of a list page. A filter that does not parse is dropped (the
 * list is shown unfiltered by it) and named in `ignored`, for a notice on the page.
 */
export function readFilters<T extends Record<string, (raw: string) => unknown>>(
  params: URLSearchParams,
  parsers: T,
): {
  values: { [K in keyof T]?: Exclude<ReturnType<T[K]>, null | undefined> };
  ignored: (keyof T & string)[];
} {
  const values: Record<string, unknown> = {};
  const ignored: (keyof T & string)[] = [];
  for (const [name, parse] of Object.entries(parsers)) {
    const raw = params.get(name);
    if (raw === null || raw === '') continue;
    const value = parse(raw);
    if (value === null || value === undefined) ignored.push(name as keyof T & string);
    else values[name] = value;
  }
  return { values: values as { [K in keyof T]?: Exclude<ReturnType<T[K]>, null | undefined> }, ignored };
}

/** Parsers for `readFilters`. */
export const filter = {
  id: (raw: string) => parseId(raw),
  key: (raw: string) => (KEY_PATTERN.test(raw) ? raw : null),
  /** A calendar date yyyy-mm-dd that exists (no 31 February). */
  date: (raw: string) => (isCalendarDate(raw) ? raw : null),
  oneOf:
    <V extends string>(allowed: readonly V[]) =>
    (raw: string) =>
      (allowed as readonly string[]).includes(raw) ? (raw as V) : null,
};

/** The Spanish notice for filters that were ignored, or null when there were none. */
export function ignoredFiltersNotice(ignored: string[], labels: Record<string, string> = {}): string | null {
  if (ignored.length === 0) return null;
  const names = ignored.map((name) => labels[name] ?? name).join(', ');
  return ignored.length === 1
    ? `Ignoramos el filtro «${names}» porque su valor no es válido; la lista se muestra sin él.`
    : `Ignoramos los filtros «${names}» porque sus valores no son válidos; la lista se muestra sin ellos.`;
}
