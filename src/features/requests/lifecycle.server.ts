import type { StaffContext } from '~/lib/server/context';
import { and, asc, desc, eq, exists, sql } from 'drizzle-orm';
import type { Db, Executor, Tx } from '~db/client';
import {
  type RequestStatus,
  municipalities,
  privacyNotices,
  users,
  workshopRequestEvaluations,
  workshopRequestHistory,
  workshopRequestTopics,
  workshopRequestWindows,
  workshopRequests,
  workshops,
} from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import { sendMail } from '~/lib/server/mail/outbox';
import { hashToken } from '~/lib/server/tokens';
import { type MailContext, statusMail } from './mails';
import { isContactSuppressed } from '~/lib/server/mail/suppressions';
import type { EvaluationInput, StatusChangeInput } from './schemas';
import { REASON_REQUIRED, type RequestActor, canTransition } from './status';

export type TransitionResult =
  | { ok: true; from: RequestStatus; to: RequestStatus }
  | { ok: false; reason: 'not_found' | 'not_allowed' | 'reason_required'; from?: RequestStatus };

/**
 * Moves a request along the status table (status.ts is the single source of truth) and writes
 * the history row, inside the caller's transaction. The row is locked so two staff members (or
 * staff and the requester) cannot both act on the same old status.
 * Scheduling (issue 4) calls this with actor 'scheduling' after filling the scheduled* columns.
 */
export async function applyTransition(
  tx: Tx,
  requestId: number,
  to: RequestStatus,
  actor: RequestActor,
  reason: string | null,
  actorUserId: number | null,
): Promise<TransitionResult> {
  const [row] = await tx
    .select({ status: workshopRequests.status })
    .from(workshopRequests)
    .where(eq(workshopRequests.id, requestId))
    .for('update');
  if (!row) return { ok: false, reason: 'not_found' };
  if (!canTransition(row.status, to, actor)) return { ok: false, reason: 'not_allowed', from: row.status };
  const why = reason?.trim() || null;
  if (REASON_REQUIRED.has(to) && !why) return { ok: false, reason: 'reason_required', from: row.status };
  await tx
    .update(workshopRequests)
    .set({ status: to, statusReason: why, updatedAt: new Date() })
    .where(eq(workshopRequests.id, requestId));
  await tx
    .insert(workshopRequestHistory)
    .values({ requestId, fromStatus: row.status, toStatus: to, reason: why, actorUserId });
  return { ok: true, from: row.status, to };
}

async function mailRequester(
  tx: Tx,
  requestId: number,
  to: RequestStatus,
  reason: string | null,
  historyKey: string,
  mail: MailContext,
) {
  const [r] = await tx.select().from(workshopRequests).where(eq(workshopRequests.id, requestId));
  if (!r) return;
  // The status itself is owed to the requester; asking them to evaluate the talk is not, and is
  // left out for an address that opposed or revoked consent through ARCO.
  const opposed = to === 'completed' && (await isContactSuppressed(tx, { email: r.contactEmail }));
  await sendMail(tx, {
    to: r.contactEmail,
    template: `request.status.${to}`,
    idempotencyKey: historyKey,
    ...statusMail(r, to, reason, mail, { inviteEvaluation: !opposed }),
  });
}

/** The requester cancels through the private link, giving a reason. */
export async function cancelByRequester(
  db: Db,
  token: string,
  reason: string,
  meta: { ip: string | null },
  mail: MailContext,
): Promise<TransitionResult> {
  return db.transaction(async (tx) => {
    const [r] = await tx
      .select({ id: workshopRequests.id })
      .from(workshopRequests)
      .where(eq(workshopRequests.tokenHash, hashToken(token)));
    if (!r) return { ok: false, reason: 'not_found' };
    const result = await applyTransition(tx, r.id, 'cancelled', 'requester', reason, null);
    if (!result.ok) return result;
    await mailRequester(tx, r.id, 'cancelled', reason, `request-status-${r.id}-cancelled-requester`, mail);
    await writeAudit(tx, {
      action: 'request.cancel',
      entity: 'workshop_request',
      entityId: r.id,
      ip: meta.ip,
      details: { by: 'requester' },
    });
    return result;
  });
}

export type EvaluationResult =
  { ok: true } | { ok: false; reason: 'not_found' | 'not_completed' | 'already' };

/** One evaluation per request, only once it is completed. The primary key settles a race. */
export async function evaluateRequest(db: Db, input: EvaluationInput): Promise<EvaluationResult> {
  return db.transaction(async (tx) => {
    const [r] = await tx
      .select({ id: workshopRequests.id, status: workshopRequests.status })
      .from(workshopRequests)
      .where(eq(workshopRequests.tokenHash, hashToken(input.token)));
    if (!r) return { ok: false, reason: 'not_found' };
    if (r.status !== 'completed') return { ok: false, reason: 'not_completed' };
    const inserted = await tx
      .insert(workshopRequestEvaluations)
      .values({
        requestId: r.id,
        satisfaction: input.satisfaction,
        useful: input.useful,
        comments: input.comments,
      })
      .onConflictDoNothing()
      .returning({ id: workshopRequestEvaluations.requestId });
    return inserted.length ? { ok: true } : { ok: false, reason: 'already' };
  });
}

/** A supervisor or admin changes the status; the requester gets an e-mail, history keeps it. */
export async function changeStatusByStaff(
  ctx: StaffContext<{ id: number }>,
  input: StatusChangeInput,
  mailCtx: MailContext,
): Promise<TransitionResult> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  return db.transaction(async (tx) => {
    const result = await applyTransition(tx, input.id, input.to, 'staff', input.reason, actor.id);
    if (!result.ok) return result;
    const [h] = await tx
      .select({ id: workshopRequestHistory.id })
      .from(workshopRequestHistory)
      .where(eq(workshopRequestHistory.requestId, input.id))
      .orderBy(desc(workshopRequestHistory.id))
      .limit(1);
    await mailRequester(tx, input.id, input.to, input.reason || null, `request-status-${h!.id}`, mailCtx);
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'request.status',
      entity: 'workshop_request',
      entityId: input.id,
      ip: meta.ip,
      details: { from: result.from, to: input.to },
    });
    return result;
  });
}

export interface InboxFilters {
  status?: RequestStatus | undefined;
  municipalityId?: string | undefined;
  workshopId?: number | undefined;
}

/** The staff inbox, newest first, filtered inside the query. */
export async function listRequests(db: Executor, filters: InboxFilters = {}, limit = 200) {
  const conditions = [
    filters.status ? eq(workshopRequests.status, filters.status) : undefined,
    filters.municipalityId ? eq(workshopRequests.municipalityId, filters.municipalityId) : undefined,
    filters.workshopId
      ? exists(
          db
            .select({ one: sql`1` })
            .from(workshopRequestTopics)
            .where(
              and(
                eq(workshopRequestTopics.requestId, workshopRequests.id),
                eq(workshopRequestTopics.workshopId, filters.workshopId),
              ),
            ),
        )
      : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select({
      id: workshopRequests.id,
      folio: workshopRequests.folio,
      status: workshopRequests.status,
      institutionName: workshopRequests.institutionName,
      municipality: municipalities.name,
      modality: workshopRequests.modality,
      expectedCount: workshopRequests.expectedCount,
      createdAt: workshopRequests.createdAt,
      topics: sql<string>`(select string_agg(${workshops.title}, ' · ' order by ${workshops.sortOrder}) from ${workshopRequestTopics} join ${workshops} on ${workshops.id} = ${workshopRequestTopics.workshopId} where ${workshopRequestTopics.requestId} = ${workshopRequests.id})`,
    })
    .from(workshopRequests)
    .innerJoin(municipalities, eq(municipalities.id, workshopRequests.municipalityId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(workshopRequests.createdAt), desc(workshopRequests.id))
    .limit(limit);
}

/** Everything staff see on the detail page, with the history and who made each change. */
export async function getRequestForStaff(db: Executor, id: number) {
  const [request] = await db
    .select({ r: workshopRequests, municipality: municipalities.name, noticeVersion: privacyNotices.version })
    .from(workshopRequests)
    .innerJoin(municipalities, eq(municipalities.id, workshopRequests.municipalityId))
    .innerJoin(privacyNotices, eq(privacyNotices.id, workshopRequests.privacyNoticeId))
    .where(eq(workshopRequests.id, id));
  if (!request) return null;
  const [topics, windows, history, evaluation] = await Promise.all([
    db
      .select({ id: workshops.id, title: workshops.title })
      .from(workshopRequestTopics)
      .innerJoin(workshops, eq(workshops.id, workshopRequestTopics.workshopId))
      .where(eq(workshopRequestTopics.requestId, id))
      .orderBy(asc(workshops.sortOrder)),
    db
      .select()
      .from(workshopRequestWindows)
      .where(eq(workshopRequestWindows.requestId, id))
      .orderBy(asc(workshopRequestWindows.startsAt)),
    db
      .select({ h: workshopRequestHistory, actor: users.name })
      .from(workshopRequestHistory)
      .leftJoin(users, eq(users.id, workshopRequestHistory.actorUserId))
      .where(eq(workshopRequestHistory.requestId, id))
      .orderBy(asc(workshopRequestHistory.at), asc(workshopRequestHistory.id)),
    db.select().from(workshopRequestEvaluations).where(eq(workshopRequestEvaluations.requestId, id)),
  ]);
  return {
    ...request.r,
    municipality: request.municipality,
    noticeVersion: request.noticeVersion,
    topics,
    windows,
    history,
    evaluation: evaluation[0] ?? null,
  };
}
