import { PUBLIC, requirePermission } from '~/lib/server/action-guard';
import { ActionError, defineAction } from 'astro:actions';
import type { Db } from '~db/client';
import { saveWorkshop } from '~/features/requests/catalogue.server';
import {
  cancelByRequester,
  changeStatusByStaff,
  evaluateRequest,
} from '~/features/requests/lifecycle.server';
import type { MailContext } from '~/features/requests/mails';
import { type SubmitData, submitRequest } from '~/features/requests/requests.server';
import {
  CancelSchema,
  EvaluationSchema,
  StatusChangeSchema,
  WorkshopSchema,
} from '~/features/requests/schemas';
import { type Locale, t } from '~/i18n';
import { type FormResult, fieldErrors, formToObject, invalid, safeValues } from '~/lib/forms';
import { config } from '~/lib/server/config';
import { getDb } from '~/lib/server/db';
import { getSettings } from '~/lib/server/settings';

export async function requestMailContext(db: Db): Promise<MailContext> {
  const s = await getSettings(db);
  return {
    publicUrl: config().publicUrl,
    orgName: s.orgName,
    phone: s.hotlinePhone,
    timeZone: config().timeZone,
  };
}

/**
 * What to log about a failure: the error's kind and PostgreSQL code, never its message — a
 * failed query's message carries its parameters, i.e. the requester's personal data.
 */
function logSafe(error: unknown): string {
  if (!(error instanceof Error)) return 'error desconocido';
  const cause = (error as { cause?: { code?: string; constraint_name?: string; constraint?: string } }).cause;
  return [error.name, cause?.code, cause?.constraint_name ?? cause?.constraint].filter(Boolean).join(' ');
}

function dbFailure(values: Record<string, string | string[]>, locale: Locale = 'es') {
  return invalid({}, safeValues(values), t(locale, 'error.db'));
}

const TRANSITION_MESSAGES = {
  not_found: 'Esa solicitud no existe.',
  not_allowed:
    'Ese cambio de estado no está permitido desde el estado actual (quizá alguien más la cambió). Recarga la página.',
  reason_required: 'Escribe el motivo: se le mostrará a quien hizo la solicitud.',
} as const;

export const requests = {
  /** The public form. Also the path the property test drives (through submitRequest). */
  submit: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<SubmitData>> => {
      requirePermission(ctx, PUBLIC);
      const values = formToObject(form, ['topics']);
      const locale: Locale = values.locale === 'en' ? 'en' : 'es';
      try {
        const db = await getDb();
        return await submitRequest(db, values, {
          ip: ctx.locals.ip,
          locale,
          mail: await requestMailContext(db),
        });
      } catch (error) {
        console.error('[solicitudes] error al guardar:', logSafe(error));
        return dbFailure(values, locale);
      }
    },
  }),

  cancel: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ cancelled: true }>> => {
      requirePermission(ctx, PUBLIC);
      const values = formToObject(form);
      const parsed = CancelSchema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), safeValues(values, ['token']));
      try {
        const db = await getDb();
        const result = await cancelByRequester(
          db,
          parsed.data.token,
          parsed.data.reason,
          { ip: ctx.locals.ip },
          await requestMailContext(db),
        );
        if (result.ok) return { ok: true, data: { cancelled: true } };
        if (result.reason === 'not_found')
          throw new ActionError({ code: 'NOT_FOUND', message: 'No encontramos esta solicitud.' });
        return invalid({}, safeValues(values, ['token']), t('es', 'st.cannotCancel'));
      } catch (error) {
        if (error instanceof ActionError) throw error;
        console.error('[solicitudes] error al cancelar:', logSafe(error));
        return dbFailure(safeValues(values, ['token']));
      }
    },
  }),

  evaluate: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ saved: true }>> => {
      requirePermission(ctx, PUBLIC);
      const values = formToObject(form);
      const parsed = EvaluationSchema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), safeValues(values, ['token']));
      try {
        const result = await evaluateRequest(await getDb(), parsed.data);
        if (result.ok) return { ok: true, data: { saved: true } };
        if (result.reason === 'not_found')
          throw new ActionError({ code: 'NOT_FOUND', message: 'No encontramos esta solicitud.' });
        const message = result.reason === 'already' ? t('es', 'st.evalAlready') : t('es', 'st.evalNotYet');
        return invalid({}, safeValues(values, ['token']), message);
      } catch (error) {
        if (error instanceof ActionError) throw error;
        console.error('[solicitudes] error al evaluar:', logSafe(error));
        return dbFailure(safeValues(values, ['token']));
      }
    },
  }),

  changeStatus: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ id: number }>> => {
      const actor = requirePermission(ctx, 'requests.manage');
      const values = formToObject(form);
      const parsed = StatusChangeSchema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), safeValues(values));
      try {
        const db = await getDb();
        const result = await changeStatusByStaff(
          db,
          actor,
          parsed.data,
          { ip: ctx.locals.ip },
          await requestMailContext(db),
        );
        if (result.ok) return { ok: true, data: { id: parsed.data.id } };
        if (result.reason === 'reason_required')
          return invalid({ reason: TRANSITION_MESSAGES.reason_required }, safeValues(values));
        return invalid({}, safeValues(values), TRANSITION_MESSAGES[result.reason]);
      } catch (error) {
        console.error('[solicitudes] error al cambiar estado:', logSafe(error));
        return dbFailure(values);
      }
    },
  }),

  saveWorkshop: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ id: number }>> => {
      const actor = requirePermission(ctx, 'admin.catalogue');
      const values = formToObject(form);
      const parsed = WorkshopSchema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), safeValues(values));
      try {
        const result = await saveWorkshop(await getDb(), actor, parsed.data, { ip: ctx.locals.ip });
        if (!result.ok && result.notFound) return invalid({}, safeValues(values), 'Ese taller no existe.');
        return result.ok ? { ok: true, data: { id: result.id } } : invalid(result.errors, safeValues(values));
      } catch (error) {
        console.error('[catálogo] error al guardar:', logSafe(error));
        return dbFailure(values);
      }
    },
  }),
};
