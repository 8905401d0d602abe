import type { StaffContext } from '~/lib/server/context';
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { caseAssignees, cases, followUps, users } from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import { type Actor, caseScope, findCaseInScope, isOverseer } from './cases.server';
import type { CaseChangeResult } from './case-detail.server';
import { addDays } from '~/lib/time';

export interface NewFollowUp {
  folio: string;
  type: 'call' | 'visit' | 'accompaniment';
  dueOn: string;
  assigneeId?: number | undefined;
}

/**
 * Schedules a follow-up on a case in scope. It goes to the actor unless another assignee is
 * chosen; that person is added to the case so the follow-up is visible to them.
 */
export async function createFollowUp(
  ctx: StaffContext<Actor>,
  input: NewFollowUp,
  today: string,
): Promise<CaseChangeResult & { id?: number }> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  if (input.dueOn < addDays(today, -1))
    return { ok: false, errors: { dueOn: 'La fecha ya pasó: elige hoy o un día futuro.' } };
  return db.transaction(async (tx) => {
    const c = await findCaseInScope(tx, actor, input.folio, true);
    if (!c) return { ok: false as const, notFound: true as const };
    if (c.status === 'closed' || c.anonymizedAt)
      return {
        ok: false as const,
        errors: { dueOn: 'El caso está cerrado: reábrelo para programar un seguimiento.' },
      };
    const assigneeId = input.assigneeId ?? actor.id;
    if (assigneeId !== actor.id) {
      // Giving someone a follow-up adds them to the case: the same rule as assigning.
      if (!isOverseer(actor) && c.ownerId !== actor.id)
        return {
          ok: false as const,
          errors: {
            assigneeId:
              'Solo la persona responsable o supervisión pueden asignar seguimientos a otras personas.',
          },
        };
      const [target] = await tx
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            eq(users.id, assigneeId),
            eq(users.active, true),
            inArray(users.role, ['operator', 'supervisor']),
          ),
        );
      if (!target)
        return {
          ok: false as const,
          errors: { assigneeId: 'Elige a una persona activa del equipo de atención.' },
        };
      if (assigneeId !== c.ownerId)
        await tx.insert(caseAssignees).values({ caseId: c.id, userId: assigneeId }).onConflictDoNothing();
    }
    const [row] = await tx
      .insert(followUps)
      .values({ caseId: c.id, assigneeId, type: input.type, dueOn: input.dueOn, createdById: actor.id })
      .returning({ id: followUps.id });
    // A case with a pending follow-up is, by definition, in follow-up.
    if (c.status === 'open')
      await tx.update(cases).set({ status: 'follow_up', updatedAt: new Date() }).where(eq(cases.id, c.id));
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'followup.create',
      entity: 'case',
      entityId: c.id,
      ip: meta.ip,
      details: { followUpId: row!.id, assigneeId },
    });
    return { ok: true as const, id: row!.id };
  });
}

/** Records the outcome of a follow-up. Its assignee, or anyone who sees the case, may do it. */
export async function completeFollowUp(
  ctx: StaffContext<Actor>,
  id: number,
  outcome: string,
): Promise<CaseChangeResult & { folio?: string }> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  const now = ctx.now();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: followUps.id, caseId: followUps.caseId, doneAt: followUps.doneAt, folio: cases.folio })
      .from(followUps)
      .innerJoin(cases, eq(cases.id, followUps.caseId))
      .where(and(eq(followUps.id, id), caseScope(actor)))
      .for('update', { of: followUps });
    if (!row) return { ok: false as const, notFound: true as const };
    if (row.doneAt)
      return { ok: false as const, errors: { outcome: 'Este seguimiento ya estaba registrado como hecho.' } };
    await tx.update(followUps).set({ doneAt: now, outcome }).where(eq(followUps.id, id));
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'followup.complete',
      entity: 'case',
      entityId: row.caseId,
      ip: meta.ip,
      details: { followUpId: id },
    });
    return { ok: true as const, folio: row.folio };
  });
}

export interface QueueItem {
  kind: 'followup';
  id: number;
  folio: string;
  type: 'call' | 'visit' | 'accompaniment';
  dueOn: string;
  assigneeName: string;
  /** The person to call: empty when anonymous, anonymised or without a consented phone. */
  personName: string;
  personPhone: string;
  overdue: boolean;
}

/**
 * The follow-up queue: pending follow-ups due up to `horizonDays` ahead, oldest first.
 * Operators see their own (on cases in their scope); supervisors and admins everyone's, or
 * one person's with `assigneeId`. The queue shows the person's name and phone (to call them),
 * so reading it is audited.
 */
export async function listFollowUpQueue(
  ctx: StaffContext<Actor>,
  today: string,
  opts: { horizonDays?: number; assigneeId?: number | undefined } = {},
) {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  const until = addDays(today, opts.horizonDays ?? 7);
  const who = isOverseer(actor)
    ? opts.assigneeId
      ? eq(followUps.assigneeId, opts.assigneeId)
      : sql`true`
    : eq(followUps.assigneeId, actor.id);
  const rows = await db
    .select({
      id: followUps.id,
      folio: cases.folio,
      type: followUps.type,
      dueOn: followUps.dueOn,
      assigneeName: users.name,
      personName: cases.personName,
      personPhone: cases.personPhone,
    })
    .from(followUps)
    .innerJoin(cases, eq(cases.id, followUps.caseId))
    .innerJoin(users, eq(users.id, followUps.assigneeId))
    .where(and(isNull(followUps.doneAt), lte(followUps.dueOn, until), who, caseScope(actor)))
    .orderBy(asc(followUps.dueOn), asc(followUps.id))
    .limit(500);
  await writeAudit(db, {
    actorUserId: actor.id,
    action: 'followup.queue',
    entity: 'case',
    ip: meta.ip,
    details: { results: rows.length },
  });
  return rows.map((r): QueueItem => ({ kind: 'followup', ...r, overdue: r.dueOn < today }));
}
