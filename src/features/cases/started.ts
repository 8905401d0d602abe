/**
 * The "otra hora" control of the entry form: a date and a 24-hour time typed on a live call.
 * Pure (no zone, no Temporal) so the island flags a slip as it is typed and the server's schema
 * reads the same fields the same way. Converting the wall time to an instant stays in
 * `~/lib/time` (`parseLocalDateTime`).
 */

/** More than this many minutes ahead of now is "in the future" (clocks drift; a call just began). */
export const FUTURE_SLACK_MINUTES = 5;
/** Older than this needs an explicit "sí, fue hace más de un día". */
export const OLD_HOURS = 24;

export const STARTED_MESSAGES = {
  time: 'Escribe la hora en reloj de 24 horas, por ejemplo 01:52 o 13:52.',
  date: 'Escribe la fecha de inicio.',
  future: 'Esa hora todavía no llega. Revisa la fecha y si es de madrugada o de tarde (reloj de 24 horas).',
  old: 'Es de hace más de 24 horas. Revisa la fecha o marca «Sí, fue hace más de un día».',
} as const;

/**
 * A typed clock time on a 24-hour clock, as "HH:MM", or null. Accepts "1:52", "01:52", "13.52"
 * and "1352"; "a.m."/"p.m." are refused, so 1:52 can only ever mean 01:52.
 */
export function normalizeClock(typed: string): string | null {
  const v = typed.trim();
  const m = /^(\d{1,2})[:.h]?(\d{2})$/.exec(v);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${m[2]}`;
}

/** "de la madrugada", "de la mañana"… for a "HH:MM": said back beside the field so 01:52 is never read as 13:52. */
export function partOfDay(clock: string): string {
  const hour = Number(clock.slice(0, 2));
  if (hour < 6) return 'de la madrugada';
  if (hour < 12) return 'de la mañana';
  if (hour < 13) return 'del mediodía';
  if (hour < 20) return 'de la tarde';
  return 'de la noche';
}

/** "01:52" → "1:52 de la madrugada"; "13:52" → "1:52 de la tarde". */
export function spokenClock(clock: string): string {
  const hour = Number(clock.slice(0, 2));
  const twelve = hour % 12 === 0 ? 12 : hour % 12;
  return `${twelve}:${clock.slice(3)} ${partOfDay(clock)}`;
}

/** Minutes from wall time `a` to wall time `b` ("YYYY-MM-DDTHH:MM", same zone), ignoring DST shifts (±60 min at most). */
export function wallMinutesBetween(a: string, b: string): number {
  const ms = (s: string) =>
    Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10), +s.slice(11, 13), +s.slice(14, 16));
  return Math.round((ms(b) - ms(a)) / 60_000);
}

/**
 * What to say about a typed start time against the wall time now, or null when it is fine.
 * The server says the same thing with real instants (cases.server.ts `createContact`).
 */
export function startedWarning(
  local: string,
  nowLocal: string,
  confirmedOld: boolean,
): keyof typeof STARTED_MESSAGES | null {
  const ahead = wallMinutesBetween(nowLocal, local);
  if (ahead > FUTURE_SLACK_MINUTES) return 'future';
  if (-ahead > OLD_HOURS * 60 && !confirmedOld) return 'old';
  return null;
}
