/**
 * Wall-clock conversions in the organisation's time zone. Inputs like datetime-local carry no
 * zone; the office's zone decides what instant they mean (Ciudad Juárez and Chihuahua differ
 * half the year).
 */
import { wallClockAt as wallClock, zoneOffsetMs as offsetAt } from '~/lib/zoned-time';

/** "2026-11-25T10:30" (or "2026-11-25", meaning midnight) in `timeZone` → the UTC instant. */
export function zonedToUtc(local: string, timeZone: string): Date {
  const [day, time = '00:00'] = local.split('T');
  const [y, m, d] = day!.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const guess = Date.UTC(y!, m! - 1, d!, hh!, mm!);
  const first = guess - offsetAt(guess, timeZone);
  // Near a DST change the offset at the guess and at the answer can differ; the second wins.
  const second = guess - offsetAt(first, timeZone);
  return new Date(second);
}

/** The calendar day of an instant in `timeZone`, as yyyy-mm-dd. */
export function localDay(date: Date, timeZone: string): string {
  const w = wallClock(date.getTime(), timeZone);
  return `${w.y}-${String(w.m).padStart(2, '0')}-${String(w.d).padStart(2, '0')}`;
}

/** The value a datetime-local input shows for an instant in `timeZone`. */
export function localDateTimeInput(date: Date, timeZone: string): string {
  const w = wallClock(date.getTime(), timeZone);
  return `${localDay(date, timeZone)}T${String(w.h).padStart(2, '0')}:${String(w.min).padStart(2, '0')}`;
}

/** yyyy-mm-dd plus n days (calendar arithmetic, no zone involved). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + n)).toISOString().slice(0, 10);
}
