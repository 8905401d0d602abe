import { z } from 'astro/zod';
import { removeAsset } from '~/features/content/assets.server';
import { createCampaign, updateCampaign } from '~/features/content/campaigns.server';
import { addApprover, removeApprover } from '~/features/content/permissions.server';
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
import { formAction, jsonAction, notFound } from '~/lib/server/action';
import type { RequestContext } from '~/lib/server/context';

/**
 * Content writes. Operators read the calendar but change nothing ('content.edit'); who may
 * approve is the policy's 'content.approve', asked inside transitionPost with the approver list.
 */
const postNotFound = () => notFound('Esa publicación ya no existe.');
const meta = (ctx: RequestContext) => ({ ip: ctx.ip });

type Saved<T> =
  | { ok: true; data: T }
  | { ok: false; errors: Record<string, string>; formError?: string; notFound?: boolean };
/** A content save as the form shape; a post that is gone answers "not found". */
function asForm<T>(r: Saved<T>) {
  if (r.ok) return { ok: true as const, data: r.data };
  if (r.notFound) throw postNotFound();
  return { ok: false as const, errors: r.errors, formError: r.formError };
}

const ApproverSchema = z.object({
  userId: z.coerce
    .number({ error: 'Elige a una persona de la lista.' })
    .int({ error: 'Elige a una persona de la lista.' })
    .positive({ error: 'Elige a una persona de la lista.' }),
});

export const content = {
  createPost: formAction({
    permission: 'content.edit',
    input: PostFormSchema,
    area: 'contenido',
    multi: ['channels'],
    write: true,
    run: async (ctx, input) => asForm(await createPost(ctx.db, ctx.user!, input, ctx.zone, meta(ctx))),
  }),

  updatePost: formAction({
    permission: 'content.edit',
    input: PostFormSchema,
    area: 'contenido',
    multi: ['channels'],
    write: true,
    run: async (ctx, input, typed) => {
      const ids = PostIdSchema.safeParse(typed);
      if (!ids.success) throw postNotFound();
      return asForm(
        await updatePost(ctx.db, ctx.user!, ids.data.id, ids.data.version, input, ctx.zone, meta(ctx)),
      );
    },
  }),

  transition: formAction({
    permission: 'content.edit',
    input: TransitionSchema,
    area: 'contenido',
    write: true,
    run: async (ctx, input) => asForm(await transitionPost(ctx.db, ctx.user!, input, meta(ctx))),
  }),

  comment: formAction({
    permission: 'content.edit',
    input: CommentSchema,
    area: 'contenido',
    write: true,
    run: async (ctx, input) => asForm(await addComment(ctx.db, ctx.user!, input.id, input.body)),
  }),

  removeAsset: formAction({
    permission: 'content.edit',
    input: z.object({ id: z.coerce.number().int().positive(), assetId: z.coerce.number().int().positive() }),
    area: 'contenido',
    malformed: 'Recurso no válido.',
    secret: 'all',
    write: true,
    run: async (ctx, input) => ({
      ok: true,
      data: { removed: await removeAsset(ctx.db, ctx.user!, input.id, input.assetId, meta(ctx)) },
    }),
  }),

  /** Drag-and-drop from the calendar island (JSON). A refused move answers ok:false with the reason. */
  movePost: jsonAction({
    permission: 'content.edit',
    input: MoveSchema,
    area: 'contenido',
    write: true,
    onFailure: (message) => ({ ok: false as const, message }),
    run: async (ctx, input) => {
      const local = /[zZ]|[+-]\d{2}:?\d{2}$/.test(input.start)
        ? null
        : parseLocalDateTime(input.start, ctx.zone);
      if (local && !local.ok) return { ok: false as const, message: local.error };
      const start = local ? local.value : new Date(input.start);
      if (Number.isNaN(start.getTime())) return { ok: false as const, message: 'Fecha no válida.' };
      return movePost(ctx.db, ctx.user!, { id: input.id, version: input.version, start }, meta(ctx));
    },
  }),

  saveCampaign: formAction({
    permission: 'content.edit',
    input: CampaignSchema,
    area: 'contenido',
    write: true,
    run: async (ctx, input, typed) => {
      const id = Number(typed.id);
      const r =
        Number.isInteger(id) && id > 0
          ? await updateCampaign(ctx.db, ctx.user!, id, input, meta(ctx))
          : await createCampaign(ctx.db, ctx.user!, input, meta(ctx));
      if (r.ok) return { ok: true, data: { id: r.id } };
      if (r.notFound) throw notFound('Esa campaña ya no existe.');
      return { ok: false, errors: r.errors, formError: r.formError };
    },
  }),

  addApprover: formAction({
    permission: 'content.approvers',
    input: ApproverSchema,
    area: 'contenido',
    secret: 'all',
    write: true,
    run: async (ctx, input) => {
      const r = await addApprover(ctx.db, ctx.user!, input.userId, meta(ctx));
      return r.ok ? { ok: true, data: { done: true as const } } : { ok: false, errors: r.errors };
    },
  }),

  removeApprover: formAction({
    permission: 'content.approvers',
    input: ApproverSchema,
    area: 'contenido',
    secret: 'all',
    write: true,
    run: async (ctx, input) => {
      const r = await removeApprover(ctx.db, ctx.user!, input.userId, meta(ctx));
      return r.ok ? { ok: true, data: { done: true as const } } : { ok: false, errors: r.errors };
    },
  }),
};
