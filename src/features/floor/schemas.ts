import { z } from 'astro/zod';
import { singleLine } from '~/lib/text';
import { HELP_REASONS, STATE_CHOICES } from './labels';

export const SetStateSchema = z.object({
  choice: z.enum(STATE_CHOICES, { message: 'Elige un estado de la lista.' }),
  activityId: z.coerce.number().int().positive().optional(),
  /** Where the person was: the widget sends them back there. */
  next: z.string().max(2000).optional(),
});
export type SetStateInput = z.output<typeof SetStateSchema>;

export const RaiseHelpSchema = z.object({
  reason: z.enum(HELP_REASONS).default('other'),
  text: z
    .string()
    .trim()
    .max(140, 'Escribe como máximo 140 caracteres. No anotes datos del caso.')
    .default(''),
});
export type RaiseHelpInput = z.output<typeof RaiseHelpSchema>;

export const HelpIdSchema = z.object({ id: z.coerce.number().int().positive() });

/** The operator's note on a floor entry of their bitácora (a break, a field exit, a help request). */
export const AnnotateSchema = z.object({
  entry: z.string().regex(/^(state|help):\d{1,9}$/, 'No encontramos esa entrada de la bitácora.'),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Fecha no válida.'),
  shift: z.enum(['matutino', 'vespertino', 'nocturno'], { error: 'Elige el turno.' }),
  note: singleLine()
    .trim()
    .max(140, 'Escribe como máximo 140 caracteres. No anotes datos del caso.')
    .optional()
    .default(''),
});
export type AnnotateInput = z.output<typeof AnnotateSchema>;

/** The alert sound: off by default, a per-person choice. */
export const SoundSchema = z.object({
  sound: z.enum(['on', 'off'], { error: 'Elige si quieres sonido.' }),
  next: z.string().max(2000).optional(),
});

export const RetentionMonthsSchema = z.object({
  months: z.coerce
    .number({ error: 'Escribe un número de meses.' })
    .int('Escribe meses enteros.')
    .min(1, 'Mínimo 1 mes.')
    .max(120, 'Máximo 120 meses (10 años).'),
});
