import { requirePermission } from '~/lib/server/action-guard';
import { ActionError, defineAction } from 'astro:actions';
import type { ActionAPIContext } from 'astro:actions';
import { z } from 'astro/zod';
import { createFeedToken, revokeFeedToken } from '~/features/scheduling/feed-tokens.server';
import type { MailCtx } from '~/features/scheduling/request-link.server';
import { scheduleRequest } from '~/features/scheduling/schedule-request.server';
import {
  type WriteResult,
  cancelActivity,
  createActivity,
  createTimeOff,
  deleteTimeOff,
  moveActivity,
  recordOutcome,
  updateActivity,
} from '~/features/scheduling/scheduling.server';
import {
  ActivitySchema,
  CancelActivitySchema,
  MoveActivitySchema,
  OutcomeSchema,
  ScheduleRequestSchema,
  TimeOffSchema,
  UpdateActivitySchema,
} from '~/features/scheduling/schemas';
import { t } from '~/i18n';
import { type FormResult, fieldErrors, formToObject, invalid, safeValues } from '~/lib/forms';
import { config } from '~/lib/server/config';
import { getDb } from '~/lib/server/db';
import { getSettings } from '~/lib/server/settings';

import type { Permission } from '~/lib/policy';

function requireUser(ctx: ActionAPIContext, permission: Permission) {
  const user = requirePermission(ctx, permission);
  return { id: user.id, role: user.role, name: user.name };
}

async function mailCtx(): Promise<MailCtx> {
  const settings = await getSettings(await getDb());
  return { publicUrl: config().publicUrl, orgName: settings.orgName, phone: settings.hotlinePhone };
}

type Saved = { id: number; warnings: string[] };
type FormOutcome = FormResult<Saved> & { needsOverride?: boolean };

/** A domain result as the form shape: messages by field, what was typed kept. */
function asForm(result: WriteResult<{ id: number }>, values: Record<string, string | string[]>): FormOutcome {
  if (result.ok) return { ok: true, data: { id: result.data.id, warnings: result.warnings } };
  const out: FormOutcome = invalid(result.errors, safeValues(values), result.formError);
  if (result.needsOverride) out.needsOverride = true;
  return out;
}

function dbFailure(scope: string, error: unknown, values: Record<string, string | string[]>): FormOutcome {
  console.error(`[agenda] ${scope}:`, error instanceof Error ? error.message : error);
  return invalid({}, safeValues(values), t('es', 'error.db'));
}

/** The common path of every form action here: role, parse, run, map. */
function formAction<S extends z.ZodType>(
  permission: Permission,
  schema: S,
  scope: string,
  run: (
    actor: ReturnType<typeof requireUser>,
    input: z.output<S>,
    ctx: ActionAPIContext,
  ) => Promise<WriteResult<{ id: number }>>,
) {
  return defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormOutcome> => {
      const actor = requireUser(ctx, permission);
      const values = formToObject(form, ['operatorIds']);
      const parsed = schema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), safeValues(values));
      try {
        return asForm(await run(actor, parsed.data, ctx), values);
      } catch (error) {
        return dbFailure(scope, error, values);
      }
    },
  });
}

const meta = (ctx: ActionAPIContext) => ({ ip: ctx.locals.ip });
const zone = () => config().timeZone;

export const scheduling = {
  createActivity: formAction('agenda.write', ActivitySchema, 'crear', async (actor, input, ctx) =>
    createActivity(await getDb(), actor, input, meta(ctx), zone()),
  ),
  updateActivity: formAction('agenda.write', UpdateActivitySchema, 'editar', async (actor, input, ctx) =>
    updateActivity(await getDb(), actor, input, meta(ctx), await mailCtx(), zone()),
  ),
  cancelActivity: formAction('agenda.write', CancelActivitySchema, 'cancelar', async (actor, input, ctx) =>
    cancelActivity(await getDb(), actor, input, meta(ctx), await mailCtx()),
  ),
  recordOutcome: formAction('agenda.write', OutcomeSchema, 'resultado', async (actor, input, ctx) =>
    recordOutcome(await getDb(), actor, input, meta(ctx)),
  ),
  scheduleRequest: formAction('agenda.plan', ScheduleRequestSchema, 'programar', async (actor, input, ctx) =>
    scheduleRequest(await getDb(), actor, input, meta(ctx), await mailCtx(), zone()),
  ),
  createTimeOff: formAction('agenda.write', TimeOffSchema, 'ausencia', async (actor, input, ctx) =>
    createTimeOff(await getDb(), actor, input, meta(ctx), zone()),
  ),

  deleteTimeOff: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ deleted: boolean }>> => {
      const actor = requireUser(ctx, 'agenda.write');
      const id = Number(form.get('id'));
      if (!Number.isInteger(id) || id <= 0)
        throw new ActionError({ code: 'BAD_REQUEST', message: 'Ausencia no válida.' });
      try {
        const deleted = await deleteTimeOff(await getDb(), actor, id, meta(ctx));
        return deleted
          ? { ok: true, data: { deleted } }
          : invalid({}, {}, 'No encontramos esa ausencia o no es tuya.');
      } catch (error) {
        console.error('[agenda] borrar ausencia:', error instanceof Error ? error.message : error);
        return invalid({}, {}, t('es', 'error.db'));
      }
    },
  }),

  /** Drag and resize from the calendar island (JSON). A refusal comes back as a message. */
  moveActivity: defineAction({
    input: z.object({
      id: z.number(),
      start: z.string(),
      end: z.string(),
      overrideReason: z.string().optional(),
    }),
    handler: async (
      raw,
      ctx,
    ): Promise<{ ok: true; warnings: string[] } | { ok: false; message: string; needsOverride: boolean }> => {
      const actor = requireUser(ctx, 'agenda.write');
      const parsed = MoveActivitySchema.safeParse(raw);
      if (!parsed.success) return { ok: false, message: 'Fechas no válidas.', needsOverride: false };
      try {
        const r = await moveActivity(await getDb(), actor, parsed.data, meta(ctx), await mailCtx(), zone());
        if (r.ok) return { ok: true, warnings: r.warnings };
        if (r.needsOverride)
          return {
            ok: false,
            message: `${r.shortfall} Para autorizar la excepción, abre la actividad y cámbiala con un motivo.`,
            needsOverride: true,
          };
        return {
          ok: false,
          message: r.formError ?? Object.values(r.errors)[0] ?? 'No se pudo mover.',
          needsOverride: false,
        };
      } catch (error) {
        console.error('[agenda] mover:', error instanceof Error ? error.message : error);
        return { ok: false, message: t('es', 'error.db'), needsOverride: false };
      }
    },
  }),

  createFeedToken: defineAction({
    accept: 'form',
    handler: async (_form, ctx): Promise<FormResult<{ url: string }>> => {
      const actor = requireUser(ctx, 'profile.self');
      try {
        const token = await createFeedToken(await getDb(), actor.id, ctx.locals.ip);
        return { ok: true, data: { url: `${config().publicUrl}/ical/${token}.ics` } };
      } catch (error) {
        console.error('[agenda] crear enlace de calendario:', error instanceof Error ? error.message : error);
        return invalid({}, {}, t('es', 'error.db'));
      }
    },
  }),

  revokeFeedToken: defineAction({
    accept: 'form',
    handler: async (_form, ctx): Promise<FormResult<{ revoked: boolean }>> => {
      const actor = requireUser(ctx, 'profile.self');
      try {
        return { ok: true, data: { revoked: await revokeFeedToken(await getDb(), actor.id, ctx.locals.ip) } };
      } catch (error) {
        console.error(
          '[agenda] revocar enlace de calendario:',
          error instanceof Error ? error.message : error,
        );
        return invalid({}, {}, t('es', 'error.db'));
      }
    },
  }),
};
