import { z } from 'astro/zod';
import { optionalPhoneNumber } from '~/lib/phone';
import { multiLine, personName, singleLine } from '~/lib/text';
import { isRealDate } from '~/lib/time';
import {
  type ArcoLocale,
  IDENTITY_METHODS,
  REFERENCE_KINDS,
  REJECTION_GROUNDS,
  REQUESTER_KINDS,
  RIGHTS,
  STATUSES,
} from './labels';

const MESSAGES = {
  es: {
    right: 'Elige qué derecho quieres ejercer.',
    requesterKind: 'Dinos si la solicitud es sobre tus datos o si representas a alguien.',
    holderName: 'Escribe el nombre de la persona dueña de los datos.',
    representativeName: 'Escribe tu nombre como representante.',
    email: 'Escribe un correo donde podamos responderte.',
    emailFormat: 'Revisa el correo: parece que le falta algo (ejemplo: nombre@correo.com).',
    phone: 'Revisa el teléfono: escribe 10 dígitos, o déjalo en blanco.',
    referenceKind: 'Dinos de dónde vienen los datos (o elige «Otra cosa, o no lo sé»).',
    description: 'Cuéntanos, aunque sea en pocas palabras, qué datos o qué necesitas.',
    identityMethod: 'Elige cómo nos mostrarás tu identidad.',
    representativeIdentity:
      'Como representante, necesitamos tu identificación y un documento que acredite la representación.',
    consent: 'Para enviar la solicitud, acepta el aviso de privacidad.',
    tooLong: (max: number) => `Escribe como máximo ${max} caracteres.`,
    lineBreak: 'Escríbelo en una sola línea, sin saltos de línea.',
    invisible: 'Escribe el texto con letras o números: lo que escribiste no se ve.',
    noLetter: 'Escribe el nombre con letras.',
  },
  en: {
    right: 'Choose the right you want to exercise.',
    requesterKind: 'Tell us whether this is about your own data or you represent someone.',
    holderName: 'Write the name of the person the data belongs to.',
    representativeName: 'Write your name as the representative.',
    email: 'Write an e-mail address where we can answer you.',
    emailFormat: 'Check the e-mail address: something seems missing (example: name@mail.com).',
    phone: 'Check the phone number: 10 digits, or leave it blank.',
    referenceKind: 'Tell us where the data comes from (or choose “Something else”).',
    description: 'Tell us, even briefly, which data or what you need.',
    identityMethod: 'Choose how you will show your identity.',
    representativeIdentity:
      'As a representative we need your ID and a document that proves the representation.',
    consent: 'To send the request, accept the privacy notice.',
    tooLong: (max: number) => `Write at most ${max} characters.`,
    lineBreak: 'Write it on one line, without line breaks.',
    invisible: 'Write the text with letters or numbers: what you typed cannot be seen.',
    noLetter: 'Write the name with letters.',
  },
} as const;

/** The public form (/derechos-arco and /en/derechos-arco). */
export function arcoRequestSchema(locale: ArcoLocale = 'es') {
  const m = MESSAGES[locale];
  const line = { lineBreak: m.lineBreak, invisible: m.invisible, noLetter: m.noLetter };
  const name = (required: string) =>
    personName({ required, ...line })
      .trim()
      .min(3, required)
      .max(120, m.tooLong(120));
  return z
    .object({
      right: z.enum(RIGHTS, { error: m.right }),
      requesterKind: z.enum(REQUESTER_KINDS, { error: m.requesterKind }),
      holderName: name(m.holderName),
      representativeName: personName({ ...line })
        .trim()
        .max(120, m.tooLong(120))
        .optional()
        .default(''),
      email: z
        .string({ error: m.email })
        .trim()
        .min(1, m.email)
        .max(254, m.tooLong(254))
        .pipe(z.email({ error: m.emailFormat }))
        .transform((v) => v.toLowerCase()),
      phone: optionalPhoneNumber({ invalid: m.phone }),
      referenceKind: z.enum(REFERENCE_KINDS, { error: m.referenceKind }),
      reference: singleLine({ ...line })
        .trim()
        .max(200, m.tooLong(200))
        .optional()
        .default(''),
      description: multiLine({ required: m.description })
        .trim()
        .min(3, m.description)
        .max(4000, m.tooLong(4000)),
      identityMethod: z.enum(IDENTITY_METHODS, { error: m.identityMethod }),
      consent: z.literal('on', { error: m.consent }),
      privacyNoticeId: z
        .string({ error: m.consent })
        .regex(/^\d{1,9}$/, m.consent)
        .transform(Number),
    })
    .superRefine((v, ctx) => {
      if (v.requesterKind === 'representative') {
        if (v.representativeName.length < 3)
          ctx.addIssue({ code: 'custom', path: ['representativeName'], message: m.representativeName });
        if (v.identityMethod !== 'representative_power')
          ctx.addIssue({ code: 'custom', path: ['identityMethod'], message: m.representativeIdentity });
      }
    })
    .transform(({ consent: _consent, ...rest }) => ({
      ...rest,
      representativeName: rest.requesterKind === 'representative' ? rest.representativeName : '',
    }));
}
export type ArcoRequestInput = z.output<ReturnType<typeof arcoRequestSchema>>;

const reasonText = singleLine().trim().max(1000, 'Escribe como máximo 1000 caracteres.');
const folioSchema = z.string().regex(/^ARCO-\d{4}-\d{4,6}$/, 'Folio no válido.');

export const StatusChangeSchema = z.object({
  folio: folioSchema,
  to: z.enum(STATUSES, { error: 'Elige el nuevo estado.' }),
  reason: multiLine().trim().max(4000, 'Escribe como máximo 4000 caracteres.').optional().default(''),
  // The select sends "" when no ground is chosen (only improcedente needs one).
  ground: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .enum(Object.keys(REJECTION_GROUNDS) as [keyof typeof REJECTION_GROUNDS], {
        error: 'Elige el fundamento legal.',
      })
      .optional(),
  ),
});

export const ReceivedOnSchema = z.object({
  folio: folioSchema,
  receivedOn: z
    .string({ error: 'Escribe la fecha en que se recibió.' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Escribe la fecha como AAAA-MM-DD.')
    .refine(isRealDate, 'Esa fecha no existe.'),
  reason: reasonText.min(3, 'Di cómo llegó (papel, correo…).'),
});

export const SearchSchema = z.object({
  folio: folioSchema,
  email: z
    .string()
    .trim()
    .max(254)
    .optional()
    .default('')
    .transform((v) => v.toLowerCase()),
  phone: optionalPhoneNumber({ invalid: 'Revisa el teléfono.' }),
  folios: singleLine().trim().max(300, 'Escribe como máximo 300 caracteres.').optional().default(''),
});

export const FolioOnlySchema = z.object({ folio: folioSchema });

export const RectifyRequestSchema = z.object({
  folio: folioSchema,
  target: z.enum(['request', 'registration', 'case'], { error: 'Elige qué registro corriges.' }),
  targetRef: singleLine().trim().min(1, 'Falta el registro.').max(40),
  contactName: personName().trim().max(120, 'Escribe como máximo 120 caracteres.').optional().default(''),
  contactEmail: z
    .string()
    .trim()
    .max(254)
    .optional()
    .default('')
    .refine((v) => v === '' || z.email().safeParse(v).success, 'Revisa el correo.')
    .transform((v) => v.toLowerCase()),
  contactPhone: optionalPhoneNumber({ invalid: 'Revisa el teléfono.' }),
});
