import { z } from 'astro/zod';
// Types only: this module also runs in the browser (live validation), where drizzle must not go.
import type { institutionTypeEnum } from '~db/schema/reference';
import type { requestModalityEnum, requestStatusEnum } from '~db/schema/requests';
import { type Locale, t } from '~/i18n';
import { phoneNumber } from '~/lib/phone';
import { multiLine, personName, singleLine } from '~/lib/text';
import { optionalHours } from '~/lib/hours';
import { isRealDate, localDay, parseDateAndTime, zoneCity, zoneOfActivity } from '~/lib/time';

type Values<E extends { enumValues: readonly string[] }> = E['enumValues'];
// Same lists as the database enums; `satisfies` makes a mismatch a type error.
export const INSTITUTION_TYPES = [
  'primaria',
  'secundaria',
  'preparatoria',
  'universidad',
  'empresa',
  'centro_comunitario',
  'gobierno',
  'otra',
] as const satisfies Values<typeof institutionTypeEnum>;
export const MODALITIES = ['presencial', 'en_linea'] as const satisfies Values<typeof requestModalityEnum>;
export const STATUSES = [
  'received',
  'under_review',
  'scheduled',
  'declined',
  'cancelled',
  'completed',
] as const satisfies Values<typeof requestStatusEnum>;
export const MAX_WINDOWS = 3;
export const MAX_TOPICS = 5;

/** Form field names of the preferred windows: w1Date, w1From, w1To … w3To. */
export const windowFields = (i: number) => ({ date: `w${i}Date`, from: `w${i}From`, to: `w${i}To` }) as const;

export interface RequestSchemaOptions {
  locale?: Locale;
  /** The organisation's zone: a window must fall after today there. */
  timeZone: string;
  now?: Date;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The workshop request form, shared by the server action and the browser's live validation.
 * Input is what a form posts (strings; `topics` an array); output is typed and trimmed.
 * Messages come from the i18n dictionary so the English form speaks English.
 */
export function requestSchema({ locale = 'es', timeZone, now = new Date() }: RequestSchemaOptions) {
  const m = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) =>
    t(locale, key, params);
  const lineMessages = { lineBreak: m('req.err.lineBreak'), invisible: m('req.err.invisible') };
  const text = (min: number, max: number, required: Parameters<typeof t>[1]) =>
    singleLine({ required: m(required), ...lineMessages })
      .trim()
      .min(min, m(required))
      .max(max, m('req.err.tooLong', { max }));
  const name = (min: number, max: number, required: Parameters<typeof t>[1]) =>
    personName({ required: m(required), ...lineMessages, noLetter: m('req.err.noLetter') })
      .trim()
      .min(min, m(required))
      .max(max, m('req.err.tooLong', { max }));
  const optionalText = (max: number) =>
    multiLine().trim().max(max, m('req.err.tooLong', { max })).optional().default('');
  const today = localDay(now, timeZone);

  const windowShape: Record<string, z.ZodType> = {};
  for (let i = 1; i <= MAX_WINDOWS; i++) {
    const f = windowFields(i);
    windowShape[f.date] = z.string().trim().optional().default('');
    windowShape[f.from] = z.string().trim().optional().default('');
    windowShape[f.to] = z.string().trim().optional().default('');
  }
  // Read here too: the windows are local times of the place (or of the office when online).
  windowShape.modality = z.string().optional().default('');
  windowShape.municipalityId = z.string().optional().default('');

  // Two halves parsed side by side (an intersection reports the issues of both), so the person
  // sees the window errors together with the others, not only after fixing everything else.
  const base = z.object({
    institutionName: text(3, 200, 'req.err.institutionName'),
    institutionType: z.enum(INSTITUTION_TYPES, { error: m('req.err.institutionType') }),
    municipalityId: z
      .string({ error: m('req.err.municipality') })
      .regex(/^08\d{3}$/, m('req.err.municipality')),
    address: text(5, 300, 'req.err.address'),
    contactName: name(3, 120, 'req.err.contactName'),
    contactRole: text(2, 120, 'req.err.contactRole'),
    contactEmail: z
      .string({ error: m('req.err.email') })
      .trim()
      .min(1, m('req.err.email'))
      .max(254, m('req.err.tooLong', { max: 254 }))
      .pipe(z.email({ error: m('req.err.emailFormat') }))
      .transform((v) => v.toLowerCase()),
    contactPhone: phoneNumber({ required: m('req.err.phone'), invalid: m('req.err.phone') }),
    topics: z
      .array(z.string().regex(/^\d{1,9}$/, m('req.err.topics')), { error: m('req.err.topics') })
      .min(1, m('req.err.topics'))
      .max(MAX_TOPICS, m('req.err.topicsMax', { max: MAX_TOPICS }))
      .transform((ids) => [...new Set(ids.map(Number))]),
    audienceDescription: text(3, 300, 'req.err.audienceDescription'),
    audienceAges: text(1, 120, 'req.err.audienceAges'),
    expectedCount: z
      .string({ error: m('req.err.expectedCount') })
      .trim()
      .regex(/^\d{1,5}$/, m('req.err.expectedCount'))
      .transform(Number)
      .refine((n) => n >= 1 && n <= 5000, m('req.err.expectedCount')),
    modality: z.enum(MODALITIES, { error: m('req.err.modality') }),
    notes: optionalText(2000),
    consent: z.literal('on', { error: m('req.err.consent') }),
    privacyNoticeId: z
      .string()
      .regex(/^\d{1,9}$/, m('req.err.consent'))
      .transform(Number),
  });

  const windows = z.object(windowShape).transform((v, ctx) => {
    const out: { date: string; from: string; to: string }[] = [];
    for (let i = 1; i <= MAX_WINDOWS; i++) {
      const f = windowFields(i);
      const w = { date: String(v[f.date] ?? ''), from: String(v[f.from] ?? ''), to: String(v[f.to] ?? '') };
      if (!w.date && !w.from && !w.to) continue;
      let valid = true;
      if (!DATE.test(w.date) || !isRealDate(w.date)) {
        ctx.addIssue({ code: 'custom', path: [f.date], message: m('req.err.windowDate') });
        valid = false;
      } else if (w.date <= today) {
        ctx.addIssue({ code: 'custom', path: [f.date], message: m('req.err.windowFuture') });
        valid = false;
      }
      if (!TIME.test(w.from)) {
        ctx.addIssue({ code: 'custom', path: [f.from], message: m('req.err.windowTime') });
        valid = false;
      }
      if (!TIME.test(w.to)) {
        ctx.addIssue({ code: 'custom', path: [f.to], message: m('req.err.windowTime') });
        valid = false;
      } else if (TIME.test(w.from) && w.to <= w.from) {
        ctx.addIssue({ code: 'custom', path: [f.to], message: m('req.err.windowOrder') });
        valid = false;
      }
      if (valid) {
        // A time inside the place's daylight-saving gap does not exist (the rule in ~/lib/time).
        const zone = zoneOfActivity(
          { modality: String(v.modality), municipalityId: String(v.municipalityId) || null },
          timeZone,
        );
        for (const [field, time] of [
          [f.from, w.from],
          [f.to, w.to],
        ] as const) {
          if (!parseDateAndTime(w.date, time, zone).ok) {
            ctx.addIssue({
              code: 'custom',
              path: [field],
              message: m('req.err.windowGap', { city: zoneCity(zone) }),
            });
            valid = false;
          }
        }
      }
      if (valid) out.push(w);
    }
    const typed = Array.from({ length: MAX_WINDOWS }, (_, i) => windowFields(i + 1)).some(
      (f) => v[f.date] || v[f.from] || v[f.to],
    );
    if (!typed)
      ctx.addIssue({ code: 'custom', path: [windowFields(1).date], message: m('req.err.windowRequired') });
    return { windows: out };
  });

  return z.intersection(base, windows).transform(({ consent: _consent, ...rest }) => rest);
}

export type RequestInput = z.output<ReturnType<typeof requestSchema>>;

/** Spam signals posted with the form; checked before the schema so bots learn nothing. */
export const SPAM_FIELDS = { honeypot: 'website', startedAt: 'startedAt' } as const;

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
