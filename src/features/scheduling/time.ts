import { Temporal } from 'temporal-polyfill';

export { zoneOfPlace as zoneForMunicipality } from '~/lib/time';

/** "2026-12-01T10:00" read as wall-clock time in `zone` → the instant. Null when malformed. */
export function parseLocal(value: string, zone: string): Date | null {
  try {
    const pdt = Temporal.PlainDateTime.from(value, { overflow: 'reject' });
    // 'compatible' resolves the spring-forward gap and the autumn repeat like calendars do.
    return new Date(pdt.toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds);
  } catch {
    return null;
  }
}

/** The instant as a datetime-local value ("2026-12-01T10:00") in `zone`. */
export function toLocalInput(date: Date, zone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(date.getTime())
    .toZonedDateTimeISO(zone)
    .toPlainDateTime()
    .toString({ smallestUnit: 'minute' });
}

/** The calendar date (YYYY-MM-DD) of an instant in `zone`. */
export function localDate(date: Date, zone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(date.getTime())
    .toZonedDateTimeISO(zone)
    .toPlainDate()
    .toString();
}

/** Start of the given local day (00:00 in `zone`) plus `days`. */
export function startOfLocalDay(day: string, zone: string, days = 0): Date {
  const zdt = Temporal.PlainDate.from(day).add({ days }).toZonedDateTime({ timeZone: zone });
  return new Date(zdt.epochMilliseconds);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, kind: 'long' | 'time' | 'short'): Intl.DateTimeFormat {
  const key = `${zone}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'long'
        ? {
            weekday: 'long',
            day: 'numeric',
            month: 'long',
            year: 'numeric',
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
          }
        : kind === 'short'
          ? {
              weekday: 'short',
              day: 'numeric',
              month: 'short',
              hour: '2-digit',
              minute: '2-digit',
              hourCycle: 'h23',
            }
          : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    f = new Intl.DateTimeFormat('es-MX', { ...options, timeZone: zone });
    formatters.set(key, f);
  }
  return f;
}

export const ZONE_NAMES: Record<string, string> = {
  'America/Chihuahua': 'hora de Chihuahua',
  'America/Ciudad_Juarez': 'hora de Ciudad Juárez',
  'America/Ojinaga': 'hora de Ojinaga',
};

/** "martes, 1 de diciembre de 2026, 10:00 a 11:30 (hora de Ciudad Juárez)". */
export function formatRange(start: Date, end: Date, zone: string, withZone = true): string {
  const sameDay = localDate(start, zone) === localDate(end, zone);
  const first = formatter(zone, 'long').format(start);
  const last = sameDay ? formatter(zone, 'time').format(end) : formatter(zone, 'long').format(end);
  return `${first} a ${last}${withZone ? ` (${ZONE_NAMES[zone] ?? zone})` : ''}`;
}

export function formatShort(date: Date, zone: string): string {
  return formatter(zone, 'short').format(date);
}

export function formatTime(date: Date, zone: string): string {
  return formatter(zone, 'time').format(date);
}
