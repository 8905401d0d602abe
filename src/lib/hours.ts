import { z } from 'astro/zod';

/**
 * The optional "horas" of an event or a catalogue workshop: what its constancia states. Typed
 * as people write it ("2", "1.5", "1,5" with the Spanish decimal comma); empty means none.
 * Half hours are the finest step a constancia shows.
 */
export const HOURS_MESSAGE = 'Escribe las horas con un número, por ejemplo 2 o 1.5 (máximo 999).';

export function parseHours(
  raw: string | null | undefined,
): { ok: true; value: number | null } | { ok: false } {
  const text = (raw ?? '').trim().replace(',', '.');
  if (text === '') return { ok: true, value: null };
  if (!/^\d{1,3}(\.\d)?$/.test(text)) return { ok: false };
  const value = Number(text);
  if (!(value > 0) || value > 999 || Math.round(value * 2) !== value * 2) return { ok: false };
  return { ok: true, value };
}

/** The zod field: a string in, a number of hours or null out, the Spanish message beside it. */
export const optionalHours = () =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const parsed = parseHours(raw);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: 'custom', message: HOURS_MESSAGE });
      return z.NEVER;
    });

/** The stored value as the form shows it again: "" for none, "1.5". */
export function hoursInput(hours: number | null | undefined): string {
  return hours == null ? '' : String(hours);
}
