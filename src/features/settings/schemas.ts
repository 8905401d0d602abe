import { z } from 'astro/zod';
import { WEEKDAYS, type WeekSchedule, formatSchedule, parseSchedule, parseTime } from '~/lib/opening-hours';

const e164 = z
  .string()
  .trim()
  .regex(
    /^\+[1-9]\d{9,14}$/,
    'Escríbelo en formato internacional, sin espacios: +52 y los 10 dígitos (por ejemplo +526141234567).',
  );

/** Form field names of one weekday's opening and closing times (1 Monday … 7 Sunday). */
export const dayFields = (day: number) => ({ open: `open${day}`, close: `close${day}` }) as const;

const optionalTime = z
  .string()
  .trim()
  .optional()
  .transform((v) => v ?? '');
const dayShape = Object.fromEntries(
  WEEKDAYS.flatMap((d) => [
    [dayFields(d).open, optionalTime],
    [dayFields(d).close, optionalTime],
  ]),
) as Record<`open${number}` | `close${number}`, typeof optionalTime>;

const SettingsFields = z.object({
  orgName: z.string().trim().min(2, 'Escribe el nombre de la organización.').max(80, 'Máximo 80 caracteres.'),
  hotlinePhone: z
    .string()
    .trim()
    .min(7, 'Escribe el teléfono como se muestra al público, por ejemplo 614 123 4567.')
    .max(30, 'Máximo 30 caracteres.'),
  hotlinePhoneE164: e164,
  whatsappE164: e164,
  hours: z.string().trim().min(5, 'Escribe el horario de atención.').max(200, 'Máximo 200 caracteres.'),
  email: z
    .string()
    .trim()
    .pipe(z.email({ error: 'Escribe un correo válido.' })),
  address: z.string().trim().min(5, 'Escribe el domicilio.').max(200, 'Máximo 200 caracteres.'),
  hoursEn: z
    .string()
    .trim()
    .max(200, 'Máximo 200 caracteres.')
    .optional()
    .transform((v) => v ?? ''),
  /** The stored form, accepted when the per-day fields are not sent (e.g. from code). */
  openingSchedule: z.string().optional(),
  ...dayShape,
});

type Fields = z.output<typeof SettingsFields>;
/** A time input cannot say 24:00: a closing time of 00:00 means midnight at the end of the day. */
const closingTime = (text: string) => {
  const minutes = parseTime(text);
  return minutes === 0 ? 24 * 60 : minutes;
};
const dayValue = (v: Fields, name: string) => (v as unknown as Record<string, string>)[name] ?? '';
const hasDayFields = (v: Fields) =>
  WEEKDAYS.some((d) => dayValue(v, dayFields(d).open) !== '' || dayValue(v, dayFields(d).close) !== '');

/**
 * The organisation's settings. The weekly schedule comes as one opening and one closing time per
 * weekday (both empty: closed that day) and is stored as `openingSchedule`.
 */
export const SettingsSchema = SettingsFields.superRefine((v, ctx) => {
  for (const d of WEEKDAYS) {
    const f = dayFields(d);
    const [open, close] = [dayValue(v, f.open), dayValue(v, f.close)];
    if (open === '' && close === '') continue;
    const [o, c] = [parseTime(open), closingTime(close)];
    if (o === null)
      ctx.addIssue({
        code: 'custom',
        path: [f.open],
        message:
          'Escribe la hora de apertura (por ejemplo 08:00), o deja las dos vacías si ese día no abrimos.',
      });
    if (c === null)
      ctx.addIssue({
        code: 'custom',
        path: [f.close],
        message:
          'Escribe la hora de cierre (por ejemplo 20:00), o deja las dos vacías si ese día no abrimos.',
      });
    if (o !== null && c !== null && c <= o)
      ctx.addIssue({
        code: 'custom',
        path: [f.close],
        message: 'La hora de cierre debe ser después de la de apertura.',
      });
  }
}).transform((v) => {
  let schedule: WeekSchedule;
  if (hasDayFields(v)) {
    schedule = {};
    for (const d of WEEKDAYS) {
      const f = dayFields(d);
      const [o, c] = [parseTime(dayValue(v, f.open)), closingTime(dayValue(v, f.close))];
      if (o !== null && c !== null) schedule[d] = { open: o, close: c };
    }
  } else schedule = parseSchedule(v.openingSchedule);
  return {
    orgName: v.orgName,
    hotlinePhone: v.hotlinePhone,
    hotlinePhoneE164: v.hotlinePhoneE164,
    whatsappE164: v.whatsappE164,
    hours: v.hours,
    hoursEn: v.hoursEn,
    openingSchedule: formatSchedule(schedule),
    email: v.email,
    address: v.address,
  };
});
export type SettingsInput = z.output<typeof SettingsSchema>;
