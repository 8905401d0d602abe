import { z } from 'astro/zod';

const e164 = z
  .string()
  .trim()
  .regex(
    /^\+[1-9]\d{9,14}$/,
    'Escríbelo en formato internacional, sin espacios: +52 y los 10 dígitos (por ejemplo +526141234567).',
  );

export const SettingsSchema = z.object({
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
});
export type SettingsInput = z.output<typeof SettingsSchema>;
