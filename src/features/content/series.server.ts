import { formatInstant } from '~/lib/time';
import { and, eq, isNotNull, isNull, notInArray, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { type PromotesKind, type SeriesRole, contentPostHistory, contentPosts } from '~db/schema';
import { FROZEN_STATUSES } from './status';

const DAY = 24 * 60 * 60 * 1000;

/** The posts an event or activity gets: announce two weeks before, remind the day before, recap the day after. */
export const SERIES: ReadonlyArray<{
  role: SeriesRole;
  offsetDays: number;
  from: 'start' | 'end';
  label: string;
}> = [
  { role: 'announce', offsetDays: -14, from: 'start', label: 'Anuncio' },
  { role: 'reminder', offsetDays: -1, from: 'start', label: 'Recordatorio' },
  { role: 'recap', offsetDays: 1, from: 'end', label: 'Resumen' },
];

export interface SeriesTarget {
  kind: PromotesKind;
  id: number;
  title: string;
  start: Date;
  /** Defaults to `start`. */
  end?: Date | null;
}

export interface SeriesOptions {
  campaignId?: number | null;
  assigneeId?: number | null;
  createdById?: number | null;
  now?: Date;
}

const fmt = (d: Date, timeZone: string) =>
  `${formatInstant(d, 'weekdayDayMonth', timeZone)}, ${formatInstant(d, 'time', timeZone)}`;

function draftCopy(role: SeriesRole, target: SeriesTarget, timeZone: string): string {
  const when = fmt(target.start, timeZone);
  switch (role) {
    case 'announce':
      return `Te invitamos a «${target.title}», el ${when}. Es gratuito. Más información y registro en nuestras redes o al teléfono de la Línea Ciudadana.`;
    case 'reminder':
      return `Mañana es «${target.title}» (${when}). ¡Te esperamos! Si necesitas orientación legal o psicológica, llámanos: es gratuito y confidencial.`;
    case 'recap':
      return `Gracias a todas las personas que participaron en «${target.title}». Si tú o alguien cercano vive una situación de violencia, la Línea Ciudadana te escucha.`;
  }
}

/**
 * Creates the announce/reminder/recap posts for an event or activity, as ideas with a draft
 * copy. Called by the events and activities features inside their own transaction when one is
 * created. Safe to call twice (a unique index holds one post per role per target); posts whose
 * date has already passed are not created. Returns the ids created.
 */
export async function generateSeriesForTarget(
  tx: Executor,
  target: SeriesTarget,
  options: SeriesOptions & { timeZone?: string } = {},
): Promise<number[]> {
  const now = options.now ?? new Date();
  const timeZone = options.timeZone ?? 'America/Chihuahua';
  const end = target.end ?? target.start;
  const rows = SERIES.map((s) => ({
    role: s.role,
    label: s.label,
    plannedAt: new Date((s.from === 'start' ? target.start : end).getTime() + s.offsetDays * DAY),
  })).filter((s) => s.plannedAt.getTime() > now.getTime());
  if (rows.length === 0) return [];
  const created = await tx
    .insert(contentPosts)
    .values(
      rows.map((s) => ({
        title: `${s.label}: ${target.title}`.slice(0, 140),
        channels: ['facebook', 'instagram'] as ('facebook' | 'instagram')[],
        plannedAt: s.plannedAt,
        copy: draftCopy(s.role, target, timeZone),
        status: 'idea' as const,
        campaignId: options.campaignId ?? null,
        assigneeId: options.assigneeId ?? null,
        createdById: options.createdById ?? null,
        promotesKind: target.kind,
        promotesId: target.id,
        promotesTitle: target.title,
        promotesStart: target.start,
        seriesRole: s.role,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: contentPosts.id });
  if (created.length) {
    await tx.insert(contentPostHistory).values(
      created.map((c) => ({
        postId: c.id,
        kind: 'created' as const,
        toStatus: 'idea' as const,
        actorUserId: options.createdById ?? null,
        body: 'Generada automáticamente para la actividad que promueve.',
      })),
    );
  }
  return created.map((c) => c.id);
}

export interface MoveSeriesResult {
  moved: number[];
  /** Posts edited by hand, published or cancelled: they keep their date. */
  kept: number[];
}

/**
 * The event or activity moved: shift its series posts by the same amount, except those
 * someone edited by hand and those already published or cancelled. Every post linked to the
 * target gets the new start (and title) so the calendar shows it right. Call inside the
 * transaction that moves the target.
 */
export async function moveSeriesForTarget(
  tx: Executor,
  target: { kind: PromotesKind; id: number; newStart: Date; newTitle?: string },
  options: { actorUserId?: number | null } = {},
): Promise<MoveSeriesResult> {
  const posts = await tx
    .select()
    .from(contentPosts)
    .where(and(eq(contentPosts.promotesKind, target.kind), eq(contentPosts.promotesId, target.id)))
    .for('update');
  const moved: number[] = [];
  const kept: number[] = [];
  for (const post of posts) {
    const oldStart = post.promotesStart;
    const followable =
      post.seriesRole !== null &&
      !post.editedByHand &&
      !FROZEN_STATUSES.includes(post.status) &&
      oldStart !== null;
    const delta = oldStart ? target.newStart.getTime() - oldStart.getTime() : 0;
    const plannedAt = followable && delta !== 0 ? new Date(post.plannedAt.getTime() + delta) : post.plannedAt;
    if (post.seriesRole !== null) (followable && delta !== 0 ? moved : kept).push(post.id);
    await tx
      .update(contentPosts)
      .set({
        plannedAt,
        promotesStart: target.newStart,
        ...(target.newTitle ? { promotesTitle: target.newTitle } : {}),
        version: post.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(contentPosts.id, post.id));
    if (plannedAt !== post.plannedAt) {
      await tx.insert(contentPostHistory).values({
        postId: post.id,
        kind: 'moved',
        actorUserId: options.actorUserId ?? null,
        body: 'Se movió junto con la actividad que promueve.',
      });
    }
  }
  return { moved, kept };
}

/** Series posts still to come for a target that was cancelled: cancel them too. */
export async function cancelSeriesForTarget(
  tx: Executor,
  target: { kind: PromotesKind; id: number },
  options: { actorUserId?: number | null } = {},
): Promise<number[]> {
  const rows = await tx
    .update(contentPosts)
    .set({ status: 'cancelled', version: sql`${contentPosts.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(contentPosts.promotesKind, target.kind),
        eq(contentPosts.promotesId, target.id),
        isNotNull(contentPosts.seriesRole),
        notInArray(contentPosts.status, [...FROZEN_STATUSES]),
      ),
    )
    .returning({ id: contentPosts.id });
  if (rows.length) {
    await tx.insert(contentPostHistory).values(
      rows.map((r) => ({
        postId: r.id,
        kind: 'status' as const,
        toStatus: 'cancelled' as const,
        actorUserId: options.actorUserId ?? null,
        body: 'La actividad que promovía se canceló.',
      })),
    );
  }
  return rows.map((r) => r.id);
}

/**
 * Links an existing post to the event or activity it promotes (for a picker on the post page
 * once events and activities exist). The post is not part of the automatic series, so it keeps
 * its date when the target moves; its copy of the title and start is kept up to date by
 * `moveSeriesForTarget`.
 */
export async function linkPostToTarget(
  tx: Executor,
  postId: number,
  target: { kind: PromotesKind; id: number; title: string; start: Date } | null,
): Promise<boolean> {
  const rows = await tx
    .update(contentPosts)
    .set({
      promotesKind: target?.kind ?? null,
      promotesId: target?.id ?? null,
      promotesTitle: target?.title ?? null,
      promotesStart: target?.start ?? null,
      version: sql`${contentPosts.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(contentPosts.id, postId), isNull(contentPosts.seriesRole)))
    .returning({ id: contentPosts.id });
  return rows.length > 0;
}
