import { zoneOffsetMs } from '~/lib/zoned-time';

/**
 * Wall-clock ↔ instant conversions in a named zone: the form sends "2026-11-25T10:00" meaning
 * 10:00 in the organisation's zone, and the database stores the instant.
 */
const offsetMs = (instant: Date, timeZone: string) => zoneOffsetMs(instant.getTime(), timeZone);

/** "YYYY-MM-DDTHH:mm" (local to `timeZone`) → Date, or null when malformed. */
export function zonedToUtc(local: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(local.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00'] = m;
  const guess = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
  if (Number.isNaN(guess)) return null;
  // Two passes settle the offset across a daylight-saving change.
  let instant = guess - offsetMs(new Date(guess), timeZone);
  instant = guess - offsetMs(new Date(instant), timeZone);
  const check = new Date(guess);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return null;
  return new Date(instant);
}

/** Date → "YYYY-MM-DDTHH:mm" in `timeZone`, for <input type="datetime-local">. */
export function utcToZonedInput(date: Date, timeZone: string): string {
  const local = new Date(date.getTime() + offsetMs(date, timeZone));
  return local.toISOString().slice(0, 16);
}

/** Date → "YYYY-MM-DD" in `timeZone`. */
export function zonedDay(date: Date, timeZone: string): string {
  return utcToZonedInput(date, timeZone).slice(0, 10);
}

/** Adds whole days to "YYYY-MM-DD". */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
