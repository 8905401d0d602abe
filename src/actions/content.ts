import { signedIn } from '~/lib/server/context';
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

/**
 * Content writes. Operators read the calendar but change nothing ('content.edit'); who may
 * approve is the policy's 'content.approve', asked inside transitionPost with the approver list.
 */
const postNotFound = () => notFound('Esa publicación ya no existe.');

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
    run: async (ctx, input) => asForm(await createPost(signedIn(ctx), input)),
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
      return asForm(await updatePost(signedIn(ctx), ids.data.id, ids.data.version, input));
    },
  }),

  transition: formAction({
    permission: 'content.edit',
    input: TransitionSchema,
    area: 'contenido',
    write: true,
    run: async (ctx, input) => asForm(await transitionPost(signedIn(ctx), input)),
  }),

  comment: formAction({
    permission: 'content.edit',
    input: CommentSchema,
    area: 'contenido',
    write: true,
    run: async (ctx, input) => asForm(await addComment(signedIn(ctx), input.id, input.body)),
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
      data: { removed: await removeAsset(signedIn(ctx), input.id, input.assetId) },
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
      return movePost(signedIn(ctx), { id: input.id, version: input.version, start });
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
          ? await updateCampaign(signedIn(ctx), id, input)
          : await createCampaign(signedIn(ctx), input);
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
      const r = await addApprover(signedIn(ctx), input.userId);
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
      const r = await removeApprover(signedIn(ctx), input.userId);
      return r.ok ? { ok: true, data: { done: true as const } } : { ok: false, errors: r.errors };
    },
  }),
};
