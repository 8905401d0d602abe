/**
 * Wall-clock conversions in the organisation's time zone. Inputs like datetime-local carry no
 * zone; the office's zone decides what instant they mean (Ciudad Juárez and Chihuahua differ
 * half the year).
 */
const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string) {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

function wallClock(ms: number, timeZone: string) {
  const p = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { y: +p.year!, m: +p.month!, d: +p.day!, h: +p.hour!, min: +p.minute!, s: +p.second! };
}

/** Offset of the zone from UTC at an instant, in ms (negative west of Greenwich). */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s) - Math.floor(ms / 1000) * 1000;
}

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
