import { zoneOffsetMs } from '~/lib/zoned-time';
import { zoneOfPlace as zoneForMunicipality } from '~/lib/time';

/** Staff type local times ("2026-12-03T17:00" in America/Ciudad_Juarez); the database stores instants. */
const offsetMs = (instant: Date, timeZone: string) => zoneOffsetMs(instant.getTime(), timeZone);

/** "2026-12-03T17:00" read in `timeZone` → the instant. Twice-refined for DST edges. */
export function zonedToInstant(local: string, timeZone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new Error(`fecha local no válida: ${local}`);
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  let instant = guess - offsetMs(new Date(guess), timeZone);
  instant = guess - offsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

/** The instant as "YYYY-MM-DDTHH:mm" in `timeZone`, for datetime-local inputs. */
export function instantToZoned(instant: Date, timeZone: string): string {
  const local = new Date(instant.getTime() + offsetMs(instant, timeZone));
  return local.toISOString().slice(0, 16);
}

const LOCALE_TAG = { es: 'es-MX', en: 'en-US' } as const;

// Building an Intl.DateTimeFormat costs far more than using one; pages and mails reuse them.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: 'es' | 'en', timeZone: string, style: 'full' | 'medium'): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${style}`;
  let fmt = formatters.get(key);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(LOCALE_TAG[locale], { dateStyle: style, timeStyle: 'short', timeZone });
    formatters.set(key, fmt);
  }
  return fmt;
}

/** "miércoles, 3 de diciembre de 2026, 17:00" in the event's zone. */
export function formatDateTime(
  date: Date,
  timeZone: string,
  locale: 'es' | 'en' = 'es',
  style: 'full' | 'medium' = 'full',
): string {
  return formatter(locale, timeZone, style).format(date);
}

/** "miércoles, 3 de diciembre de 2026, 17:00 – 19:00" (both dates when it spans days). */
export function formatRange(
  start: Date,
  end: Date,
  timeZone: string,
  locale: 'es' | 'en' = 'es',
  style: 'full' | 'medium' = 'full',
): string {
  return formatter(locale, timeZone, style).formatRange(start, end);
}

/** The calendar day in `timeZone`, "2026-12-03". */
export function localDay(date: Date, timeZone: string): string {
  return instantToZoned(date, timeZone).slice(0, 10);
}

/** The zone an event is held in (Ciudad Juárez and the border strip follow US daylight saving). */
export function eventTimeZone(municipalityId: string, orgTimeZone: string): string {
  return zoneForMunicipality(municipalityId, orgTimeZone);
}
