import { signedIn } from '~/lib/server/context';
import { z } from 'astro/zod';
import { createFeedToken, revokeFeedToken } from '~/features/scheduling/feed-tokens.server';
import { scheduleRequest } from '~/features/scheduling/schedule-request.server';
import {
  type WriteResult,
  cancelActivity,
  createActivity,
  createTimeOff,
  deleteTimeOff,
  moveActivity,
  recordOutcome,
  undoMove,
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
import type { Permission } from '~/lib/policy';
import { formAction, jsonAction } from '~/lib/server/action';
import { config } from '~/lib/server/config';
import type { RequestContext } from '~/lib/server/context';

/** A scheduling write as the form shape: warnings on success; `needsOverride` for the reason field. */
function asForm(
  result: WriteResult<{ id: number; told?: { institution: string; notified: boolean } | null }>,
) {
  if (result.ok)
    return {
      ok: true as const,
      data: { id: result.data.id, warnings: result.warnings, told: result.data.told ?? null },
    };
  return {
    ok: false as const,
    errors: result.errors,
    formError: result.formError,
    needsOverride: result.needsOverride,
  };
}

/** Every activity form: `operatorIds` repeats; each runs in one transaction (retried on deadlock). */
function activityForm<S extends z.ZodType>(
  permission: Permission,
  input: S,
  area: string,
  run: (
    ctx: RequestContext,
    input: z.output<S>,
  ) => Promise<WriteResult<{ id: number; told?: { institution: string; notified: boolean } | null }>>,
) {
  return formAction({
    permission,
    input,
    area,
    multi: ['operatorIds'],
    write: true,
    run: async (ctx, data) => asForm(await run(ctx, data)),
  });
}

export const scheduling = {
  createActivity: activityForm('agenda.write', ActivitySchema, 'agenda', async (ctx, input) =>
    createActivity(signedIn(ctx), input),
  ),
  updateActivity: activityForm('agenda.write', UpdateActivitySchema, 'agenda', async (ctx, input) =>
    updateActivity(signedIn(ctx), input),
  ),
  cancelActivity: activityForm('agenda.write', CancelActivitySchema, 'agenda', async (ctx, input) =>
    cancelActivity(signedIn(ctx), input),
  ),
  recordOutcome: activityForm('agenda.write', OutcomeSchema, 'agenda', async (ctx, input) =>
    recordOutcome(signedIn(ctx), input),
  ),
  scheduleRequest: activityForm('agenda.plan', ScheduleRequestSchema, 'agenda', async (ctx, input) =>
    scheduleRequest(signedIn(ctx), input),
  ),
  createTimeOff: activityForm('agenda.write', TimeOffSchema, 'agenda', async (ctx, input) =>
    createTimeOff(signedIn(ctx), input),
  ),

  deleteTimeOff: formAction({
    permission: 'agenda.write',
    input: z.object({ id: z.coerce.number().int().positive() }),
    area: 'agenda',
    malformed: 'Ausencia no válida.',
    secret: 'all',
    write: true,
    run: async (ctx, input) => {
      // Whose absence it is stays inside the query (own, or any for planners).
      const deleted = await deleteTimeOff(signedIn(ctx), input.id);
      return deleted
        ? { ok: true, data: { deleted } }
        : { ok: false, formError: 'No encontramos esa ausencia o no es tuya.' };
    },
  }),

  /** Drag and resize from the calendar island (JSON). A refusal comes back as a message. */
  moveActivity: jsonAction({
    permission: 'agenda.write',
    input: z.object({
      id: z.number(),
      start: z.string(),
      end: z.string(),
      overrideReason: z.string().optional(),
      notify: z.boolean().optional(),
    }),
    area: 'agenda',
    write: true,
    onFailure: (message) => ({ ok: false as const, message, needsOverride: false }),
    run: async (
      ctx,
      raw,
    ): Promise<
      | {
          ok: true;
          warnings: string[];
          told: { institution: string; notified: boolean } | null;
          undo: { id: number; sequence: number; start: string; end: string };
        }
      | { ok: false; message: string; needsOverride: boolean }
    > => {
      const parsed = MoveActivitySchema.safeParse(raw);
      if (!parsed.success) return { ok: false, message: 'Fechas no válidas.', needsOverride: false };
      const r = await moveActivity(signedIn(ctx), parsed.data);
      if (r.ok)
        return {
          ok: true,
          warnings: r.warnings,
          told: r.data.told,
          undo: { id: r.data.id, sequence: r.data.sequence, ...r.data.previous },
        };
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
    },
  }),

  /** "Deshacer" after a drag: back to the previous slot, withdrawing the mail if it has not gone. */
  undoMove: jsonAction({
    permission: 'agenda.write',
    input: z.object({
      id: z.number().int().positive(),
      sequence: z.number().int().nonnegative(),
      start: z.iso.datetime({ offset: true }),
      end: z.iso.datetime({ offset: true }),
    }),
    area: 'agenda',
    write: true,
    onFailure: (message) => ({ ok: false as const, message }),
    run: async (
      ctx,
      input,
    ): Promise<
      | { ok: true; told: { institution: string; notified: boolean } | null; withdrawn: boolean }
      | { ok: false; message: string }
    > => {
      const r = await undoMove(signedIn(ctx), input);
      if (r.ok) return { ok: true, told: r.data.told, withdrawn: r.data.withdrawn };
      if (r.needsOverride)
        return { ok: false, message: `${r.shortfall} Abre la actividad para devolverla con un motivo.` };
      return { ok: false, message: r.formError ?? Object.values(r.errors)[0] ?? 'No se pudo deshacer.' };
    },
  }),

  createFeedToken: formAction({
    permission: 'profile.self',
    input: z.object({}),
    area: 'agenda',
    write: true,
    run: async (ctx) => {
      const token = await createFeedToken(ctx.db, ctx.user!.id, ctx.ip);
      return { ok: true, data: { url: `${config().publicUrl}/ical/${token}.ics` } };
    },
  }),

  revokeFeedToken: formAction({
    permission: 'profile.self',
    input: z.object({}),
    area: 'agenda',
    write: true,
    run: async (ctx) => ({
      ok: true,
      data: { revoked: await revokeFeedToken(ctx.db, ctx.user!.id, ctx.ip) },
    }),
  }),
};
