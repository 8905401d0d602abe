import { z } from 'astro/zod';
import { multiLine, personName, singleLine } from '~/lib/text';
import { localDateTimeError, parseDate } from '~/lib/time';
import {
  AGE_RANGE_LABELS,
  CALLER_ROLE_LABELS,
  CALL_TYPE_LABELS,
  CASE_STATUS_LABELS,
  CHANNEL_LABELS,
  FOLLOW_UP_TYPE_LABELS,
  GENDER_LABELS,
  REPORT_LABELS,
  RISK_LABELS,
  SERVICE_LABELS,
  keysOf,
} from './labels';
import { STARTED_MESSAGES, normalizeClock } from './started';

/** A checkbox posts "on" when ticked and nothing otherwise. */
const checkbox = z
  .union([z.string(), z.boolean()])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true');

const optionalText = (max: number, message: string, kind: 'line' | 'lines' = 'line') =>
  (kind === 'line' ? singleLine() : multiLine()).trim().max(max, message).optional().default('');

/** Ids posted as repeated fields (or a JSON island sending an array). */
const idList = z.array(z.coerce.number().int().positive()).optional().default([]);

/** yyyy-mm-ddThh:mm as typed in a datetime-local input, in the organisation's zone. */
export const LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
export const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A "YYYY-MM-DD" field that names a real day: 30 February is refused beside the field, never rolled over. */
const realDay = (message: string) =>
  z
    .string({ error: message })
    .regex(LOCAL_DATE, message)
    .superRefine((v, ctx) => {
      const r = parseDate(v);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error });
    });
const optionalRealDay = (message: string) =>
  z
    .string()
    .optional()
    .default('')
    .superRefine((v, ctx) => {
      if (v === '') return;
      const r = LOCAL_DATE.test(v) ? parseDate(v) : { ok: false as const, error: message };
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error });
    });

export const FOLIO_PATTERN = /^LC-\d{4}-\d{5}$/;

/**
 * One contact as typed by the operator. Non-data calls need only channel, type and duration;
 * data calls need the caller's role, at least one category and a summary. Personal data
 * (a name, a phone to call back) requires the simplified privacy notice to have been given.
 */
export const ContactSchema = z
  .object({
    caseFolio: z
      .string()
      .trim()
      .toUpperCase()
      .optional()
      .default('')
      .refine((v) => v === '' || FOLIO_PATTERN.test(v), 'El folio tiene la forma LC-2026-00123.'),
    startedAt: z
      .string()
      .trim()
      .optional()
      .default('')
      .refine((v) => v === '' || LOCAL_DATETIME.test(v), 'Escribe la fecha y hora de inicio.')
      // 30 February or 24:30 here; a daylight-saving gap once read in the office's zone.
      .superRefine((v, ctx) => {
        const error = v === '' ? null : localDateTimeError(v);
        if (error) ctx.addIssue({ code: 'custom', message: error });
      }),
    // The form's "otra hora" control: a date and a 24-hour time; empty time = now. Combined into startedAt below.
    startedDate: z.string().trim().optional().default(''),
    startedTime: z.string().trim().optional().default(''),
    startedAtConfirmed: checkbox,
    channel: z.enum(keysOf(CHANNEL_LABELS), { error: 'Elige el canal.' }),
    durationMinutes: z.coerce
      .number({ error: 'Escribe la duración en minutos.' })
      .int('Escribe minutos enteros.')
      .min(0, 'La duración no puede ser negativa.')
      .max(600, 'La duración máxima es de 600 minutos.'),
    callType: z.enum(keysOf(CALL_TYPE_LABELS), { error: 'Elige el tipo de contacto.' }),
    callerRole: z
      .enum(keysOf(CALLER_ROLE_LABELS))
      .optional()
      .or(z.literal('').transform(() => undefined)),
    anonymous: checkbox,
    personName: personName().trim().max(160, 'El nombre es demasiado largo.').optional().default(''),
    ageRange: z.enum(keysOf(AGE_RANGE_LABELS)).optional().default('unknown'),
    gender: z.enum(keysOf(GENDER_LABELS)).optional().default('unknown'),
    municipalityId: z
      .string()
      .optional()
      .default('')
      .refine((v) => v === '' || /^08\d{3}$/.test(v), 'Elige un municipio de la lista.'),
    followUpConsent: checkbox,
    followUpPhone: optionalText(40, 'El teléfono es demasiado largo.'),
    categories: idList,
    services: z
      .array(z.enum(keysOf(SERVICE_LABELS)))
      .optional()
      .default([]),
    riskLevel: z.enum(keysOf(RISK_LABELS)).optional().default('none'),
    reportStatus: z.enum(keysOf(REPORT_LABELS)).optional().default('not_applicable'),
    reportAuthority: optionalText(200, 'Texto demasiado largo.'),
    reportFileNumber: optionalText(80, 'Texto demasiado largo.'),
    summary: optionalText(4000, 'El resumen admite hasta 4000 caracteres.', 'lines'),
    privacyNoticeGiven: checkbox,
  })
  .superRefine((v, ctx) => {
    if (v.startedTime === '') return;
    const clock = normalizeClock(v.startedTime);
    const message = !clock
      ? STARTED_MESSAGES.time
      : !LOCAL_DATE.test(v.startedDate)
        ? STARTED_MESSAGES.date
        : localDateTimeError(`${v.startedDate}T${clock}`);
    if (message) ctx.addIssue({ code: 'custom', path: ['startedAt'], message });
  })
  .superRefine((v, ctx) => {
    if (v.callType !== 'data') return;
    if (!v.callerRole) ctx.addIssue({ code: 'custom', path: ['callerRole'], message: 'Elige quién llama.' });
    if (!v.anonymous && v.personName.length < 2)
      ctx.addIssue({
        code: 'custom',
        path: ['personName'],
        message: 'Escribe el nombre o marca la atención como anónima.',
      });
    if (v.categories.length === 0)
      ctx.addIssue({ code: 'custom', path: ['categories'], message: 'Elige al menos una categoría.' });
    if (v.summary.length < 5)
      ctx.addIssue({
        code: 'custom',
        path: ['summary'],
        message: 'Escribe un resumen breve de la atención.',
      });
    if (v.followUpConsent && v.followUpPhone.replace(/\D/g, '').length !== 10)
      ctx.addIssue({
        code: 'custom',
        path: ['followUpPhone'],
        message: 'Escribe un teléfono de 10 dígitos para el seguimiento.',
      });
    if (v.reportStatus === 'filed' && v.reportAuthority.length < 2)
      ctx.addIssue({
        code: 'custom',
        path: ['reportAuthority'],
        message: 'Escribe ante qué autoridad denunció.',
      });
    const personalData = (!v.anonymous && v.personName.length > 0) || v.followUpConsent;
    if (personalData && !v.privacyNoticeGiven)
      ctx.addIssue({
        code: 'custom',
        path: ['privacyNoticeGiven'],
        message: 'Lee el aviso de privacidad simplificado antes de tomar datos personales.',
      });
  })
  .transform(({ startedDate, startedTime, ...v }) => {
    const clock = normalizeClock(startedTime);
    return clock ? { ...v, startedAt: `${startedDate}T${clock}` } : v;
  });
export type ContactInput = z.output<typeof ContactSchema>;

/** Fields of the contact form posted as repeated values. */
export const CONTACT_MULTI = ['categories', 'services'] as const;

export const CaseSearchSchema = z.object({
  folio: z.string().trim().toUpperCase().max(20, 'Folio demasiado largo.').optional().default(''),
  name: z.string().trim().max(120, 'Texto demasiado largo.').optional().default(''),
  phone: z
    .string()
    .optional()
    .default('')
    .transform((v) => v.replace(/\D/g, ''))
    .refine((v) => v === '' || v.length >= 4, 'Escribe al menos 4 dígitos del teléfono.'),
  categoryId: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  status: z
    .enum(keysOf(CASE_STATUS_LABELS))
    .optional()
    .or(z.literal('').transform(() => undefined)),
  operatorId: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  from: optionalRealDay('Fecha no válida.'),
  to: optionalRealDay('Fecha no válida.'),
});
export type CaseSearchInput = z.output<typeof CaseSearchSchema>;

export const CaseStatusSchema = z.object({
  folio: z.string().regex(FOLIO_PATTERN),
  status: z.enum(keysOf(CASE_STATUS_LABELS), { error: 'Elige un estado.' }),
});

export const CaseNoteSchema = z.object({
  folio: z.string().regex(FOLIO_PATTERN),
  body: multiLine().trim().min(2, 'Escribe la nota.').max(4000, 'La nota admite hasta 4000 caracteres.'),
});

export const AssignSchema = z.object({
  folio: z.string().regex(FOLIO_PATTERN),
  userId: z.coerce.number({ error: 'Elige a una persona.' }).int().positive('Elige a una persona.'),
});

export const FollowUpSchema = z.object({
  folio: z.string().regex(FOLIO_PATTERN),
  type: z.enum(keysOf(FOLLOW_UP_TYPE_LABELS), { error: 'Elige el tipo de seguimiento.' }),
  dueOn: realDay('Elige la fecha en que toca.'),
  assigneeId: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

export const CompleteFollowUpSchema = z.object({
  id: z.coerce.number().int().positive(),
  outcome: z
    .string()
    .trim()
    .min(3, 'Escribe el resultado del seguimiento.')
    .max(2000, 'El resultado admite hasta 2000 caracteres.'),
});

export const CategorySchema = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  parentId: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  name: z.string().trim().min(2, 'Escribe el nombre.').max(160, 'El nombre es demasiado largo.'),
  active: checkbox,
});

const day = realDay;
export const OficioCreateSchema = z.object({
  folio: z.string().regex(FOLIO_PATTERN),
  addresseeOrganizationId: z.coerce
    .number({ error: 'Elige la autoridad u organización.' })
    .int()
    .positive('Elige la autoridad u organización.'),
  template: z.enum(['informacion', 'proteccion', 'canalizacion'], { error: 'Elige una plantilla.' }),
});
const oficioNumber = z.string().regex(/^OF-\d{4}-\d{4}$/);
export const OficioEventSchema = z.discriminatedUnion('type', [
  z.object({
    number: oficioNumber,
    type: z.literal('edit'),
    addresseeName: z.string().trim().min(3, 'Escribe a quién va dirigido.').max(200),
    addresseeTitle: z.string().trim().max(200).optional().default(''),
    subject: z.string().trim().min(5, 'Escribe el asunto.').max(300),
    body: z
      .string()
      .trim()
      .min(20, 'El cuerpo del oficio es demasiado corto.')
      .max(10000, 'El oficio admite hasta 10 000 caracteres.'),
  }),
  z.object({
    number: oficioNumber,
    type: z.literal('send'),
    sentOn: day('Escribe la fecha de envío.'),
    sentMethod: z.enum(['oficialia', 'hand', 'email', 'courier'], { error: 'Elige cómo se envió.' }),
    responseDueOn: day('Escribe la fecha límite de respuesta.'),
  }),
  z.object({
    number: oficioNumber,
    type: z.literal('acknowledge'),
    ackOn: day('Escribe la fecha del acuse.'),
  }),
  z.object({
    number: oficioNumber,
    type: z.literal('answer'),
    responseOn: day('Escribe la fecha de la respuesta.'),
    responseSummary: z.string().trim().min(5, 'Resume la respuesta.').max(4000),
  }),
]);

export const DailyLogSchema = z.object({
  day: realDay('Fecha no válida.'),
  shift: z.enum(['matutino', 'vespertino', 'nocturno'], { error: 'Elige el turno.' }),
  notes: z.string().trim().max(8000, 'Las notas admiten hasta 8000 caracteres.').optional().default(''),
  close: checkbox,
});
export const SignOffSchema = z.object({ id: z.coerce.number().int().positive() });

export const RetentionSchema = z.object({
  years: z.coerce
    .number({ error: 'Escribe un número de años.' })
    .int('Escribe años enteros.')
    .min(1, 'Mínimo 1 año.')
    .max(50, 'Máximo 50 años.'),
});
