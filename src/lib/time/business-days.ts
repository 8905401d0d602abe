/**
 * Business days (días hábiles) in Mexico: Monday to Friday, except the official rest days of the
 * Ley Federal del Trabajo, artículo 74. Days are local calendar dates, "YYYY-MM-DD" (as
 * `localDay` gives them); nothing here knows about instants or zones.
 *
 * Art. 74 LFT (texto vigente, reforma DOF 2006 de los lunes «puente»):
 *   I    1 de enero
 *   II   el primer lunes de febrero (5 de febrero)
 *   III  el tercer lunes de marzo (21 de marzo)
 *   IV   1 de mayo
 *   V    16 de septiembre
 *   VI   el tercer lunes de noviembre (20 de noviembre)
 *   VII  1 de octubre de cada seis años, cuando corresponda a la transmisión del Poder Ejecutivo
 *        Federal (2024, 2030, 2036…)
 *   VIII 25 de diciembre
 *   IX   el que determinen las leyes federales y locales electorales, en el caso de elecciones
 *        ordinarias, para efectuar la jornada electoral.
 * Fraction IX is declared for each election (a local one in Chihuahua counts only there), so it
 * cannot be computed: callers pass such days as `extra` (see `RestDayOptions`).
 */
import { Temporal } from 'temporal-polyfill';

export const REST_DAYS_SOURCE =
  'Ley Federal del Trabajo, artículo 74 (días de descanso obligatorio). Los días de jornada electoral (fracción IX) se agregan cuando la ley electoral los declara.';
export const REST_DAYS_SOURCE_URL = 'https://www.diputados.gob.mx/LeyesBiblio/pdf/LFT.pdf';

export interface RestDay {
  /** "YYYY-MM-DD" */
  date: string;
  /** Spanish, e.g. "Natalicio de Benito Juárez (tercer lunes de marzo)". */
  name: string;
  /** The fraction of art. 74 LFT it comes from ("III"), or "IX" for an election day passed in. */
  fraction: string;
}

/** An inclusive range of local dates that does not count (a paused clock). `to` null: still paused. */
export interface DayRange {
  from: string;
  to: string | null;
}

export interface RestDayOptions {
  /** Election days (art. 74 IX) or other days declared ad hoc, "YYYY-MM-DD". */
  extra?: readonly string[];
  /** Days that do not count for this clock (e.g. while waiting for the person's information). */
  pauses?: readonly DayRange[];
}

/** The `nth` Monday (1-based) of `month` in `year`. */
function nthMonday(year: number, month: number, nth: number): string {
  const first = Temporal.PlainDate.from({ year, month, day: 1 });
  // dayOfWeek: Monday = 1 … Sunday = 7
  const offset = (8 - first.dayOfWeek) % 7;
  return first.add({ days: offset + 7 * (nth - 1) }).toString();
}

/** The federal executive takes office on 1 October every six years since 2024 (Constitución, art. 83). */
export function isExecutiveTransitionYear(year: number): boolean {
  return year >= 2024 && (year - 2024) % 6 === 0;
}

const cache = new Map<number, readonly RestDay[]>();

/** The rest days of art. 74 LFT in one year, in date order (without election days). */
export function restDaysOf(year: number): readonly RestDay[] {
  const hit = cache.get(year);
  if (hit) return hit;
  const days: RestDay[] = [
    { date: `${year}-01-01`, name: 'Año Nuevo', fraction: 'I' },
    { date: nthMonday(year, 2, 1), name: 'Día de la Constitución (primer lunes de febrero)', fraction: 'II' },
    {
      date: nthMonday(year, 3, 3),
      name: 'Natalicio de Benito Juárez (tercer lunes de marzo)',
      fraction: 'III',
    },
    { date: `${year}-05-01`, name: 'Día del Trabajo', fraction: 'IV' },
    { date: `${year}-09-16`, name: 'Día de la Independencia', fraction: 'V' },
    ...(isExecutiveTransitionYear(year)
      ? [{ date: `${year}-10-01`, name: 'Transmisión del Poder Ejecutivo Federal', fraction: 'VII' }]
      : []),
    {
      date: nthMonday(year, 11, 3),
      name: 'Día de la Revolución (tercer lunes de noviembre)',
      fraction: 'VI',
    },
    { date: `${year}-12-25`, name: 'Navidad', fraction: 'VIII' },
  ];
  cache.set(year, days);
  return days;
}

/** Rest days between two dates, inclusive, with any extra declared days. */
export function restDaysBetween(from: string, to: string, extra: readonly string[] = []): RestDay[] {
  const y0 = Number(from.slice(0, 4));
  const y1 = Number(to.slice(0, 4));
  const out: RestDay[] = [];
  for (let y = y0; y <= y1; y++) out.push(...restDaysOf(y));
  for (const d of extra) out.push({ date: d, name: 'Jornada electoral (declarada)', fraction: 'IX' });
  return out.filter((d) => d.date >= from && d.date <= to).sort((a, b) => a.date.localeCompare(b.date));
}

function isListedRestDay(day: string, extra: readonly string[] = []): boolean {
  if (extra.includes(day)) return true;
  return restDaysOf(Number(day.slice(0, 4))).some((d) => d.date === day);
}

/** Monday to Friday and not a rest day of art. 74 LFT (nor an `extra` day). */
export function isBusinessDay(day: string, extra: readonly string[] = []): boolean {
  const date = Temporal.PlainDate.from(day, { overflow: 'reject' });
  if (date.dayOfWeek >= 6) return false;
  return !isListedRestDay(date.toString(), extra);
}

function inPause(day: string, pauses: readonly DayRange[] = []): boolean {
  return pauses.some((p) => day >= p.from && (p.to === null || day <= p.to));
}

/** Business days and not paused: the days a legal clock counts. */
function counts(day: string, opts: RestDayOptions): boolean {
  return isBusinessDay(day, opts.extra) && !inPause(day, opts.pauses);
}

/**
 * The `n`-th counting day after `start` (the day of receipt does not count, as in the usual
 * reading of "dentro de 20 días hábiles contados desde la fecha en que se recibió"). Paused
 * days do not count; an open pause (`to: null`) never ends, so the result is null.
 *   addBusinessDays('2026-11-13', 1) → '2026-11-17' (weekend, then 16 Nov, third Monday)
 */
export function addBusinessDays(start: string, n: number, opts: RestDayOptions = {}): string | null {
  if (opts.pauses?.some((p) => p.to === null && p.from <= start)) return null;
  let day = Temporal.PlainDate.from(start, { overflow: 'reject' });
  let left = n;
  // A legal term is at most a few months; ten years of days means an open pause ahead.
  for (let guard = 0; left > 0; guard++) {
    if (guard > 3660) return null;
    day = day.add({ days: 1 });
    if (counts(day.toString(), opts)) left--;
  }
  return day.toString();
}

/**
 * Counting days after `from` up to and including `to` (0 when `to` is not after `from`).
 *   businessDaysBetween('2026-11-13', '2026-11-17') → 1
 */
export function businessDaysBetween(from: string, to: string, opts: RestDayOptions = {}): number {
  if (to <= from) return 0;
  let day = Temporal.PlainDate.from(from, { overflow: 'reject' });
  const end = Temporal.PlainDate.from(to, { overflow: 'reject' });
  let n = 0;
  while (Temporal.PlainDate.compare(day, end) < 0) {
    day = day.add({ days: 1 });
    if (counts(day.toString(), opts)) n++;
  }
  return n;
}
