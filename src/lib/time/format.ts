/**
 * Display formatting (no Temporal here: browser islands import '~/lib/time/format' directly): one cached Intl formatter per (pattern, locale, zone). Spanish follows the
 * RAE: weekday and month names in lower case, 24-hour times ("10:00", never "10:00 a.m."), and
 * the long date without a comma ("lunes 30 de noviembre de 2026"). English pages get US English.
 */
import { zoneLabel } from './zones';

export type Locale = 'es' | 'en';

/**
 * - dateLong        lunes 30 de noviembre de 2026     · Monday, November 30, 2026
 * - date            30 de noviembre de 2026           · November 30, 2026
 * - dateShort       30 nov 2026                       · Nov 30, 2026
 * - time            10:00                             · 10:00 AM
 * - dateTime        lunes 30 de noviembre de 2026, 10:00 · Monday, November 30, 2026, 10:00 AM
 * - dateTimeShort   30 nov 2026, 10:00                · Nov 30, 2026, 10:00 AM
 * - weekdayDayMonth lunes 30 de noviembre            · Monday, November 30
 * - weekdayShortYear lun 30 nov 2026                 · Mon, Nov 30, 2026
 * - timestamp       2026-11-30 10:00:05               · (the same; for audit trails)
 * - weekdayShort    lun 30 nov                        · Mon, Nov 30
 * - weekdayShortTime lun 30 nov, 10:00                · Mon, Nov 30, 10:00 AM
 * - monthYear       noviembre de 2026                 · November 2026
 * - monthShortYear  nov 2026                          · Nov 2026
 * - month           noviembre                         · November
 */
export type DatePattern =
  | 'dateLong'
  | 'date'
  | 'dateShort'
  | 'time'
  | 'dateTime'
  | 'dateTimeShort'
  | 'weekdayDayMonth'
  | 'weekdayShortYear'
  | 'timestamp'
  | 'weekdayShort'
  | 'weekdayShortTime'
  | 'monthYear'
  | 'monthShortYear'
  | 'month';

const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };

const OPTIONS: Record<DatePattern, Intl.DateTimeFormatOptions> = {
  dateLong: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  date: { day: 'numeric', month: 'long', year: 'numeric' },
  dateShort: { day: 'numeric', month: 'short', year: 'numeric' },
  time: TIME,
  dateTime: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', ...TIME },
  dateTimeShort: { day: 'numeric', month: 'short', year: 'numeric', ...TIME },
  weekdayDayMonth: { weekday: 'long', day: 'numeric', month: 'long' },
  weekdayShortYear: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
  timestamp: { year: 'numeric', month: '2-digit', day: '2-digit', ...TIME, second: '2-digit' },
  weekdayShort: { weekday: 'short', day: 'numeric', month: 'short' },
  weekdayShortTime: { weekday: 'short', day: 'numeric', month: 'short', ...TIME },
  monthYear: { month: 'long', year: 'numeric' },
  monthShortYear: { month: 'short', year: 'numeric' },
  month: { month: 'long' },
};

type Parts = Partial<Record<Intl.DateTimeFormatPartTypes, string>>;
const noDot = (s = '') => s.replace(/\.$/, '');

// Spanish is assembled from parts so that ICU's choices ("lunes, 30", "nov.", "a.m.") never leak.
const SPANISH: Record<DatePattern, (p: Parts) => string> = {
  dateLong: (p) => `${p.weekday} ${p.day} de ${p.month} de ${p.year}`,
  date: (p) => `${p.day} de ${p.month} de ${p.year}`,
  dateShort: (p) => `${p.day} ${noDot(p.month)} ${p.year}`,
  time: (p) => `${p.hour}:${p.minute}`,
  dateTime: (p) => `${p.weekday} ${p.day} de ${p.month} de ${p.year}, ${p.hour}:${p.minute}`,
  dateTimeShort: (p) => `${p.day} ${noDot(p.month)} ${p.year}, ${p.hour}:${p.minute}`,
  weekdayDayMonth: (p) => `${p.weekday} ${p.day} de ${p.month}`,
  weekdayShortYear: (p) => `${noDot(p.weekday)} ${p.day} ${noDot(p.month)} ${p.year}`,
  timestamp: (p) => `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`,
  weekdayShort: (p) => `${noDot(p.weekday)} ${p.day} ${noDot(p.month)}`,
  weekdayShortTime: (p) => `${noDot(p.weekday)} ${p.day} ${noDot(p.month)}, ${p.hour}:${p.minute}`,
  monthYear: (p) => `${p.month} de ${p.year}`,
  monthShortYear: (p) => `${noDot(p.month)} ${p.year}`,
  month: (p) => `${p.month}`,
};

const formatters = new Map<string, (date: Date) => string>();

function formatter(pattern: DatePattern, locale: Locale, zone: string): (date: Date) => string {
  const key = `${pattern}|${locale}|${zone}`;
  let f = formatters.get(key);
  if (!f) {
    if (locale === 'es' || pattern === 'timestamp') {
      const intl = new Intl.DateTimeFormat('es-MX', {
        ...OPTIONS[pattern],
        hourCycle: 'h23',
        timeZone: zone,
      });
      const build = SPANISH[pattern];
      f = (date) => {
        const parts: Parts = {};
        for (const part of intl.formatToParts(date)) parts[part.type] = part.value.toLowerCase();
        return build(parts);
      };
    } else {
      const intl = new Intl.DateTimeFormat('en-US', {
        ...OPTIONS[pattern],
        ...(OPTIONS[pattern].hour ? { hour: 'numeric' } : {}),
        timeZone: zone,
      });
      f = (date) => intl.format(date).replace(' at ', ', ');
    }
    formatters.set(key, f);
  }
  return f;
}

/** An instant as seen in `zone`, in one of the named patterns. */
export function formatInstant(
  instant: Date,
  pattern: DatePattern,
  zone: string,
  locale: Locale = 'es',
): string {
  return formatter(pattern, locale, zone)(instant);
}

/** A date-only value ("2026-11-30", e.g. a due date) in one of the date patterns; no zone involved. */
export function formatDay(day: string, pattern: DatePattern = 'dateShort', locale: Locale = 'es'): string {
  return formatter(pattern, locale, 'UTC')(new Date(`${day}T12:00:00Z`));
}

/** "10:00–12:00" in `zone`. */
export function formatTimeRange(start: Date, end: Date, zone: string, locale: Locale = 'es'): string {
  return `${formatInstant(start, 'time', zone, locale)}–${formatInstant(end, 'time', zone, locale)}`;
}

/**
 * "lunes 30 de noviembre de 2026, 10:00–12:00" when both ends fall on the same local day;
 * "lunes 30 de noviembre de 2026, 10:00 – martes 1 de diciembre de 2026, 12:00" otherwise.
 */
export function formatRange(
  start: Date,
  end: Date,
  zone: string,
  locale: Locale = 'es',
  pattern: 'dateTime' | 'dateTimeShort' | 'weekdayShortTime' = 'dateTime',
): string {
  const first = formatInstant(start, pattern, zone, locale);
  if (sameLocalDay(start, end, zone)) return `${first}–${formatInstant(end, 'time', zone, locale)}`;
  return `${first} – ${formatInstant(end, pattern, zone, locale)}`;
}

/** `formatRange` followed by the zone, for people who may be in another clock: "… 10:00–11:30 (hora de Chihuahua)". */
export function formatRangeWithZone(start: Date, end: Date, zone: string, locale: Locale = 'es'): string {
  return `${formatRange(start, end, zone, locale)} (${zoneLabel(zone, locale)})`;
}

// Kept free of Temporal so that browser islands can import this file alone.
function sameLocalDay(a: Date, b: Date, zone: string): boolean {
  return (
    formatInstant(a, 'timestamp', zone).slice(0, 10) === formatInstant(b, 'timestamp', zone).slice(0, 10)
  );
}

/** The zone of the machine running the code: in a browser island, the person's own clock. */
export function runtimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
