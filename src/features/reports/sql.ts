import { type SQL, sql } from 'drizzle-orm';
import { formatDay } from '~/lib/time';

/**
 * SQL pieces shared by the reports. Everything that counts runs in the database; these helpers
 * keep the time-zone handling in one place: a period is a range of LOCAL calendar days in the
 * organisation's zone and the database turns it into instants (so DST and the Ciudad Juárez
 * offset are PostgreSQL's job), and buckets are local days/months, so an activity at 23:30
 * local time counts on its local day even though it is already the next day in UTC.
 */
export type PeriodUnit = 'day' | 'month';

const KEY_FORMAT: Record<PeriodUnit, string> = { day: 'YYYY-MM-DD', month: 'YYYY-MM' };
const STEP: Record<PeriodUnit, string> = { day: '1 day', month: '1 month' };

/**
 * `column` (a timestamptz) falls on one of the local days from..to, both inclusive. The bounds
 * are constants for the planner, so an index on the column serves the filter.
 */
export function inLocalDays(
  column: SQL | SQL.Aliased | unknown,
  from: string,
  to: string,
  timeZone: string,
): SQL {
  return sql`(${column} >= (${from}::date::timestamp at time zone ${timeZone}) and ${column} < ((${to}::date + 1)::timestamp at time zone ${timeZone}))`;
}

/**
 * Like `inLocalDays`, for rows that carry their own zone (an activity in Ciudad Juárez is
 * dated by the Juárez clock). The first condition is the same range widened by a day each
 * side, in the organisation's zone, so an index on the column still narrows the scan (every
 * zone of the state is within a few hours of another); the second is the exact local-day test.
 */
export function inRowLocalDays(
  column: SQL | unknown,
  zoneColumn: SQL | unknown,
  from: string,
  to: string,
  timeZone: string,
): SQL {
  return sql`(${column} >= ((${from}::date - 1)::timestamp at time zone ${timeZone}) and ${column} < ((${to}::date + 2)::timestamp at time zone ${timeZone})
    and (${column} at time zone ${zoneColumn})::date between ${from}::date and ${to}::date)`;
}

/** The local day or month of a timestamptz as a sortable text key ("2026-11" / "2026-11-25"). */
export function localPeriodKey(column: SQL | unknown, unit: PeriodUnit, timeZone: string): SQL<string> {
  return sql<string>`to_char(date_trunc(${unit}, ${column} at time zone ${timeZone}), ${KEY_FORMAT[unit]})`;
}

/**
 * Every day or month of the period as a one-column relation `(k)`, so empty periods show as
 * zero instead of disappearing: `select … from ${periodSeries(…)} s left join base on …`.
 */
export function periodSeries(unit: PeriodUnit, from: string, to: string): SQL {
  return sql`(select to_char(d, ${KEY_FORMAT[unit]}) as k from generate_series(date_trunc(${unit}, ${from}::date::timestamp), ${to}::date::timestamp, ${STEP[unit]}::interval) d)`;
}

/**
 * The days or months of the period as `(i, k, lo)`: position, key, and the instant the local
 * day/month starts (computed by PostgreSQL in `timeZone`, so DST is its business). Rows are
 * placed with `width_bucket(instant, array_agg(lo))`; the caller has already limited them to
 * the period, so every row lands in one of these buckets.
 */
export function localBuckets(unit: PeriodUnit, from: string, to: string, timeZone: string): SQL {
  return sql`(select (row_number() over (order by d))::int as i, to_char(d, ${KEY_FORMAT[unit]}) as k, (d at time zone ${timeZone}) as lo
    from generate_series(date_trunc(${unit}, ${from}::date::timestamp), ${to}::date::timestamp, ${STEP[unit]}::interval) d)`;
}

/** A calendar day (YYYY-MM-DD) as people read it: "25 de noviembre de 2026". */
export function longDate(iso: string): string {
  return formatDay(iso, 'date');
}

/** A period key as people read it: "nov 2026", "mié 25 nov". */
export function periodLabel(key: string, unit: PeriodUnit): string {
  if (unit === 'month') return formatDay(`${key}-01`, 'monthShortYear');
  return formatDay(key, 'weekdayShort');
}

/** Rows of a raw query, whichever driver runs it: the core's (~db/rows). */
export { queryRows } from '~db/rows';

/** Drivers return numeric/bigint as strings; reports want numbers (or null). */
export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** `and`-joins optional conditions; `true` when there are none. */
export function allOf(conditions: readonly (SQL | undefined)[]): SQL {
  const present = conditions.filter((c): c is SQL => c !== undefined);
  return present.length ? sql.join(present, sql` and `) : sql`true`;
}
