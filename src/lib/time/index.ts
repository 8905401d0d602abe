/**
 * Time: the one module that turns what people type and read (a local date and time in a place)
 * into what the database stores (an instant, `timestamptz`) and back. Built on Temporal
 * (temporal-polyfill). Nothing outside this folder does offset arithmetic or builds an
 * Intl.DateTimeFormat.
 *
 * THE RULE for local times that a daylight-saving change makes odd (Ciudad Juárez and Ojinaga
 * follow US daylight saving; the rest of Chihuahua has had none since 2022):
 * - In the spring-forward GAP (Ciudad Juárez, 2026-03-08 02:00–02:59 does not exist) the time is
 *   REFUSED with a Spanish message for the field: "Esa hora no existe en Ciudad Juárez ese día
 *   por el cambio de horario; elige otra." (Temporal `disambiguation: 'reject'` detects it.)
 *   Moving it forward silently would schedule a workshop at a time nobody typed.
 * - In the fall-back OVERLAP (Ciudad Juárez, 2026-11-01 01:00–01:59 happens twice) the EARLIER
 *   instant is chosen (`disambiguation: 'earlier'`, the first 01:30, still on daylight time):
 *   arriving an hour early is better than an hour late.
 * - Impossible dates and times (30 February, 2026-13-01, 24:30) are refused, never rolled over.
 *
 * Zones: a place's zone comes from its municipality (`zoneOfPlace`), never from the
 * organisation's zone; only items without a place (online) use the organisation's zone.
 *
 * Formatting: `formatInstant(instant, pattern, zone, locale)` with named patterns (see
 * format.ts), one cached formatter per (pattern, locale, zone). Spanish in lower case and on a
 * 24-hour clock; English pages pass 'en'.
 */
export {
  type Parsed,
  TIME_MESSAGES,
  LocalTimeError,
  parseDate,
  parseTime,
  parseDateAndTime,
  parseLocalDateTime,
  localDateTimeError,
  isRealDate,
  toInstant,
  toLocalInput,
  localDay,
  localTime,
  localHour,
  localYear,
  startOfDay,
  addDays,
  daysBetween,
  mondayOf,
} from './local';
export {
  type Locale,
  type DatePattern,
  formatInstant,
  formatDay,
  formatRange,
  formatRangeWithZone,
  formatTimeRange,
  runtimeZone,
} from './format';
export { CHIHUAHUA_ZONE, zoneOfPlace, zoneOfActivity, zoneCity, zoneLabel } from './zones';
export {
  type RestDay,
  type DayRange,
  type RestDayOptions,
  REST_DAYS_SOURCE,
  REST_DAYS_SOURCE_URL,
  restDaysOf,
  restDaysBetween,
  isBusinessDay,
  isExecutiveTransitionYear,
  addBusinessDays,
  businessDaysBetween,
} from './business-days';
