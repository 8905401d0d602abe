/**
 * Local date-times ↔ instants in a named IANA zone, on Temporal. The only place in the project
 * that knows how far a zone is from UTC.
 */
import { Temporal } from 'temporal-polyfill';
import { zoneCity } from './zones';

/** A form value read as a value, or the Spanish message to show beside its field. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export const TIME_MESSAGES = {
  date: 'Escribe la fecha como AAAA-MM-DD.',
  impossibleDate: 'Esa fecha no existe en el calendario; revisa el día y el mes.',
  year: 'Revisa el año.',
  time: 'Escribe la hora como HH:MM, de 00:00 a 23:59.',
  impossibleTime: 'Esa hora no existe; usa de 00:00 a 23:59.',
  dateTime: 'Escribe la fecha y la hora.',
  gap: (zone: string) =>
    `Esa hora no existe en ${zoneCity(zone)} ese día por el cambio de horario; elige otra.`,
} as const;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;
// datetime-local sends "YYYY-MM-DDTHH:MM", or with seconds when the input has a step.
const DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::([0-5]\d))?$/;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

/** "YYYY-MM-DD" naming a real calendar day; 2026-02-30 and 2026-13-01 are refused, never rolled over. */
export function parseDate(value: string): Parsed<string> {
  const m = DATE_RE.exec(value.trim());
  if (!m) return fail(TIME_MESSAGES.date);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1900 || year > 2200) return fail(TIME_MESSAGES.year);
  try {
    return ok(Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' }).toString());
  } catch {
    return fail(TIME_MESSAGES.impossibleDate);
  }
}

/** "HH:MM" on a 24-hour clock; 24:30 and 10:60 are refused. */
export function parseTime(value: string): Parsed<string> {
  const m = TIME_RE.exec(value.trim());
  if (!m) return fail(TIME_MESSAGES.time);
  if (Number(m[1]) > 23 || Number(m[2]) > 59) return fail(TIME_MESSAGES.impossibleTime);
  return ok(`${m[1]}:${m[2]}`);
}

/** True when "YYYY-MM-DD" is a real calendar day (no Temporal needed: see calendar.ts). */
export { isRealDate } from './calendar';

/**
 * The rule for wall-clock times that a daylight-saving change makes odd (see index.ts): a time in
 * the spring-forward gap is refused; a time in the fall-back overlap is the earlier instant.
 */
function resolve(wall: Temporal.PlainDateTime, zone: string): Parsed<Date> {
  try {
    return ok(new Date(wall.toZonedDateTime(zone, { disambiguation: 'reject' }).epochMilliseconds));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    // 'reject' throws for both; in an overlap the earlier reading keeps the wall time typed.
    const earlier = wall.toZonedDateTime(zone, { disambiguation: 'earlier' });
    if (Temporal.PlainDateTime.compare(earlier.toPlainDateTime(), wall) === 0)
      return ok(new Date(earlier.epochMilliseconds));
    return fail(TIME_MESSAGES.gap(zone));
  }
}

/** A date and a time typed in two fields, read in `zone`. */
export function parseDateAndTime(date: string, time: string, zone: string, seconds = '00'): Parsed<Date> {
  const d = parseDate(date);
  if (!d.ok) return d;
  const t = parseTime(time);
  if (!t.ok) return t;
  return resolve(Temporal.PlainDateTime.from(`${d.value}T${t.value}:${seconds}`), zone);
}

/** A datetime-local value ("2026-12-03T17:00") read in `zone`. */
export function parseLocalDateTime(value: string, zone: string): Parsed<Date> {
  const m = DATE_TIME_RE.exec(value.trim());
  if (!m) {
    // Say which half is wrong when the shape is right but a number is not.
    const loose = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(value.trim());
    if (!loose) return fail(TIME_MESSAGES.dateTime);
    return parseDateAndTime(loose[1]!, loose[2]!, zone);
  }
  return parseDateAndTime(m[1]!, m[2]!, zone, m[3] ?? '00');
}

/**
 * The message for a datetime-local value that names no real date or time, whatever the zone; null
 * when it is fine. For schemas that learn the zone later (the gap is checked once it is known).
 */
export function localDateTimeError(value: string): string | null {
  const r = parseLocalDateTime(value, 'UTC');
  return r.ok ? null : r.error;
}

/** Thrown by `toInstant` for input that should already have been checked by a form. */
export class LocalTimeError extends RangeError {}

/**
 * "2026-12-03T17:00" (or "2026-12-03", meaning its first minute) in `zone` → the instant, under
 * the same rule as the parsers. For values a form has already checked, seeds and tests.
 */
export function toInstant(local: string, zone: string): Date {
  const r = DATE_RE.test(local.trim()) ? ok(startOfDay(local.trim(), zone)) : parseLocalDateTime(local, zone);
  if (!r.ok) throw new LocalTimeError(r.error);
  return r.value;
}

function zoned(instant: Date, zone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(zone);
}

/** The instant as a datetime-local value ("2026-12-03T17:00") in `zone`. */
export function toLocalInput(instant: Date, zone: string): string {
  return zoned(instant, zone).toPlainDateTime().toString({ smallestUnit: 'minute' });
}

/** The calendar day of an instant in `zone`, "YYYY-MM-DD". */
export function localDay(instant: Date, zone: string): string {
  return zoned(instant, zone).toPlainDate().toString();
}

/** The wall-clock time of an instant in `zone`, "HH:MM". */
export function localTime(instant: Date, zone: string): string {
  return zoned(instant, zone).toPlainTime().toString({ smallestUnit: 'minute' });
}

/** The hour (0–23) of an instant in `zone`. */
export function localHour(instant: Date, zone: string): number {
  return zoned(instant, zone).hour;
}

/** The year of an instant in `zone` (31 December 23:30 in Chihuahua is already next year in UTC). */
export function localYear(instant: Date, zone: string): number {
  return zoned(instant, zone).year;
}

/** The first instant of a local day in `zone`, optionally `days` later. */
export function startOfDay(day: string, zone: string, days = 0): Date {
  return new Date(
    Temporal.PlainDate.from(day, { overflow: 'reject' }).add({ days }).toZonedDateTime({ timeZone: zone })
      .epochMilliseconds,
  );
}

/** "YYYY-MM-DD" plus `days` (calendar arithmetic; no zone involved). */
export function addDays(day: string, days: number): string {
  return Temporal.PlainDate.from(day, { overflow: 'reject' }).add({ days }).toString();
}

/** Whole days from `from` to `to` ("YYYY-MM-DD"), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: 'day' }).days;
}

/** The Monday of the week holding `day` ("YYYY-MM-DD"). */
export function mondayOf(day: string): string {
  const d = Temporal.PlainDate.from(day, { overflow: 'reject' });
  return d.subtract({ days: d.dayOfWeek - 1 }).toString();
}
