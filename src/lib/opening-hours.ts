import { localDay, localTime } from './time';

/**
 * The hotline's weekly opening hours, as the `openingSchedule` setting stores them:
 * `1=08:00-20:00,2=08:00-20:00,…,6=09:00-14:00` — ISO weekday (1 Monday … 7 Sunday), then
 * local opening and closing time. A day that is not listed is closed. Closing may be 24:00.
 * The free-text `hours` setting stays what the pages display; this one drives the
 * after-hours notice.
 */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export interface DayHours {
  /** Minutes after local midnight. */
  open: number;
  close: number;
}
export type WeekSchedule = Partial<Record<Weekday, DayHours>>;

export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** "08:30" → 510; null when not a time of day (24:00 allowed, nothing past it). */
export function parseTime(text: string): number | null {
  const m = TIME.exec(text.trim());
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

export function formatTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Reads the stored form; entries that do not parse are ignored (the editor refuses them). */
export function parseSchedule(text: string | null | undefined): WeekSchedule {
  const schedule: WeekSchedule = {};
  for (const part of (text ?? '').split(',')) {
    const m = /^\s*([1-7])\s*=\s*(\d\d:\d\d)\s*-\s*(\d\d:\d\d)\s*$/.exec(part);
    if (!m) continue;
    const open = parseTime(m[2]!);
    const close = parseTime(m[3]!);
    if (open !== null && close !== null && open < close) schedule[Number(m[1]) as Weekday] = { open, close };
  }
  return schedule;
}

export function formatSchedule(schedule: WeekSchedule): string {
  return WEEKDAYS.filter((d) => schedule[d])
    .map((d) => `${d}=${formatTime(schedule[d]!.open)}-${formatTime(schedule[d]!.close)}`)
    .join(',');
}

export type OpeningState =
  | { open: true }
  /** `inDays`: 0 opens later today, 1 tomorrow, 2–7 on `weekday`. */
  | { open: false; opensAt: number; weekday: Weekday; inDays: number };

/**
 * Open or closed at `now` in `timeZone`, and when it opens next. An empty schedule means the
 * hours are not known: it never says closed.
 */
export function openingState(schedule: WeekSchedule, now: Date, timeZone: string): OpeningState {
  // The local calendar day and clock (the time module does the zone); the weekday of a plain date.
  const isoDay = (((new Date(`${localDay(now, timeZone)}T12:00:00Z`).getUTCDay() + 6) % 7) + 1) as Weekday;
  const minute = parseTime(localTime(now, timeZone))!;
  const today = schedule[isoDay];
  if (today && minute >= today.open && minute < today.close) return { open: true };
  for (let inDays = 0; inDays <= 7; inDays++) {
    const weekday = (((isoDay - 1 + inDays) % 7) + 1) as Weekday;
    const hours = schedule[weekday];
    if (!hours) continue;
    if (inDays === 0 && minute >= hours.open) continue; // today's hours are over
    return { open: false, opensAt: hours.open, weekday, inDays };
  }
  return { open: true };
}

/**
 * A short key for the state, for the page cache: pages rendered in the same state are the same
 * bytes, so each state gets its own cached copy (see page-cache-middleware.ts).
 */
export function openingStateKey(state: OpeningState): string {
  if (state.open) return 'open';
  const when = state.inDays === 0 ? 'today' : state.inDays === 1 ? 'tomorrow' : `day${state.weekday}`;
  return `closed-${when}-${state.opensAt}`;
}
