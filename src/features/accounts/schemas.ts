import { z } from 'astro/zod';
import { roleEnum } from '~db/schema/accounts';

export const ROLES = roleEnum.enumValues;

export const ROLE_LABELS: Record<(typeof ROLES)[number], string> = {
  admin: 'Coordinación (administración)',
  supervisor: 'Supervisión',
  operator: 'Operador(a)',
  comms: 'Comunicación',
};

const email = z
  .string({ error: 'Escribe un correo electrónico.' })
  .trim()
  .min(1, 'Escribe un correo electrónico.')
  .max(254, 'El correo es demasiado largo.')
  .pipe(z.email({ error: 'Escribe un correo válido, por ejemplo nombre@dominio.mx.' }))
  .transform((v) => v.toLowerCase());

export const LoginSchema = z.object({
  email,
  password: z
    .string({ error: 'Escribe tu contraseña.' })
    .min(1, 'Escribe tu contraseña.')
    .max(1024, 'La contraseña es demasiado larga.'),
  // Only a string can be a place to go back to; anything else is dropped, not reported.
  next: z.string().optional().catch(undefined),
});
export type LoginInput = z.output<typeof LoginSchema>;

export const CreateUserSchema = z.object({
  name: z
    .string({ error: 'Escribe el nombre completo.' })
    .trim()
    .min(2, 'Escribe el nombre completo.')
    .max(120, 'El nombre es demasiado largo.'),
  email,
  role: z.enum(ROLES, { error: 'Elige un rol.' }),
});
export type CreateUserInput = z.output<typeof CreateUserSchema>;

export const UpdateUserSchema = z.object({
  id: z.coerce.number().int().positive(),
  name: z
    .string({ error: 'Escribe el nombre completo.' })
    .trim()
    .min(2, 'Escribe el nombre completo.')
    .max(120, 'El nombre es demasiado largo.'),
  role: z.enum(ROLES, { error: 'Elige un rol.' }),
  active: z
    .string()
    .optional()
    .transform((v) => v === 'on' || v === 'true'),
  /** The 'privacy' grant (ARCO queue); only a supervisor holds it (admins have it by role). */
  privacyGrant: z
    .string()
    .optional()
    .transform((v) => v === 'on' || v === 'true'),
});
/** `privacyGrant` left out (a caller other than the form): the grant stays as it is. */
export type UpdateUserInput = Omit<z.output<typeof UpdateUserSchema>, 'privacyGrant'> & {
  privacyGrant?: boolean;
};

export const ForgotPasswordSchema = z.object({ email });

export const SetPasswordSchema = z
  .object({
    token: z
      .string({ error: 'Este enlace no es válido.' })
      .min(10, 'Este enlace no es válido.')
      .max(200, 'Este enlace no es válido.'),
    password: z.string({ error: 'Escribe la nueva contraseña.' }).min(1, 'Escribe la nueva contraseña.'),
    confirm: z.string({ error: 'Repite la nueva contraseña.' }).min(1, 'Repite la nueva contraseña.'),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'Las contraseñas no coinciden.' });

export const ChangePasswordSchema = z
  .object({
    current: z.string({ error: 'Escribe tu contraseña actual.' }).min(1, 'Escribe tu contraseña actual.'),
    password: z.string({ error: 'Escribe la nueva contraseña.' }).min(1, 'Escribe la nueva contraseña.'),
    confirm: z.string({ error: 'Repite la nueva contraseña.' }).min(1, 'Repite la nueva contraseña.'),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'Las contraseñas no coinciden.' });
