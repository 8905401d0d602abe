import { z } from 'astro/zod';
// Types only (the enums' lists); the request form's own rules are in request-schema.ts.
import type { institutionTypeEnum } from '~db/schema/reference';
import type { requestModalityEnum, requestStatusEnum } from '~db/schema/requests';
import { type Locale, t } from '~/i18n';
import { toE164 } from '~/lib/phone';
import { localDay, parseDateAndTime } from '~/lib/time';
import {
  INSTITUTION_TYPES as INSTITUTION_LIST,
  MAX_TOPICS,
  MAX_WINDOWS,
  MODALITIES as MODALITY_LIST,
  REQUEST_MESSAGE_KEYS,
  type RequestMessages,
  buildRequestSchema,
  windowFields,
} from './request-schema';

/** The template as written: t() without parameters leaves `{max}` for the schema to fill. */
const dictionaryText = (locale: Locale, key: (typeof REQUEST_MESSAGE_KEYS)[number]) => t(locale, key);
import { optionalHours } from '~/lib/hours';

type Values<E extends { enumValues: readonly string[] }> = E['enumValues'];
// Same lists as the database enums; `satisfies` makes a mismatch a type error.
export const INSTITUTION_TYPES = INSTITUTION_LIST satisfies Readonly<Values<typeof institutionTypeEnum>>;
export const MODALITIES = MODALITY_LIST satisfies Readonly<Values<typeof requestModalityEnum>>;
export const STATUSES = [
  'received',
  'under_review',
  'scheduled',
  'declined',
  'cancelled',
  'completed',
] as const satisfies Values<typeof requestStatusEnum>;
export { MAX_TOPICS, MAX_WINDOWS, windowFields };

export interface RequestSchemaOptions {
  locale?: Locale;
  /** The organisation's zone: a window must fall after today there. */
  timeZone: string;
  now?: Date;
}

/** The form's messages in `locale`, as the page hands them to the browser's live validation. */
export function requestMessages(locale: Locale): RequestMessages {
  return Object.fromEntries(
    REQUEST_MESSAGE_KEYS.map((key) => [key, dictionaryText(locale, key)]),
  ) as RequestMessages;
}

/**
 * The workshop request form as the server checks it: the one schema of request-schema.ts (the
 * browser runs it too), with the checks only the server can make — the phone number against
 * libphonenumber's metadata and a time inside a daylight-saving gap.
 */
export function requestSchema({ locale = 'es', timeZone, now = new Date() }: RequestSchemaOptions) {
  return buildRequestSchema({
    messages: requestMessages(locale),
    today: localDay(now, timeZone),
    timeZone,
    phone: toE164,
    timeExists: (date, time, zone) => parseDateAndTime(date, time, zone).ok,
  });
}

export type RequestInput = z.output<ReturnType<typeof requestSchema>>;

export const CancelSchema = z.object({
  token: z.string().regex(/^[a-z2-7]{26,64}$/),
  reason: z
    .string({ error: t('es', 'st.err.reason') })
    .trim()
    .min(3, t('es', 'st.err.reason'))
    .max(500, t('es', 'st.err.reasonLong')),
});

export const EvaluationSchema = z.object({
  token: z.string().regex(/^[a-z2-7]{26,64}$/),
  satisfaction: z
    .string({ error: t('es', 'st.err.satisfaction') })
    .regex(/^[1-5]$/, t('es', 'st.err.satisfaction'))
    .transform(Number),
  useful: z.string().trim().max(1000, 'Máximo 1000 caracteres.').optional().default(''),
  comments: z.string().trim().max(2000, 'Máximo 2000 caracteres.').optional().default(''),
});
export type EvaluationInput = z.output<typeof EvaluationSchema>;

export const StatusChangeSchema = z.object({
  id: z.coerce.number().int().positive(),
  to: z.enum(STATUSES, { error: 'Elige el nuevo estado.' }),
  reason: z
    .string()
    .trim()
    .max(1000, 'El motivo es demasiado largo (máximo 1000 caracteres).')
    .optional()
    .default(''),
});
export type StatusChangeInput = z.output<typeof StatusChangeSchema>;

export const WORKSHOP_MODALITIES = ['presencial', 'en_linea', 'ambas'] as const;

export const WorkshopSchema = z.object({
  id: z
    .string()
    .optional()
    .transform((v) => (v && /^\d+$/.test(v) ? Number(v) : null)),
  title: z.string().trim().min(3, 'Escribe el título.').max(150, 'El título es demasiado largo.'),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .min(3, 'Escribe la dirección corta (por ejemplo, seguridad-digital).')
    .max(80, 'La dirección corta es demasiado larga.')
    .regex(
      /^[a-z0-9]+(-[a-z0-9]+)*$/,
      'Usa solo minúsculas sin acentos, números y guiones (por ejemplo, seguridad-digital).',
    ),
  summary: z
    .string()
    .trim()
    .min(10, 'Escribe un resumen de al menos 10 caracteres.')
    .max(300, 'El resumen es demasiado largo (máximo 300).'),
  description: z.string().trim().max(4000, 'La descripción es demasiado larga.').optional().default(''),
  audience: z.string().trim().min(3, 'Escribe a quién va dirigido.').max(200, 'Demasiado largo.'),
  // English versions for /en/: optional; an empty one shows the Spanish text, marked as Spanish.
  titleEn: z.string().trim().max(150, 'El título en inglés es demasiado largo.').optional().default(''),
  summaryEn: z
    .string()
    .trim()
    .max(300, 'El resumen en inglés es demasiado largo (máximo 300).')
    .optional()
    .default(''),
  descriptionEn: z
    .string()
    .trim()
    .max(4000, 'La descripción en inglés es demasiado larga.')
    .optional()
    .default(''),
  audienceEn: z.string().trim().max(200, 'Demasiado largo.').optional().default(''),
  durationMinutes: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, 'Escribe la duración en minutos.')
    .transform(Number)
    .refine((n) => n >= 15 && n <= 480, 'La duración debe estar entre 15 y 480 minutos.'),
  hours: optionalHours(),
  modality: z.enum(WORKSHOP_MODALITIES, { error: 'Elige la modalidad.' }),
  active: z
    .string()
    .optional()
    .transform((v) => v === 'on' || v === 'true'),
});
export type WorkshopInput = z.output<typeof WorkshopSchema>;

/** "¿Perdiste tu enlace?": the folio and the contact e-mail, in the form's language. */
export function recoverLinkSchema(locale: Locale) {
  return z.object({
    folio: z
      .string({ error: t(locale, 'recover.err.folio') })
      .trim()
      .regex(/^[Tt]-\d{4}-\d{4,6}$/, t(locale, 'recover.err.folio'))
      .transform((v) => v.toUpperCase()),
    email: z
      .string({ error: t(locale, 'req.err.email') })
      .trim()
      .min(1, t(locale, 'req.err.email'))
      .max(254, t(locale, 'req.err.emailFormat'))
      .pipe(z.email({ error: t(locale, 'req.err.emailFormat') })),
  });
}
