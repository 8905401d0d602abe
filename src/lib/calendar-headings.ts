/**
 * FullCalendar's day headings and titles through the one date formatter (src/lib/time/format), so a
 * calendar reads "lunes 30 de noviembre" like every other staff screen rather than ICU's
 * "lunes, 30 de noviembre" or "lun 30/11". Browser-safe: imported by the calendar islands.
 */
import { type DatePattern, formatInstant } from './time/format';

/** What FullCalendar hands a function formatter: `marker` holds the wall-clock time as UTC. */
interface FormattingData {
  date: { marker: Date };
}

const heading = (pattern: DatePattern) => (info: FormattingData) =>
  formatInstant(info.date.marker, pattern, 'UTC');

// FullCalendar 7.1 reads `listDayAltFormat: false` as "use the default" (its `?? default` comes
// after turning false into null), so the list's second date ("30 de noviembre de 2026") is
// switched off with a formatter that says nothing.
const nothing = () => '';

/** Per-view options for both calendars (agenda and content). Month keeps its weekday-only columns. */
export const CALENDAR_HEADINGS = {
  timeGridWeek: { dayHeaderFormat: heading('weekdayShort') },
  timeGridDay: { dayHeaderFormat: heading('weekdayDayMonth'), titleFormat: heading('dateLong') },
  listWeek: { listDayFormat: heading('weekdayDayMonth'), listDayAltFormat: nothing },
  listMonth: { listDayFormat: heading('weekdayDayMonth'), listDayAltFormat: nothing },
} as const;
