import type { StaffContext } from '~/lib/server/context';
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { contentCampaigns, contentPosts, users } from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import { CONTENT_EDITORS, type ContentActor } from './permissions.server';
import type { CampaignInput } from './schemas';

export type CampaignResult =
  | { ok: true; id: number }
  | { ok: false; errors: Record<string, string>; formError?: string; notFound?: boolean };

export async function listCampaigns(db: Executor) {
  return db
    .select({
      id: contentCampaigns.id,
      name: contentCampaigns.name,
      color: contentCampaigns.color,
      status: contentCampaigns.status,
      startsOn: contentCampaigns.startsOn,
      endsOn: contentCampaigns.endsOn,
      ownerName: users.name,
      posts: sql<number>`(select count(*)::int from ${contentPosts} where ${contentPosts.campaignId} = ${contentCampaigns.id})`,
      published: sql<number>`(select count(*)::int from ${contentPosts} where ${contentPosts.campaignId} = ${contentCampaigns.id} and ${contentPosts.status} = 'published')`,
    })
    .from(contentCampaigns)
    .leftJoin(users, eq(users.id, contentCampaigns.ownerId))
    .orderBy(desc(contentCampaigns.startsOn), asc(contentCampaigns.name));
}

export async function getCampaign(db: Executor, id: number) {
  const [row] = await db
    .select({ campaign: contentCampaigns, ownerName: users.name })
    .from(contentCampaigns)
    .leftJoin(users, eq(users.id, contentCampaigns.ownerId))
    .where(eq(contentCampaigns.id, id));
  return row ?? null;
}

async function checkOwner(db: Executor, ownerId: number | null): Promise<Record<string, string>> {
  if (ownerId === null) return {};
  const [u] = await db
    .select({ role: users.role, active: users.active })
    .from(users)
    .where(eq(users.id, ownerId));
  return u && u.active && CONTENT_EDITORS.includes(u.role)
    ? {}
    : { ownerId: 'Elige a una persona activa de la lista.' };
}

function values(input: CampaignInput) {
  return {
    name: input.name,
    goal: input.goal,
    audience: input.audience,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    color: input.color,
    ownerId: input.ownerId,
    status: input.status,
    resultReach: input.resultReach,
    resultCalls: input.resultCalls,
    resultRegistrations: input.resultRegistrations,
    resultNotes: input.resultNotes,
  };
}

export async function createCampaign(
  ctx: StaffContext<ContentActor>,
  input: CampaignInput,
): Promise<CampaignResult> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  if (!CONTENT_EDITORS.includes(actor.role))
    return { ok: false, errors: {}, formError: 'Tu rol solo puede consultar el calendario de contenido.' };
  return db.transaction(async (tx) => {
    const errors = await checkOwner(tx, input.ownerId);
    if (Object.keys(errors).length) return { ok: false, errors };
    const [row] = await tx
      .insert(contentCampaigns)
      .values(values(input))
      .returning({ id: contentCampaigns.id });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'content.campaign.create',
      entity: 'content_campaign',
      entityId: row!.id,
      ip: meta.ip,
    });
    return { ok: true, id: row!.id };
  });
}

export async function updateCampaign(
  ctx: StaffContext<ContentActor>,
  id: number,
  input: CampaignInput,
): Promise<CampaignResult> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  if (!CONTENT_EDITORS.includes(actor.role))
    return { ok: false, errors: {}, formError: 'Tu rol solo puede consultar el calendario de contenido.' };
  return db.transaction(async (tx) => {
    const errors = await checkOwner(tx, input.ownerId);
    if (Object.keys(errors).length) return { ok: false, errors };
    const rows = await tx
      .update(contentCampaigns)
      .set({ ...values(input), updatedAt: new Date() })
      .where(eq(contentCampaigns.id, id))
      .returning({ id: contentCampaigns.id });
    if (!rows.length) return { ok: false, errors: {}, notFound: true };
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'content.campaign.update',
      entity: 'content_campaign',
      entityId: id,
      ip: meta.ip,
    });
    return { ok: true, id };
  });
}
