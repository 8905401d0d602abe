import type { StaffContext } from '~/lib/server/context';
import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '~db/client';
import {
  type ContentStatus,
  contentAssets,
  contentCampaigns,
  contentPostHistory,
  contentPosts,
  users,
} from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import { CONTENT_EDITORS, type ContentActor, contentPermissions } from './permissions.server';
import type { Filters, PostFormInput, TransitionInput } from './schemas';
import { APPROVED_STATUSES, FROZEN_STATUSES, STATUS_LABELS, type Status, findTransition } from './status';
import { type Parsed, parseLocalDateTime } from '~/lib/time';

export interface Meta {
  ip: string | null;
}

export type PostResult<T = { id: number }> =
  | { ok: true; data: T }
  | { ok: false; errors: Record<string, string>; formError?: string; notFound?: boolean };

const fail = (formError: string, errors: Record<string, string> = {}): PostResult<never> => ({
  ok: false,
  errors,
  formError,
});
const STALE =
  'Alguien más cambió esta publicación mientras la tenías abierta. Recarga la página para ver la versión actual.';

const assignee = alias(users, 'assignee');

/** Posts for the calendar, board and export, with their campaign and assignee. */
export async function listPosts(db: Executor, filters: Filters & { from?: Date; to?: Date } = {}) {
  const where = [
    filters.from ? gte(contentPosts.plannedAt, filters.from) : undefined,
    filters.to ? lt(contentPosts.plannedAt, filters.to) : undefined,
    filters.campana ? eq(contentPosts.campaignId, filters.campana) : undefined,
    filters.canal ? sql`${filters.canal}::content_channel = any(${contentPosts.channels})` : undefined,
    filters.responsable ? eq(contentPosts.assigneeId, filters.responsable) : undefined,
    filters.estado ? eq(contentPosts.status, filters.estado) : undefined,
  ].filter((w) => w !== undefined);
  return db
    .select({
      id: contentPosts.id,
      title: contentPosts.title,
      status: contentPosts.status,
      channels: contentPosts.channels,
      plannedAt: contentPosts.plannedAt,
      copy: contentPosts.copy,
      language: contentPosts.language,
      version: contentPosts.version,
      campaignId: contentPosts.campaignId,
      campaignName: contentCampaigns.name,
      campaignColor: contentCampaigns.color,
      assigneeId: contentPosts.assigneeId,
      assigneeName: assignee.name,
      promotesKind: contentPosts.promotesKind,
      promotesTitle: contentPosts.promotesTitle,
      seriesRole: contentPosts.seriesRole,
      publishedUrl: contentPosts.publishedUrl,
      publishedWhere: contentPosts.publishedWhere,
    })
    .from(contentPosts)
    .leftJoin(contentCampaigns, eq(contentCampaigns.id, contentPosts.campaignId))
    .leftJoin(assignee, eq(assignee.id, contentPosts.assigneeId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(contentPosts.plannedAt), asc(contentPosts.id));
}
export type PostRow = Awaited<ReturnType<typeof listPosts>>[number];

/** One post with everything its page shows: history (comments included) and assets. */
export async function getPost(db: Executor, id: number) {
  const publisher = alias(users, 'publisher');
  const [post] = await db
    .select({
      post: contentPosts,
      campaignName: contentCampaigns.name,
      campaignColor: contentCampaigns.color,
      assigneeName: assignee.name,
      publishedByName: publisher.name,
    })
    .from(contentPosts)
    .leftJoin(contentCampaigns, eq(contentCampaigns.id, contentPosts.campaignId))
    .leftJoin(assignee, eq(assignee.id, contentPosts.assigneeId))
    .leftJoin(publisher, eq(publisher.id, contentPosts.publishedById))
    .where(eq(contentPosts.id, id));
  if (!post) return null;
  const history = await db
    .select({
      id: contentPostHistory.id,
      kind: contentPostHistory.kind,
      fromStatus: contentPostHistory.fromStatus,
      toStatus: contentPostHistory.toStatus,
      body: contentPostHistory.body,
      at: contentPostHistory.at,
      actorName: users.name,
    })
    .from(contentPostHistory)
    .leftJoin(users, eq(users.id, contentPostHistory.actorUserId))
    .where(eq(contentPostHistory.postId, id))
    .orderBy(desc(contentPostHistory.at), desc(contentPostHistory.id));
  const assets = await db
    .select({
      id: contentAssets.id,
      altText: contentAssets.altText,
      url: contentAssets.url,
      filename: contentAssets.filename,
      mimeType: contentAssets.mimeType,
      sizeBytes: contentAssets.sizeBytes,
    })
    .from(contentAssets)
    .where(eq(contentAssets.postId, id))
    .orderBy(asc(contentAssets.id));
  return { ...post, history, assets };
}

/** The assignee must be someone who can work on content, and the campaign must exist. */
async function checkReferences(db: Executor, input: PostFormInput): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  if (input.assigneeId !== null) {
    const [u] = await db
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(users.id, input.assigneeId),
          eq(users.active, true),
          inArray(users.role, [...CONTENT_EDITORS]),
        ),
      );
    if (!u) errors.assigneeId = 'Elige a una persona activa de Comunicación, Supervisión o Coordinación.';
  }
  if (input.campaignId !== null) {
    const [c] = await db
      .select({ id: contentCampaigns.id })
      .from(contentCampaigns)
      .where(eq(contentCampaigns.id, input.campaignId));
    if (!c) errors.campaignId = 'Esa campaña ya no existe: elige otra.';
  }
  return errors;
}

function plannedInstant(input: PostFormInput, timeZone: string): Parsed<Date> {
  return parseLocalDateTime(input.plannedAt, timeZone);
}

/**
 * Where a post may be planned, for the form and for drag-and-drop alike: not in the past
 * (a minute of grace for slow submits), and a series post on the right side of its event.
 * Returns the reason in Spanish, or null when the date is fine.
 */
export function plannedAtProblem(
  post: {
    seriesRole: 'announce' | 'reminder' | 'recap' | null;
    promotesStart: Date | null;
    promotesTitle: string | null;
  },
  start: Date,
  now: Date,
): string | null {
  if (start.getTime() < now.getTime() - 60_000) return 'No se puede programar una publicación en el pasado.';
  if (post.promotesStart && post.seriesRole) {
    const before = post.seriesRole === 'announce' || post.seriesRole === 'reminder';
    if (before && start >= post.promotesStart)
      return `Este aviso debe salir antes de «${post.promotesTitle ?? 'la actividad'}».`;
    if (!before && start <= post.promotesStart)
      return `El resumen debe salir después de «${post.promotesTitle ?? 'la actividad'}».`;
  }
  return null;
}

export async function createPost(ctx: StaffContext<ContentActor>, input: PostFormInput): Promise<PostResult> {
  const db = ctx.db;
  const actor = ctx.user;
  const timeZone = ctx.zone;
  const meta = { ip: ctx.ip };
  if (!CONTENT_EDITORS.includes(actor.role))
    return fail('Tu rol solo puede consultar el calendario de contenido.');
  const planned = plannedInstant(input, timeZone);
  if (!planned.ok) return { ok: false, errors: { plannedAt: planned.error } };
  const plannedAt = planned.value;
  const problem = plannedAtProblem(
    { seriesRole: null, promotesStart: null, promotesTitle: null },
    plannedAt,
    new Date(),
  );
  if (problem) return { ok: false, errors: { plannedAt: problem } };
  return db.transaction(async (tx) => {
    const errors = await checkReferences(tx, input);
    if (Object.keys(errors).length) return { ok: false, errors };
    // Copy already written means work has started: a draft rather than an idea.
    const [created] = await tx
      .insert(contentPosts)
      .values({
        title: input.title,
        campaignId: input.campaignId,
        channels: input.channels,
        plannedAt,
        copy: input.copy,
        variants: input.variants,
        language: input.language,
        assigneeId: input.assigneeId,
        status: input.copy.trim() ? 'draft' : 'idea',
        createdById: actor.id,
      })
      .returning({ id: contentPosts.id, status: contentPosts.status });
    await tx
      .insert(contentPostHistory)
      .values({ postId: created!.id, kind: 'created', toStatus: created!.status, actorUserId: actor.id });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'content.post.create',
      entity: 'content_post',
      entityId: created!.id,
      ip: meta.ip,
    });
    return { ok: true, data: { id: created!.id } };
  });
}

async function lockPost(tx: Executor, id: number) {
  const [post] = await tx.select().from(contentPosts).where(eq(contentPosts.id, id)).for('update');
  return post ?? null;
}

/**
 * Saves the form. Changing the words or channels of a post that was already approved sends it
 * back to draft: an approval covers the text that was reviewed, not whatever comes later.
 * A series post edited by hand stops following its event.
 */
export async function updatePost(
  ctx: StaffContext<ContentActor>,
  id: number,
  version: number,
  input: PostFormInput,
): Promise<PostResult<{ id: number; reopened: boolean }>> {
  const db = ctx.db;
  const actor = ctx.user;
  const timeZone = ctx.zone;
  const meta = { ip: ctx.ip };
  if (!CONTENT_EDITORS.includes(actor.role))
    return fail('Tu rol solo puede consultar el calendario de contenido.');
  const planned = plannedInstant(input, timeZone);
  if (!planned.ok) return { ok: false, errors: { plannedAt: planned.error } };
  const plannedAt = planned.value;
  return db.transaction(async (tx) => {
    const post = await lockPost(tx, id);
    if (!post) return { ok: false, errors: {}, notFound: true };
    if (post.version !== version) return fail(STALE);
    if (FROZEN_STATUSES.includes(post.status))
      return fail(`Una publicación ${STATUS_LABELS[post.status].toLowerCase()} ya no se edita.`);
    const errors = await checkReferences(tx, input);
    if (Object.keys(errors).length) return { ok: false, errors };
    const wordsChanged =
      post.copy !== input.copy ||
      JSON.stringify(sortKeys(post.variants)) !== JSON.stringify(sortKeys(input.variants)) ||
      [...post.channels].sort().join() !== [...input.channels].sort().join() ||
      post.language !== input.language;
    const reopened = wordsChanged && APPROVED_STATUSES.includes(post.status);
    // The form has minute precision: same minute, same date (keep the stored instant).
    const timeChanged =
      Math.floor(post.plannedAt.getTime() / 60_000) !== Math.floor(plannedAt.getTime() / 60_000);
    const newPlannedAt = timeChanged ? plannedAt : post.plannedAt;
    // An old post's words may still be fixed; only a new date has to obey the planning rules.
    const problem = timeChanged ? plannedAtProblem(post, plannedAt, new Date()) : null;
    if (problem) return { ok: false, errors: { plannedAt: problem } };
    await tx
      .update(contentPosts)
      .set({
        title: input.title,
        campaignId: input.campaignId,
        channels: input.channels,
        plannedAt: newPlannedAt,
        copy: input.copy,
        variants: input.variants,
        language: input.language,
        assigneeId: input.assigneeId,
        status: reopened ? 'draft' : post.status,
        editedByHand: post.editedByHand || (post.seriesRole !== null && (wordsChanged || timeChanged)),
        version: post.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(contentPosts.id, id));
    await tx.insert(contentPostHistory).values({
      postId: id,
      kind: 'edited',
      actorUserId: actor.id,
      body: timeChanged ? 'Cambió la fecha de publicación.' : '',
    });
    if (reopened) {
      await tx.insert(contentPostHistory).values({
        postId: id,
        kind: 'status',
        fromStatus: post.status,
        toStatus: 'draft',
        actorUserId: actor.id,
        body: 'El texto cambió después de aprobarse: vuelve a borrador y necesita otra revisión.',
      });
    }
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'content.post.update',
      entity: 'content_post',
      entityId: id,
      ip: meta.ip,
      details: { reopened },
    });
    return { ok: true, data: { id, reopened } };
  });
}

function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

/** Applies one move of the transition table, with the rules of who may make it. */
export async function transitionPost(
  ctx: StaffContext<ContentActor>,
  input: TransitionInput,
): Promise<PostResult<{ id: number; status: ContentStatus }>> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  return db.transaction(async (tx) => {
    const perms = await contentPermissions(tx, actor);
    if (!perms.canEdit) return fail('Tu rol solo puede consultar el calendario de contenido.');
    const post = await lockPost(tx, input.id);
    if (!post) return { ok: false, errors: {}, notFound: true };
    if (post.version !== input.version) return fail(STALE);
    const move = findTransition(post.status, input.to as Status);
    if (!move)
      return fail(
        `No se puede pasar de «${STATUS_LABELS[post.status]}» a «${STATUS_LABELS[input.to as Status]}».`,
      );
    if (move.who === 'approver' && !perms.canApprove) {
      return fail(
        'Solo coordinación, supervisión o las personas de Comunicación autorizadas pueden aprobar.',
      );
    }
    if (input.to === 'in_review' && !post.copy.trim() && Object.keys(post.variants).length === 0) {
      return fail('Escribe el texto de la publicación antes de enviarla a revisión.');
    }
    const publishing = input.to === 'published';
    await tx
      .update(contentPosts)
      .set({
        status: input.to,
        version: post.version + 1,
        updatedAt: new Date(),
        ...(publishing
          ? {
              publishedAt: new Date(),
              publishedById: actor.id,
              publishedWhere: input.publishedWhere,
              publishedUrl: input.publishedUrl || null,
            }
          : {}),
      })
      .where(eq(contentPosts.id, post.id));
    const details = publishing
      ? [`Publicada en: ${input.publishedWhere}`, input.publishedUrl ? `Enlace: ${input.publishedUrl}` : '']
          .filter(Boolean)
          .join('\n')
      : '';
    await tx.insert(contentPostHistory).values({
      postId: post.id,
      kind: 'status',
      fromStatus: post.status,
      toStatus: input.to,
      actorUserId: actor.id,
      body: [input.note, details].filter(Boolean).join('\n'),
    });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'content.post.status',
      entity: 'content_post',
      entityId: post.id,
      ip: meta.ip,
      details: { from: post.status, to: input.to },
    });
    return { ok: true, data: { id: post.id, status: input.to } };
  });
}

export type MoveResult = { ok: true; version: number; plannedAt: string } | { ok: false; message: string };

/**
 * Replanning by drag-and-drop. The same rules as the form: editors only, nothing already out
 * or cancelled, nothing into the past, and series posts stay on the right side of their event
 * (an announcement or reminder before it, a recap after). A moved series post is "edited by
 * hand" and stops following its event.
 */
export async function movePost(
  ctx: StaffContext<ContentActor>,
  input: { id: number; version: number; start: Date },
): Promise<MoveResult> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  if (!CONTENT_EDITORS.includes(actor.role))
    return { ok: false, message: 'Tu rol solo puede consultar el calendario de contenido.' };
  const now = ctx.now();
  return db.transaction(async (tx) => {
    const post = await lockPost(tx, input.id);
    if (!post) return { ok: false, message: 'Esa publicación ya no existe.' };
    if (post.version !== input.version) return { ok: false, message: STALE };
    if (FROZEN_STATUSES.includes(post.status))
      return {
        ok: false,
        message: `Una publicación ${STATUS_LABELS[post.status].toLowerCase()} no se puede mover.`,
      };
    const problem = plannedAtProblem(post, input.start, now);
    if (problem) return { ok: false, message: problem };
    const version = post.version + 1;
    await tx
      .update(contentPosts)
      .set({
        plannedAt: input.start,
        version,
        updatedAt: new Date(),
        editedByHand: post.editedByHand || post.seriesRole !== null,
      })
      .where(eq(contentPosts.id, post.id));
    await tx
      .insert(contentPostHistory)
      .values({ postId: post.id, kind: 'moved', actorUserId: actor.id, body: 'Se movió en el calendario.' });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'content.post.move',
      entity: 'content_post',
      entityId: post.id,
      ip: meta.ip,
    });
    return { ok: true, version, plannedAt: input.start.toISOString() };
  });
}

export async function addComment(
  ctx: StaffContext<ContentActor>,
  postId: number,
  body: string,
): Promise<PostResult> {
  const db = ctx.db;
  const actor = ctx.user;
  if (!CONTENT_EDITORS.includes(actor.role))
    return fail('Tu rol solo puede consultar el calendario de contenido.');
  return db.transaction(async (tx) => {
    const [post] = await tx
      .select({ id: contentPosts.id })
      .from(contentPosts)
      .where(eq(contentPosts.id, postId));
    if (!post) return { ok: false, errors: {}, notFound: true };
    const [row] = await tx
      .insert(contentPostHistory)
      .values({ postId, kind: 'comment', body, actorUserId: actor.id })
      .returning({ id: contentPostHistory.id });
    return { ok: true, data: { id: row!.id } };
  });
}
