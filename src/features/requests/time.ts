/**
 * Wall-clock ↔ instant conversions in the organisation's zone, without a date library. Chihuahua
 * has no DST but Ciudad Juárez does, so offsets are computed for each instant.
 */
import { zoneOffsetMs as offsetMs } from '~/lib/zoned-time';

/** '2026-12-03' + '09:30' in `timeZone` → the instant. Null for impossible dates (31 Feb). */
export function zonedToInstant(date: string, time: string, timeZone: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [y, mo, da, h, mi] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return null;
  const wall = Date.UTC(y, mo - 1, da, h, mi);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== da) return null;
  // Two passes settle the offset even when the guess lands across a DST change.
  let instant = wall - offsetMs(wall, timeZone);
  instant = wall - offsetMs(instant, timeZone);
  return new Date(instant);
}

/** Today's date ('YYYY-MM-DD') in `timeZone`. */
export function localDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** 'YYYY-MM-DD' that names a real calendar day (no 2026-13-01, no 31 February). */
export function isRealDate(date: string): boolean {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!d) return false;
  const check = new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])));
  return (
    check.getUTCFullYear() === Number(d[1]) &&
    check.getUTCMonth() === Number(d[2]) - 1 &&
    check.getUTCDate() === Number(d[3])
  );
}
