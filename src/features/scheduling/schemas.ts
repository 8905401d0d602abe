import { z } from 'astro/zod';
import { localDateTimeError } from '~/lib/time';
import { ACTIVITY_TYPES } from './labels';

/** datetime-local as browsers send it: "2026-12-01T10:00" (seconds optional). */
const localDateTime = (what: string) =>
  z
    .string({ error: `Escribe ${what}.` })
    .trim()
    .min(1, `Escribe ${what}.`)
    .regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/,
      `Escribe ${what} con fecha y hora, por ejemplo 2026-12-01 10:00.`,
    )
    // 30 February or 24:30 is refused here; a daylight-saving gap once the place's zone is known.
    .superRefine((v, ctx) => {
      const error = localDateTimeError(v);
      if (error) ctx.addIssue({ code: 'custom', message: error });
    });

const id = z.coerce.number({ error: 'Dato no válido.' }).int().positive();
const optionalText = (max: number, message: string) =>
  z.string().trim().max(max, message).optional().default('');
const count = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 100_000) {
      ctx.addIssue({ code: 'custom', message: 'Escribe un número entero, 0 o mayor.' });
      return z.NEVER;
    }
    return n;
  });

/** Shared by "new activity", "edit activity" and "schedule a request". */
const ActivityFields = z.object({
  type: z.enum(ACTIVITY_TYPES, { error: 'Elige el tipo de actividad.' }),
  title: z
    .string({ error: 'Escribe un título.' })
    .trim()
    .min(3, 'Escribe un título (al menos 3 letras).')
    .max(160, 'El título es demasiado largo (máximo 160).'),
  start: localDateTime('el inicio'),
  end: localDateTime('el fin'),
  modality: z.enum(['presencial', 'en_linea'], { error: 'Elige si es presencial o en línea.' }),
  place: optionalText(300, 'El lugar es demasiado largo.'),
  municipalityId: z.string().trim().optional().default(''),
  onlineUrl: optionalText(500, 'El enlace es demasiado largo.'),
  status: z.enum(['tentative', 'confirmed'], { error: 'Elige si está confirmada o es tentativa.' }),
  operatorIds: z.array(id).max(12, 'Demasiadas personas asignadas.').default([]),
  notes: optionalText(2000, 'Las notas son demasiado largas (máximo 2000).'),
  overrideReason: optionalText(500, 'El motivo es demasiado largo.'),
});

type Fields = z.output<typeof ActivityFields>;
/**
 * Cross-field rules. They run even when a field failed (`when`), so the person sees every
 * message at once; hence the defensive reads of a value that may be half-parsed.
 */
function activityRules<T extends z.ZodType<Fields>>(schema: T) {
  const always = { when: () => true };
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return schema
    .refine((v) => !str(v.start) || !str(v.end) || str(v.end) > str(v.start), {
      path: ['end'],
      message: 'El fin debe ser después del inicio.',
      ...always,
    })
    .refine((v) => v.modality !== 'presencial' || !!str(v.place), {
      path: ['place'],
      message: 'Escribe el lugar (dirección o sede).',
      ...always,
    })
    .refine((v) => v.modality !== 'presencial' || /^08\d{3}$/.test(str(v.municipalityId)), {
      path: ['municipalityId'],
      message: 'Elige el municipio.',
      ...always,
    })
    .refine((v) => v.modality !== 'en_linea' || /^https:\/\/[^\s]+$/.test(str(v.onlineUrl)), {
      path: ['onlineUrl'],
      message: 'Escribe el enlace de la sesión en línea (empieza con https://).',
      ...always,
    })
    .refine((v) => Array.isArray(v.operatorIds) && v.operatorIds.length > 0, {
      path: ['operatorIds'],
      message: 'Asigna al menos a una persona.',
      ...always,
    });
}

export const ActivitySchema = activityRules(ActivityFields);
export type ActivityInput = z.output<typeof ActivitySchema>;

export const UpdateActivitySchema = activityRules(
  ActivityFields.extend({
    id,
    /** "Avisar a la institución": a checkbox, posted as "on" only when ticked. */
    notify: z
      .union([z.string(), z.boolean()])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === true || v === 'on' || v === 'true')),
    /** Present when the form showed the checkbox, so an unticked box means "don't tell them". */
    notifyShown: z.string().optional(),
  }),
);
export type UpdateActivityInput = z.output<typeof UpdateActivitySchema>;

export const ScheduleRequestSchema = activityRules(ActivityFields.extend({ requestId: id }));
export type ScheduleRequestInput = z.output<typeof ScheduleRequestSchema>;

/** Drag or resize from the calendar: instants in ISO 8601. */
export const MoveActivitySchema = z
  .object({
    id,
    start: z.iso.datetime({ offset: true, error: 'Fecha no válida.' }),
    end: z.iso.datetime({ offset: true, error: 'Fecha no válida.' }),
    overrideReason: z.string().trim().max(500).optional().default(''),
    /** Tell the outside party (a scheduled workshop's institution) by e-mail. */
    notify: z.boolean().optional().default(true),
  })
  .refine((v) => new Date(v.end) > new Date(v.start), {
    path: ['end'],
    message: 'El fin debe ser después del inicio.',
  });
export type MoveActivityInput = z.output<typeof MoveActivitySchema>;

export const CancelActivitySchema = z.object({
  id,
  reason: z
    .string({ error: 'Escribe el motivo.' })
    .trim()
    .min(3, 'Escribe el motivo de la cancelación.')
    .max(500, 'El motivo es demasiado largo.'),
});

export const OutcomeSchema = z
  .object({
    id,
    attendanceTotal: z.coerce
      .number({ error: 'Escribe cuántas personas asistieron.' })
      .int('Escribe un número entero.')
      .min(0, 'No puede ser negativo.')
      .max(100_000, 'Revisa la cifra: es demasiado grande.'),
    women: count,
    men: count,
    otherSex: count,
    children: count,
    teens: count,
    adults: count,
    olderAdults: count,
    outcomeNotes: optionalText(4000, 'Las notas son demasiado largas (máximo 4000).'),
    materials: optionalText(1000, 'La lista de materiales es demasiado larga.'),
  })
  .superRefine((v, ctx) => {
    const sex = (v.women ?? 0) + (v.men ?? 0) + (v.otherSex ?? 0);
    const age = (v.children ?? 0) + (v.teens ?? 0) + (v.adults ?? 0) + (v.olderAdults ?? 0);
    if (sex > v.attendanceTotal)
      ctx.addIssue({ code: 'custom', path: ['women'], message: 'La suma por sexo es mayor que el total.' });
    if (age > v.attendanceTotal)
      ctx.addIssue({
        code: 'custom',
        path: ['children'],
        message: 'La suma por edad es mayor que el total.',
      });
  });
export type OutcomeInput = z.output<typeof OutcomeSchema>;

export const TimeOffSchema = z
  .object({
    operatorId: id,
    start: localDateTime('el inicio'),
    end: localDateTime('el fin'),
    reason: z
      .string()
      .trim()
      .min(3, 'Escribe un motivo breve (por ejemplo, vacaciones).')
      .max(200, 'El motivo es demasiado largo.'),
  })
  .refine((v) => v.end > v.start, { path: ['end'], message: 'El fin debe ser después del inicio.' });
export type TimeOffInput = z.output<typeof TimeOffSchema>;

export const ExportSchema = z
  .object({
    desde: z.iso.date({ error: 'Elige la fecha inicial.' }),
    hasta: z.iso.date({ error: 'Elige la fecha final.' }),
  })
  .refine((v) => v.hasta >= v.desde, {
    path: ['hasta'],
    message: 'La fecha final debe ser igual o posterior a la inicial.',
  });
