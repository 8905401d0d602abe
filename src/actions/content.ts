import { requireUser } from '~/lib/server/action-guard';
import { ActionError, defineAction } from 'astro:actions';
import type { ActionAPIContext } from 'astro:actions';
import { z } from 'astro/zod';
import { removeAsset } from '~/features/content/assets.server';
import { createCampaign, updateCampaign } from '~/features/content/campaigns.server';
import { CONTENT_EDITORS, addApprover, removeApprover } from '~/features/content/permissions.server';
import {
  addComment,
  createPost,
  movePost,
  transitionPost,
  updatePost,
} from '~/features/content/posts.server';
import {
  CampaignSchema,
  CommentSchema,
  MoveSchema,
  PostFormSchema,
  PostIdSchema,
  TransitionSchema,
} from '~/features/content/schemas';
import { parseLocalDateTime } from '~/lib/time';
import { t } from '~/i18n';
import { type FormResult, fieldErrors, formToObject, invalid, safeValues } from '~/lib/forms';
import { config } from '~/lib/server/config';
import { getDb } from '~/lib/server/db';
import { log } from '~/lib/server/log';

/** Every content action re-checks the role: operators read the calendar but change nothing. */
function dbFailure(values: Record<string, string | string[]>, where: string, error: unknown) {
  log.error({ area: `contenido`, err: error }, `${where}`);
  return invalid({}, safeValues(values), t('es', 'error.db'));
}

const notFound = () => new ActionError({ code: 'NOT_FOUND', message: 'Esa publicación ya no existe.' });
const meta = (ctx: ActionAPIContext) => ({ ip: ctx.locals.ip });

export const content = {
  createPost: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ id: number }>> => {
      const actor = requireUser(ctx, CONTENT_EDITORS);
      const values = formToObject(form, ['channels']);
      const parsed = PostFormSchema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), safeValues(values));
      try {
        const r = await createPost(await getDb(), actor, parsed.data, config().timeZone, meta(ctx));
        return r.ok ? { ok: true, data: r.data } : invalid(r.errors, safeValues(values), r.formError);
      } catch (error) {
        return dbFailure(values, 'crear publicación', error);
      }
    },
  }),

  updatePost: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ id: number; reopened: boolean }>> => {
      const actor = requireUser(ctx, CONTENT_EDITORS);
      const values = formToObject(form, ['channels']);
      const ids = PostIdSchema.safeParse(values);
      if (!ids.success) throw notFound();
      const parsed = PostFormSchema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), safeValues(values));
      try {
        const r = await updatePost(
          await getDb(),
          actor,
          ids.data.id,
          ids.data.version,
          parsed.data,
          config().timeZone,
          meta(ctx),
        );
        if (!r.ok && r.notFound) throw notFound();
        return r.ok ? { ok: true, data: r.data } : invalid(r.errors, safeValues(values), r.formError);
      } catch (error) {
        if (error instanceof ActionError) throw error;
        return dbFailure(values, 'guardar publicación', error);
      }
    },
  }),

  transition: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ id: number; status: string }>> => {
      const actor = requireUser(ctx, CONTENT_EDITORS);
      const values = formToObject(form);
      const parsed = TransitionSchema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), safeValues(values));
      try {
        const r = await transitionPost(await getDb(), actor, parsed.data, meta(ctx));
        if (!r.ok && r.notFound) throw notFound();
        return r.ok ? { ok: true, data: r.data } : invalid(r.errors, safeValues(values), r.formError);
      } catch (error) {
        if (error instanceof ActionError) throw error;
        return dbFailure(values, 'cambiar estado', error);
      }
    },
  }),

  comment: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ id: number }>> => {
      const actor = requireUser(ctx, CONTENT_EDITORS);
      const values = formToObject(form);
      const parsed = CommentSchema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), safeValues(values));
      try {
        const r = await addComment(await getDb(), actor, parsed.data.id, parsed.data.body);
        if (!r.ok && r.notFound) throw notFound();
        return r.ok ? { ok: true, data: r.data } : invalid(r.errors, safeValues(values), r.formError);
      } catch (error) {
        if (error instanceof ActionError) throw error;
        return dbFailure(values, 'comentar', error);
      }
    },
  }),

  removeAsset: defineAction({
    accept: 'form',
    input: z.object({ id: z.coerce.number().int().positive(), assetId: z.coerce.number().int().positive() }),
    handler: async (input, ctx): Promise<FormResult<{ removed: boolean }>> => {
      const actor = requireUser(ctx, CONTENT_EDITORS);
      try {
        return {
          ok: true,
          data: { removed: await removeAsset(await getDb(), actor, input.id, input.assetId, meta(ctx)) },
        };
      } catch (error) {
        return dbFailure({}, 'quitar recurso', error);
      }
    },
  }),

  /** Drag-and-drop from the calendar island (JSON). A refused move answers ok:false with the reason. */
  movePost: defineAction({
    input: MoveSchema,
    handler: async (input, ctx) => {
      const actor = requireUser(ctx, CONTENT_EDITORS);
      const local = /[zZ]|[+-]\d{2}:?\d{2}$/.test(input.start)
        ? null
        : parseLocalDateTime(input.start, config().timeZone);
      if (local && !local.ok) return { ok: false as const, message: local.error };
      const start = local ? local.value : new Date(input.start);
      if (Number.isNaN(start.getTime())) return { ok: false as const, message: 'Fecha no válida.' };
      try {
        return await movePost(
          await getDb(),
          actor,
          { id: input.id, version: input.version, start },
          meta(ctx),
        );
      } catch (error) {
        log.error({ area: 'contenido', err: error }, 'mover');
        return { ok: false as const, message: t('es', 'error.db') };
      }
    },
  }),

  saveCampaign: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ id: number }>> => {
      const actor = requireUser(ctx, CONTENT_EDITORS);
      const values = formToObject(form);
      const parsed = CampaignSchema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), safeValues(values));
      const id = Number(values.id);
      try {
        const db = await getDb();
        const r =
          Number.isInteger(id) && id > 0
            ? await updateCampaign(db, actor, id, parsed.data, meta(ctx))
            : await createCampaign(db, actor, parsed.data, meta(ctx));
        if (!r.ok && r.notFound)
          throw new ActionError({ code: 'NOT_FOUND', message: 'Esa campaña ya no existe.' });
        return r.ok ? { ok: true, data: { id: r.id } } : invalid(r.errors, safeValues(values), r.formError);
      } catch (error) {
        if (error instanceof ActionError) throw error;
        return dbFailure(values, 'guardar campaña', error);
      }
    },
  }),

  addApprover: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ done: true }>> => {
      const actor = requireUser(ctx, ['admin']);
      const userId = Number(form.get('userId'));
      if (!Number.isInteger(userId) || userId <= 0)
        return invalid({ userId: 'Elige a una persona de la lista.' }, {});
      try {
        const r = await addApprover(await getDb(), actor, userId, meta(ctx));
        return r.ok ? { ok: true, data: { done: true } } : invalid(r.errors, {});
      } catch (error) {
        return dbFailure({}, 'agregar aprobador', error);
      }
    },
  }),

  removeApprover: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ done: true }>> => {
      const actor = requireUser(ctx, ['admin']);
      const userId = Number(form.get('userId'));
      if (!Number.isInteger(userId) || userId <= 0)
        return invalid({ userId: 'Elige a una persona de la lista.' }, {});
      try {
        const r = await removeApprover(await getDb(), actor, userId, meta(ctx));
        return r.ok ? { ok: true, data: { done: true } } : invalid(r.errors, {});
      } catch (error) {
        return dbFailure({}, 'quitar aprobador', error);
      }
    },
  }),
};
