import { signedIn, makeStaffContext } from '~/lib/server/context';
import { z } from 'astro/zod';
import {
  changePassword,
  login,
  requestPasswordReset,
  setPasswordWithToken,
} from '~/features/accounts/sign-in.server';
import { createUser, resendInvitation, updateUser } from '~/features/accounts/users.server';
import {
  ChangePasswordSchema,
  CreateUserSchema,
  ForgotPasswordSchema,
  LoginSchema,
  SetPasswordSchema,
  UpdateUserSchema,
} from '~/features/accounts/schemas';
import { retryFailedMessage } from '~/features/accounts/outbox.server';
import { t } from '~/i18n';
import { PUBLIC } from '~/lib/policy';
import { badRequest, formAction, notFound } from '~/lib/server/action';
import { SESSION_COOKIE, sessionCookieOptions } from '~/lib/server/auth/session';
import { safeNext } from '~/lib/safe-next';

/** Login, password and account management run their own transactions (attempt counters must commit). */
export const accounts = {
  login: formAction({
    permission: PUBLIC,
    input: LoginSchema,
    area: 'login',
    secret: ['password'],
    run: async (ctx, input) => {
      const result = await login(ctx.db, input.email, input.password, {
        ip: ctx.ip,
        userAgent: ctx.userAgent,
      });
      if (!result.ok) {
        const formError =
          result.reason === 'throttled'
            ? t('es', 'login.throttled', { minutes: result.minutes })
            : t('es', 'login.invalid');
        return { ok: false, formError };
      }
      ctx.cookies?.set(SESSION_COOKIE, result.token, sessionCookieOptions(ctx.https, result.expiresAt));
      return { ok: true, data: { redirect: safeNext(input.next) } };
    },
  }),

  createUser: formAction({
    permission: 'admin.users',
    input: CreateUserSchema,
    area: 'usuarios',
    write: true,
    run: async (ctx, input) => {
      const result = await createUser(signedIn(ctx), input);
      return result.ok ? { ok: true, data: { id: result.id } } : { ok: false, errors: result.errors };
    },
  }),

  updateUser: formAction({
    permission: 'admin.users',
    input: UpdateUserSchema,
    area: 'usuarios',
    write: true,
    run: async (ctx, input) => {
      const result = await updateUser(signedIn(ctx), input);
      if (result.ok) return { ok: true, data: { id: input.id } };
      if (result.notFound) throw notFound('Esa cuenta no existe.');
      return { ok: false, errors: result.errors };
    },
  }),

  /** Puts a failed outbox message back in the queue (audited as mail.retry). */
  retryMail: formAction({
    permission: 'admin.outbox',
    input: z.object({ id: z.coerce.number().int().positive() }),
    area: 'correo',
    malformed: 'Mensaje no válido.',
    secret: 'all',
    write: true,
    run: async (ctx, input) => {
      const done = await retryFailedMessage(ctx.db, ctx.user!, input.id, { ip: ctx.ip });
      if (!done) throw notFound('Ese mensaje ya no está marcado como fallido.');
      return { ok: true, data: { id: input.id } };
    },
  }),

  resendInvitation: formAction({
    permission: 'admin.users',
    input: z.object({ id: z.string().optional() }),
    area: 'usuarios',
    write: true,
    secret: 'all',
    run: async (ctx, input) => {
      const id = Number(input.id);
      if (!Number.isInteger(id) || id <= 0) throw badRequest('Cuenta no válida.');
      const sent = await resendInvitation(signedIn(ctx), id);
      return sent
        ? { ok: true, data: { sent } }
        : { ok: false, formError: 'La cuenta está desactivada: actívala antes de enviar un enlace.' };
    },
  }),

  forgotPassword: formAction({
    permission: PUBLIC,
    input: ForgotPasswordSchema,
    area: 'contraseña',
    run: async (ctx, input) => {
      const result = await requestPasswordReset(ctx.db, input.email, { ip: ctx.ip }, await ctx.mail());
      if (result.throttled)
        return {
          ok: false,
          formError:
            'Hubo demasiadas solicitudes desde esta conexión. Espera una hora y vuelve a intentarlo.',
        };
      return { ok: true, data: { sent: true as const } };
    },
  }),

  setPassword: formAction({
    permission: PUBLIC,
    input: SetPasswordSchema,
    area: 'contraseña',
    secret: 'all',
    run: async (ctx, input) => {
      const result = await setPasswordWithToken(ctx.db, input.token, input.password, { ip: ctx.ip });
      if (result.ok) return { ok: true, data: { done: true } };
      if (result.expired)
        return { ok: false, formError: 'Este enlace ya se usó o venció. Pide uno nuevo.', expired: true };
      return { ok: false, errors: result.errors };
    },
  }),

  changePassword: formAction({
    permission: 'profile.self',
    input: ChangePasswordSchema,
    area: 'contraseña',
    secret: 'all',
    run: async (ctx, input) => {
      const result = await changePassword(
        makeStaffContext({ db: ctx.db, user: ctx.user!, ip: ctx.ip }),
        ctx.session!.id,
        input.current,
        input.password,
      );
      return result.ok ? { ok: true, data: { done: true as const } } : { ok: false, errors: result.errors };
    },
  }),
};
