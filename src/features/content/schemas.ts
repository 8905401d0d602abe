import { localDateTimeError, parseDate } from '~/lib/time';
import { z } from 'astro/zod';
import { singleLine } from '~/lib/text';
import { CHANNELS, type Channel, checkCopy, limitMessage } from './limits';
import { STATUSES } from './status';

const optionalId = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return null;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) {
      ctx.addIssue({ code: 'custom', message: 'Elige una opción de la lista.' });
      return z.NEVER;
    }
    return n;
  });

const localDateTime = z
  .string({ error: 'Indica la fecha y hora de publicación.' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Indica la fecha y hora de publicación (día y hora).')
  // 30 February or 24:30 here; a daylight-saving gap when it is read in the zone (posts.server).
  .superRefine((v, ctx) => {
    const error = localDateTimeError(v);
    if (error) ctx.addIssue({ code: 'custom', message: error });
  });

const day = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .superRefine((v, ctx) => {
      const r = parseDate(v);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error });
    });

/**
 * A post as typed in the form. Variants arrive as `variant_x`, `variant_instagram`…; the copy
 * limits run here, so the browser counter and the server give the same verdict.
 */
export const PostFormSchema = z
  .object({
    // One line: a title with a line break was saved as typed (found by bench/fuzz.mjs).
    title: singleLine({ required: 'Escribe un título breve (al menos 3 caracteres).' })
      .trim()
      .min(3, 'Escribe un título breve (al menos 3 caracteres).')
      .max(140, 'El título es demasiado largo (máximo 140).'),
    campaignId: optionalId,
    channels: z
      .array(z.enum(CHANNELS, { error: 'Canal no válido.' }), { error: 'Elige al menos un canal.' })
      .min(1, 'Elige al menos un canal.'),
    plannedAt: localDateTime,
    copy: z.string().max(63_206, 'El texto es demasiado largo.').default(''),
    language: z.enum(['es', 'en'], { error: 'Elige el idioma.' }).default('es'),
    assigneeId: optionalId,
    ...Object.fromEntries(CHANNELS.map((c) => [`variant_${c}`, z.string().max(63_206).optional()])),
  })
  .superRefine((value, ctx) => {
    const variants = variantsOf(value as Record<string, unknown>);
    for (const check of checkCopy(value.channels, value.copy, variants)) {
      if (!check.over) continue;
      const usesVariant = !!variants[check.channel]?.trim();
      ctx.addIssue({
        code: 'custom',
        path: [usesVariant ? `variant_${check.channel}` : 'copy'],
        message: limitMessage(check),
      });
    }
  })
  .transform((value) => ({
    title: value.title,
    campaignId: value.campaignId,
    channels: [...new Set(value.channels)] as Channel[],
    plannedAt: value.plannedAt,
    copy: value.copy,
    language: value.language,
    assigneeId: value.assigneeId,
    // Only variants for chosen channels, and only when they say something.
    variants: Object.fromEntries(
      Object.entries(variantsOf(value as Record<string, unknown>)).filter(
        ([c, v]) => value.channels.includes(c as Channel) && v.trim(),
      ),
    ) as Partial<Record<Channel, string>>,
  }));
export type PostFormInput = z.output<typeof PostFormSchema>;

function variantsOf(value: Record<string, unknown>): Partial<Record<Channel, string>> {
  const out: Partial<Record<Channel, string>> = {};
  for (const c of CHANNELS) {
    const v = value[`variant_${c}`];
    if (typeof v === 'string' && v.trim()) out[c] = v;
  }
  return out;
}

export const PostIdSchema = z.object({
  id: z.coerce.number().int().positive(),
  version: z.coerce.number().int().positive(),
});

export const TransitionSchema = z
  .object({
    id: z.coerce.number().int().positive(),
    version: z.coerce.number().int().positive(),
    to: z.enum(STATUSES, { error: 'Estado no válido.' }),
    note: z.string().trim().max(2000, 'La nota es demasiado larga (máximo 2,000).').default(''),
    publishedWhere: z.string().trim().max(300, 'Demasiado largo (máximo 300).').default(''),
    publishedUrl: z
      .string()
      .trim()
      .max(2000)
      .default('')
      .refine(
        (v) => v === '' || /^https?:\/\/\S+$/i.test(v),
        'Escribe la dirección completa, empezando con https://',
      ),
  })
  .superRefine((v, ctx) => {
    if (v.to === 'published' && !v.publishedWhere) {
      ctx.addIssue({
        code: 'custom',
        path: ['publishedWhere'],
        message:
          'Indica dónde se publicó (por ejemplo, «Página de Facebook de la Línea» o «volanteo en el Centro»).',
      });
    }
  });
export type TransitionInput = z.output<typeof TransitionSchema>;

export const MoveSchema = z.object({
  id: z.number().int().positive(),
  version: z.number().int().positive(),
  /** ISO 8601 with offset, as FullCalendar gives it. */
  start: z.string().min(10).max(40),
});

export const CommentSchema = z.object({
  id: z.coerce.number().int().positive(),
  body: z
    .string()
    .trim()
    .min(1, 'Escribe el comentario.')
    .max(2000, 'El comentario es demasiado largo (máximo 2,000).'),
});

export const ASSET_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/pdf'] as const;
export const ASSET_MAX_BYTES = 5 * 1024 * 1024;

export const AssetSchema = z.object({
  id: z.coerce.number().int().positive(),
  altText: z
    .string({ error: 'Describe la imagen para quien no puede verla.' })
    .trim()
    .min(5, 'Describe la imagen para quien no puede verla (texto alternativo, al menos 5 caracteres).')
    .max(1000, 'El texto alternativo es demasiado largo (máximo 1,000).'),
  url: z
    .string()
    .trim()
    .max(2000)
    .default('')
    .refine((v) => v === '' || /^https:\/\/\S+$/i.test(v), 'El enlace debe empezar con https://'),
});

export const CAMPAIGN_STATUS_LABELS = {
  planned: 'Planeada',
  active: 'Activa',
  finished: 'Terminada',
} as const;

const optionalCount = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return null;
    const n = Number(v.replaceAll(',', ''));
    if (!Number.isInteger(n) || n < 0 || n > 1_000_000_000) {
      ctx.addIssue({ code: 'custom', message: 'Escribe un número entero, 0 o mayor.' });
      return z.NEVER;
    }
    return n;
  });

export const CampaignSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(3, 'Escribe el nombre de la campaña.')
      .max(160, 'El nombre es demasiado largo (máximo 160).'),
    goal: z.string().trim().max(2000, 'Demasiado largo (máximo 2,000).').default(''),
    audience: z.string().trim().max(500, 'Demasiado largo (máximo 500).').default(''),
    startsOn: day('Indica la fecha de inicio.'),
    endsOn: day('Indica la fecha de fin.'),
    color: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^#[0-9a-f]{6}$/, 'Elige un color.'),
    ownerId: optionalId,
    status: z.enum(['planned', 'active', 'finished'], { error: 'Elige el estado.' }).default('planned'),
    resultReach: optionalCount,
    resultCalls: optionalCount,
    resultRegistrations: optionalCount,
    resultNotes: z.string().trim().max(4000, 'Demasiado largo (máximo 4,000).').default(''),
  })
  .refine((v) => v.endsOn >= v.startsOn, {
    path: ['endsOn'],
    message: 'La fecha de fin no puede ser anterior a la de inicio.',
  });
export type CampaignInput = z.output<typeof CampaignSchema>;

export const ExportSchema = z
  .object({
    desde: day('Indica desde qué día.'),
    hasta: day('Indica hasta qué día.'),
  })
  .refine((v) => v.hasta >= v.desde, {
    path: ['hasta'],
    message: 'El final no puede ser anterior al inicio.',
  })
  .refine((v) => (Date.parse(v.hasta) - Date.parse(v.desde)) / 86_400_000 <= 400, {
    path: ['hasta'],
    message: 'Exporta como máximo un año a la vez.',
  });

/** Board/calendar filters from the query string; unknown values are ignored, never an error. */
export const FiltersSchema = z.object({
  campana: z.coerce.number().int().positive().optional().catch(undefined),
  canal: z.enum(CHANNELS).optional().catch(undefined),
  responsable: z.coerce.number().int().positive().optional().catch(undefined),
  estado: z.enum(STATUSES).optional().catch(undefined),
});
export type Filters = z.output<typeof FiltersSchema>;
