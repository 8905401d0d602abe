import { z } from 'astro/zod';
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
