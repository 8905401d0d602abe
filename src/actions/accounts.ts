import { requireUser } from '~/lib/server/action-guard';
import { ActionError, defineAction } from 'astro:actions';
import {
  changePassword,
  createUser,
  login,
  requestPasswordReset,
  resendInvitation,
  setPasswordWithToken,
  updateUser,
} from '~/features/accounts/accounts.server';
import {
  ChangePasswordSchema,
  CreateUserSchema,
  ForgotPasswordSchema,
  LoginSchema,
  SetPasswordSchema,
  UpdateUserSchema,
} from '~/features/accounts/schemas';
import { t } from '~/i18n';
import { SESSION_COOKIE, sessionCookieOptions } from '~/lib/server/auth/session';
import { config } from '~/lib/server/config';
import { getDb } from '~/lib/server/db';
import { isHttps } from '~/lib/server/request';
import { getSettings } from '~/lib/server/settings';
import { type FormResult, fieldErrors, formToObject, invalid, safeValues } from '~/lib/forms';
import { safeNext } from '~/lib/safe-next';
import { log } from '~/lib/server/log';

async function mailContext(db: Awaited<ReturnType<typeof getDb>>) {
  const settings = await getSettings(db);
  return { publicUrl: config().publicUrl, orgName: settings.orgName };
}

/** A database that cannot be reached is said so, and what was typed is kept. */
function dbFailure(values: Record<string, string | string[]>, secret: string[] = []) {
  return invalid({}, safeValues(values, secret), t('es', 'error.db'));
}

export const accounts = {
  login: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ redirect: string }>> => {
      const values = formToObject(form);
      const parsed = LoginSchema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), safeValues(values, ['password']));
      try {
        const db = await getDb();
        const result = await login(db, parsed.data.email, parsed.data.password, {
          ip: ctx.locals.ip,
          userAgent: ctx.request.headers.get('user-agent'),
        });
        if (!result.ok) {
          const message =
            result.reason === 'throttled'
              ? t('es', 'login.throttled', { minutes: result.minutes })
              : t('es', 'login.invalid');
          return invalid({}, safeValues(values, ['password']), message);
        }
        ctx.cookies.set(
          SESSION_COOKIE,
          result.token,
          sessionCookieOptions(isHttps(ctx.request), result.expiresAt),
        );
        return { ok: true, data: { redirect: safeNext(parsed.data.next) } };
      } catch (error) {
        log.error({ area: 'login', err: error }, 'error de base de datos');
        return dbFailure(values, ['password']);
      }
    },
  }),

  createUser: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ id: number }>> => {
      const actor = requireUser(ctx, ['admin']);
      const values = formToObject(form);
      const parsed = CreateUserSchema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), safeValues(values));
      try {
        const db = await getDb();
        const result = await createUser(db, actor, parsed.data, { ip: ctx.locals.ip }, await mailContext(db));
        return result.ok ? { ok: true, data: { id: result.id } } : invalid(result.errors, safeValues(values));
      } catch (error) {
        log.error({ area: 'usuarios', err: error }, 'error al crear');
        return dbFailure(values);
      }
    },
  }),

  updateUser: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ id: number }>> => {
      const actor = requireUser(ctx, ['admin']);
      const values = formToObject(form);
      const parsed = UpdateUserSchema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), safeValues(values));
      try {
        const result = await updateUser(await getDb(), actor, parsed.data, { ip: ctx.locals.ip });
        if (!result.ok && result.notFound)
          throw new ActionError({ code: 'NOT_FOUND', message: 'Esa cuenta no existe.' });
        return result.ok
          ? { ok: true, data: { id: parsed.data.id } }
          : invalid(result.errors, safeValues(values));
      } catch (error) {
        if (error instanceof ActionError) throw error;
        log.error({ area: 'usuarios', err: error }, 'error al guardar');
        return dbFailure(values);
      }
    },
  }),

  resendInvitation: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ sent: boolean }>> => {
      const actor = requireUser(ctx, ['admin']);
      const id = Number(form.get('id'));
      if (!Number.isInteger(id) || id <= 0)
        throw new ActionError({ code: 'BAD_REQUEST', message: 'Cuenta no válida.' });
      try {
        const db = await getDb();
        const sent = await resendInvitation(db, actor, id, { ip: ctx.locals.ip }, await mailContext(db));
        return sent
          ? { ok: true, data: { sent } }
          : invalid({}, {}, 'La cuenta está desactivada: actívala antes de enviar un enlace.');
      } catch (error) {
        log.error({ area: 'usuarios', err: error }, 'error al reenviar');
        return dbFailure({});
      }
    },
  }),

  forgotPassword: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ sent: true }>> => {
      const values = formToObject(form);
      const parsed = ForgotPasswordSchema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), safeValues(values));
      try {
        const db = await getDb();
        const result = await requestPasswordReset(
          db,
          parsed.data.email,
          { ip: ctx.locals.ip },
          await mailContext(db),
        );
        if (result.throttled)
          return invalid(
            {},
            safeValues(values),
            'Hubo demasiadas solicitudes desde esta conexión. Espera una hora y vuelve a intentarlo.',
          );
        return { ok: true, data: { sent: true } };
      } catch (error) {
        log.error({ area: 'contraseña', err: error }, 'error al pedir enlace');
        return dbFailure(values);
      }
    },
  }),

  setPassword: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ done: true }> & { expired?: boolean }> => {
      const values = formToObject(form);
      const parsed = SetPasswordSchema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), {});
      try {
        const result = await setPasswordWithToken(await getDb(), parsed.data.token, parsed.data.password, {
          ip: ctx.locals.ip,
        });
        if (result.ok) return { ok: true, data: { done: true } };
        if (result.expired)
          return { ...invalid({}, {}, 'Este enlace ya se usó o venció. Pide uno nuevo.'), expired: true };
        return invalid(result.errors, {});
      } catch (error) {
        log.error({ area: 'contraseña', err: error }, 'error al guardar');
        return dbFailure({});
      }
    },
  }),

  changePassword: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ done: true }>> => {
      const user = requireUser(ctx, ['admin', 'supervisor', 'operator', 'comms']);
      const values = formToObject(form);
      const parsed = ChangePasswordSchema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), {});
      try {
        const result = await changePassword(
          await getDb(),
          user,
          ctx.locals.session!.id,
          parsed.data.current,
          parsed.data.password,
          { ip: ctx.locals.ip },
        );
        return result.ok ? { ok: true, data: { done: true } } : invalid(result.errors, {});
      } catch (error) {
        log.error({ area: 'contraseña', err: error }, 'error al cambiar');
        return dbFailure({});
      }
    },
  }),
};
