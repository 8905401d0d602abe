import type { StaffContext } from '~/lib/server/context';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '~db/client';
import {
  type CaseStatus,
  auditLog,
  caseAssignees,
  caseCategories,
  caseNotes,
  cases,
  contactCategories,
  contacts,
  followUps,
  municipalities,
  users,
} from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import { type Actor, caseScope, findCaseInScope, isOverseer } from './cases.server';
import { CASE_STATUS_LABELS } from './labels';

/** Allowed status changes. Reopening a closed case is a deliberate act, recorded like the rest. */
export const CASE_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  open: ['follow_up', 'closed'],
  follow_up: ['open', 'closed'],
  closed: ['open'],
};

export const canTransition = (from: CaseStatus, to: CaseStatus) => CASE_TRANSITIONS[from].includes(to);

/**
 * A case with its timeline (contacts and notes, oldest first), assignees and follow-ups, or
 * null when the folio does not exist or is outside the actor's scope. Every read is audited.
 */
export async function getCaseTimeline(ctx: StaffContext<Actor>, folio: string) {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  const owner = alias(users, 'owner');
  const [c] = await db
    .select({
      id: cases.id,
      folio: cases.folio,
      status: cases.status,
      personName: cases.personName,
      personPhone: cases.personPhone,
      openedAt: cases.openedAt,
      closedAt: cases.closedAt,
      anonymizedAt: cases.anonymizedAt,
      ownerId: cases.ownerId,
      ownerName: owner.name,
    })
    .from(cases)
    .innerJoin(owner, eq(owner.id, cases.ownerId))
    .where(and(eq(cases.folio, folio), caseScope(actor)));
  if (!c) return null;

  const operator = alias(users, 'operator');
  const [assignees, contactRows, notes, followUpRows] = await Promise.all([
    db
      .select({ id: users.id, name: users.name })
      .from(caseAssignees)
      .innerJoin(users, eq(users.id, caseAssignees.userId))
      .where(eq(caseAssignees.caseId, c.id))
      .orderBy(asc(users.name)),
    db
      .select({
        id: contacts.id,
        startedAt: contacts.startedAt,
        channel: contacts.channel,
        durationMinutes: contacts.durationMinutes,
        callerRole: contacts.callerRole,
        anonymous: contacts.anonymous,
        personName: contacts.personName,
        ageRange: contacts.ageRange,
        gender: contacts.gender,
        municipality: municipalities.name,
        followUpConsent: contacts.followUpConsent,
        services: contacts.services,
        riskLevel: contacts.riskLevel,
        reportStatus: contacts.reportStatus,
        reportAuthority: contacts.reportAuthority,
        reportFileNumber: contacts.reportFileNumber,
        summary: contacts.summary,
        privacyNoticeGivenAt: contacts.privacyNoticeGivenAt,
        operatorName: operator.name,
        categories: sql<
          string[]
        >`coalesce((select array_agg(${caseCategories.name} order by ${caseCategories.name}) from ${contactCategories}
          join ${caseCategories} on ${caseCategories.id} = ${contactCategories.categoryId} where ${contactCategories.contactId} = ${contacts.id}), '{}')`,
      })
      .from(contacts)
      .innerJoin(operator, eq(operator.id, contacts.operatorId))
      .leftJoin(municipalities, eq(municipalities.id, contacts.municipalityId))
      .where(eq(contacts.caseId, c.id))
      .orderBy(asc(contacts.startedAt), asc(contacts.id)),
    db
      .select({
        id: caseNotes.id,
        body: caseNotes.body,
        createdAt: caseNotes.createdAt,
        authorName: users.name,
      })
      .from(caseNotes)
      .innerJoin(users, eq(users.id, caseNotes.authorId))
      .where(eq(caseNotes.caseId, c.id))
      .orderBy(asc(caseNotes.createdAt)),
    db
      .select({
        id: followUps.id,
        type: followUps.type,
        dueOn: followUps.dueOn,
        doneAt: followUps.doneAt,
        outcome: followUps.outcome,
        assigneeId: followUps.assigneeId,
        assigneeName: users.name,
      })
      .from(followUps)
      .innerJoin(users, eq(users.id, followUps.assigneeId))
      .where(eq(followUps.caseId, c.id))
      .orderBy(asc(followUps.dueOn), asc(followUps.id)),
  ]);
  await writeAudit(db, {
    actorUserId: actor.id,
    action: 'case.read',
    entity: 'case',
    entityId: c.id,
    ip: meta.ip,
    details: { contacts: contactRows.length },
  });

  const timeline = [
    ...contactRows.map((x) => ({ kind: 'contact' as const, at: x.startedAt, contact: x })),
    ...notes.map((x) => ({ kind: 'note' as const, at: x.createdAt, note: x })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return { case: c, assignees, timeline, followUps: followUpRows, contactCount: contactRows.length };
}

/** Who read or changed a case, newest first. Supervisors and admins only; null otherwise. */
export async function getCaseAccessHistory(db: Executor, actor: Actor, caseId: number, limit = 100) {
  if (!isOverseer(actor)) return null;
  return db
    .select({ at: auditLog.at, action: auditLog.action, actorName: users.name, ip: auditLog.ip })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.entity, 'case'), eq(auditLog.entityId, String(caseId))))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}

export type CaseChangeResult =
  | { ok: true }
  | { ok: false; notFound: true }
  | { ok: false; notFound?: false; errors: Record<string, string> };

const NOT_FOUND = { ok: false as const, notFound: true as const };

/** Moves a case along CASE_TRANSITIONS; the row is locked so two changes cannot interleave. */
export async function changeCaseStatus(
  ctx: StaffContext<Actor>,
  folio: string,
  to: CaseStatus,
): Promise<CaseChangeResult> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  const now = ctx.now();
  return db.transaction(async (tx) => {
    const c = await findCaseInScope(tx, actor, folio, true);
    if (!c) return NOT_FOUND;
    if (!canTransition(c.status, to))
      return {
        ok: false as const,
        errors: {
          status: `Un caso «${CASE_STATUS_LABELS[c.status]}» no puede pasar a «${CASE_STATUS_LABELS[to]}».`,
        },
      };
    await tx
      .update(cases)
      .set({ status: to, closedAt: to === 'closed' ? now : null, updatedAt: now })
      .where(eq(cases.id, c.id));
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'case.status',
      entity: 'case',
      entityId: c.id,
      ip: meta.ip,
      details: { from: c.status, to },
    });
    return { ok: true as const };
  });
}

export async function addCaseNote(
  ctx: StaffContext<Actor>,
  folio: string,
  body: string,
): Promise<CaseChangeResult> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  return db.transaction(async (tx) => {
    const c = await findCaseInScope(tx, actor, folio, true);
    if (!c) return NOT_FOUND;
    if (c.anonymizedAt)
      return { ok: false as const, errors: { body: 'Este caso fue anonimizado y ya no admite notas.' } };
    const [note] = await tx
      .insert(caseNotes)
      .values({ caseId: c.id, authorId: actor.id, body })
      .returning({ id: caseNotes.id });
    await tx.update(cases).set({ updatedAt: new Date() }).where(eq(cases.id, c.id));
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'case.note',
      entity: 'case',
      entityId: c.id,
      ip: meta.ip,
      details: { noteId: note!.id },
    });
    return { ok: true as const };
  });
}

/**
 * Adds an operator or supervisor to a case. Supervisors and admins may assign anyone; the
 * owner may bring in a colleague. The assignee then sees the case like its owner.
 */
export async function assignToCase(
  ctx: StaffContext<Actor>,
  folio: string,
  userId: number,
): Promise<CaseChangeResult> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  return db.transaction(async (tx) => {
    const c = await findCaseInScope(tx, actor, folio, true);
    if (!c) return NOT_FOUND;
    if (!isOverseer(actor) && c.ownerId !== actor.id)
      return {
        ok: false as const,
        errors: { userId: 'Solo la persona responsable o supervisión pueden asignar el caso.' },
      };
    const [target] = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(eq(users.id, userId), eq(users.active, true), inArray(users.role, ['operator', 'supervisor'])),
      );
    if (!target)
      return { ok: false as const, errors: { userId: 'Elige a una persona activa del equipo de atención.' } };
    if (userId === c.ownerId)
      return { ok: false as const, errors: { userId: 'Esa persona ya es responsable del caso.' } };
    await tx.insert(caseAssignees).values({ caseId: c.id, userId }).onConflictDoNothing();
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'case.assign',
      entity: 'case',
      entityId: c.id,
      ip: meta.ip,
      details: { userId },
    });
    return { ok: true as const };
  });
}

export async function unassignFromCase(
  ctx: StaffContext<Actor>,
  folio: string,
  userId: number,
): Promise<CaseChangeResult> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  return db.transaction(async (tx) => {
    const c = await findCaseInScope(tx, actor, folio, true);
    if (!c) return NOT_FOUND;
    if (!isOverseer(actor) && c.ownerId !== actor.id)
      return {
        ok: false as const,
        errors: { userId: 'Solo la persona responsable o supervisión pueden cambiar la asignación.' },
      };
    await tx
      .delete(caseAssignees)
      .where(and(eq(caseAssignees.caseId, c.id), eq(caseAssignees.userId, userId)));
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'case.unassign',
      entity: 'case',
      entityId: c.id,
      ip: meta.ip,
      details: { userId },
    });
    return { ok: true as const };
  });
}
