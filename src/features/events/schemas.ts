import { z } from 'astro/zod';
import { type Locale, t } from '~/i18n';
import { CHIHUAHUA_ZONE, localDateTimeError, parseLocalDateTime, zoneOfPlace } from '~/lib/time';
import { heardFromEnum } from '~db/schema/events';
import { optionalPhoneNumber } from '~/lib/phone';
import { multiLine, personName, singleLine } from '~/lib/text';
import { optionalHours } from '~/lib/hours';

export const HEARD_FROM = heardFromEnum.enumValues;
export type HeardFrom = (typeof HEARD_FROM)[number];

/** Largest group a single sign-up may bring (a school's whole grade, a workplace's shift). */
export const MAX_GROUP_SIZE = 200;

const email = z
  .string({ error: 'Escribe tu correo electrónico.' })
  .trim()
  .min(1, 'Escribe tu correo electrónico.')
  .max(254, 'El correo es demasiado largo.')
  .pipe(z.email({ error: 'Escribe un correo válido, por ejemplo nombre@dominio.mx.' }))
  .transform((v) => v.toLowerCase());

const optionalText = (max: number, message: string, kind: 'line' | 'lines' = 'line') =>
  (kind === 'line' ? singleLine() : multiLine())
    .trim()
    .max(max, message)
    .optional()
    .transform((v) => v ?? '');

/**
 * The public sign-up form. Messages are Spanish (the English page maps field errors through its
 * dictionary by field name). Groups give an institution and a headcount.
 */
export const RegistrationSchema = z
  .object({
    slug: z.string().trim().min(1).max(120),
    name: personName({ required: 'Escribe tu nombre.' })
      .trim()
      .min(2, 'Escribe tu nombre completo.')
      .max(120, 'El nombre es demasiado largo.'),
    email,
    phone: optionalPhoneNumber({
      invalid:
        'Escribe un teléfono válido: 10 dígitos (por ejemplo 614 123 4567), o con + y la clave del país.',
    })
      .optional()
      .transform((v) => v ?? ''),
    municipalityId: z.string({ error: 'Elige tu municipio.' }).regex(/^08\d{3}$/, 'Elige tu municipio.'),
    heardFrom: z.enum(HEARD_FROM, { error: 'Dinos cómo te enteraste del evento.' }),
    registrationType: z
      .enum(['individual', 'group'], { error: 'Elige si te registras tú o un grupo.' })
      .default('individual'),
    institutionName: optionalText(160, 'El nombre de la institución es demasiado largo.'),
    groupSize: z.string().optional(),
    accessibilityNeeds: optionalText(500, 'Escribe como máximo 500 caracteres.', 'lines'),
    consent: z.literal('on', { error: 'Para registrarte necesitamos que aceptes el aviso de privacidad.' }),
    /** Id of the privacy notice the form showed; recorded with the consent. */
    privacyNoticeId: z.coerce.number().int().positive(),
    locale: z.enum(['es', 'en']).default('es'),
  })
  .transform((v, ctx) => {
    for (const [path, message] of Object.entries(groupIssues(v)))
      ctx.addIssue({ code: 'custom', path: [path], message });
    const groupSize = v.registrationType === 'group' ? Number(v.groupSize) : 1;
    const { groupSize: _ignored, consent: _consent, ...rest } = v;
    return {
      ...rest,
      isGroup: v.registrationType === 'group',
      institutionName: v.registrationType === 'group' ? v.institutionName : '',
      groupSize,
    };
  });

/**
 * The group fields' own checks, as a plain function so the form can show them together with
 * the other fields' messages (a zod transform only runs once everything else is valid).
 */
export function groupIssues(v: {
  registrationType?: unknown;
  institutionName?: unknown;
  groupSize?: unknown;
}): Record<string, string> {
  if (v.registrationType !== 'group') return {};
  const issues: Record<string, string> = {};
  if (typeof v.institutionName !== 'string' || v.institutionName.trim().length < 2)
    issues.institutionName = 'Escribe el nombre de la escuela o centro de trabajo.';
  const n = Number(v.groupSize);
  if (!v.groupSize || !Number.isInteger(n) || n < 2)
    issues.groupSize = 'Escribe cuántas personas vienen en el grupo (2 o más).';
  else if (n > MAX_GROUP_SIZE)
    issues.groupSize = `Un registro puede traer hasta ${MAX_GROUP_SIZE} personas; para más, escríbenos.`;
  return issues;
}
export type RegistrationInput = z.output<typeof RegistrationSchema>;

/** Local date and time typed in the staff form, read in the organisation's zone. */
// Impossible dates and times are refused here; a time in a daylight-saving gap of the event's
// own zone is refused below, once the municipality is known (see ~/lib/time).
const localDateTime = (message: string) =>
  z
    .string({ error: message })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, message)
    .superRefine((v, ctx) => {
      const error = localDateTimeError(v);
      if (error) ctx.addIssue({ code: 'custom', message: error });
    });
const LOCAL_FIELDS = ['startsAt', 'endsAt', 'registrationOpensAt', 'registrationClosesAt'] as const;

export const EventFormSchema = z
  .object({
    id: z.coerce.number().int().positive().optional(),
    // One line: a title with a line break was saved as typed (found by bench/fuzz.mjs).
    title: singleLine({ required: 'Escribe el título.' })
      .trim()
      .min(4, 'Escribe un título de al menos 4 caracteres.')
      .max(140, 'El título es demasiado largo.'),
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .max(80, 'La dirección es demasiado larga.')
      .refine(
        (v) => v === '' || /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(v),
        'Usa solo minúsculas sin acentos, números y guiones (por ejemplo feria-prevencion-juarez).',
      )
      .optional()
      .transform((v) => v ?? ''),
    summary: z
      .string()
      .trim()
      .max(280, 'El resumen admite 280 caracteres.')
      .optional()
      .transform((v) => v ?? ''),
    description: z
      .string()
      .trim()
      .max(8000, 'La descripción es demasiado larga.')
      .optional()
      .transform((v) => v ?? ''),
    titleEn: optionalText(140, 'El título en inglés es demasiado largo.'),
    summaryEn: optionalText(280, 'El resumen en inglés admite 280 caracteres.'),
    descriptionEn: optionalText(8000, 'La descripción en inglés es demasiado larga.'),
    place: z
      .string({ error: 'Escribe el lugar.' })
      .trim()
      .min(3, 'Escribe el lugar.')
      .max(160, 'El lugar es demasiado largo.'),
    address: z
      .string()
      .trim()
      .max(240, 'La dirección es demasiado larga.')
      .optional()
      .transform((v) => v ?? ''),
    municipalityId: z.string({ error: 'Elige el municipio.' }).regex(/^08\d{3}$/, 'Elige el municipio.'),
    startsAt: localDateTime('Escribe la fecha y hora de inicio.'),
    endsAt: localDateTime('Escribe la fecha y hora de término.'),
    capacity: z.coerce
      .number({ error: 'Escribe el cupo.' })
      .int('El cupo es un número entero.')
      .min(1, 'El cupo debe ser al menos 1.')
      .max(100000, 'El cupo es demasiado grande.'),
    hours: optionalHours(),
    waitlistEnabled: z
      .string()
      .optional()
      .transform((v) => v === 'on' || v === 'true'),
    registrationOpensAt: localDateTime('Escribe cuándo abre el registro.'),
    registrationClosesAt: localDateTime('Escribe cuándo cierra el registro.'),
    coverAlt: z
      .string()
      .trim()
      .max(200, 'La descripción de la imagen es demasiado larga.')
      .optional()
      .transform((v) => v ?? ''),
    /** "Avisar a las personas registradas": a checkbox, posted as "on" only when ticked. */
    notify: z.string().optional(),
    /** Present when the form showed the checkbox, so an unticked box means "don't tell them". */
    notifyShown: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    const zone = zoneOfPlace(v.municipalityId, CHIHUAHUA_ZONE);
    for (const field of LOCAL_FIELDS) {
      const r = parseLocalDateTime(v[field], zone);
      if (!r.ok) ctx.addIssue({ code: 'custom', path: [field], message: r.error });
    }
    if (v.endsAt <= v.startsAt)
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'El término debe ser después del inicio.' });
    if (v.registrationClosesAt <= v.registrationOpensAt)
      ctx.addIssue({
        code: 'custom',
        path: ['registrationClosesAt'],
        message: 'El registro debe cerrar después de abrir.',
      });
    if (v.registrationClosesAt > v.endsAt)
      ctx.addIssue({
        code: 'custom',
        path: ['registrationClosesAt'],
        message: 'El registro no puede cerrar después de que termine el evento.',
      });
  });
type EnglishKeys = 'titleEn' | 'summaryEn' | 'descriptionEn' | 'hours';
/** The validated staff form; the English texts and the hours may be left out (they default to none). */
export type EventFormInput = Omit<z.output<typeof EventFormSchema>, EnglishKeys> &
  Partial<Pick<z.output<typeof EventFormSchema>, EnglishKeys>>;

export const CancelEventSchema = z.object({
  id: z.coerce.number().int().positive(),
  reason: z
    .string({ error: 'Escribe el motivo.' })
    .trim()
    .min(5, 'Escribe el motivo (se incluye en el correo a las personas registradas).')
    .max(500, 'El motivo es demasiado largo.'),
});

/** One tap from the check-in screen. `clientId` is generated on the phone and makes retries harmless. */
export const CheckinTapSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('attend'),
    clientId: z.string().min(8).max(64),
    registrationId: z.number().int().positive(),
    tappedAt: z.iso.datetime().optional(),
  }),
  z.object({
    kind: z.literal('undo'),
    clientId: z.string().min(8).max(64),
    registrationId: z.number().int().positive(),
    tappedAt: z.iso.datetime().optional(),
  }),
  z.object({
    kind: z.literal('walk_in'),
    clientId: z.string().min(8).max(64),
    count: z.number().int().min(1).max(500).default(1),
    name: z.string().trim().max(120).default(''),
    tappedAt: z.iso.datetime().optional(),
  }),
]);
export type CheckinTap = z.output<typeof CheckinTapSchema>;

/** "¿Perdiste tu enlace?" for a registration: the event and the e-mail, in the form's language. */
export function recoverRegistrationSchema(locale: Locale) {
  return z.object({
    slug: z
      .string({ error: t(locale, 'recover.err.event') })
      .trim()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, t(locale, 'recover.err.event')),
    email: z
      .string({ error: t(locale, 'req.err.email') })
      .trim()
      .min(1, t(locale, 'req.err.email'))
      .max(254, t(locale, 'req.err.emailFormat'))
      .pipe(z.email({ error: t(locale, 'req.err.emailFormat') })),
  });
}
