import { and, asc, count, eq, inArray, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { cases, contactDrafts, dailyLogs, followUps, oficios, users } from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import { addDays } from '~/lib/time';
import { type Actor, type Meta, caseScope, isOverseer } from './cases.server';
import { FOLLOW_UP_TYPE_LABELS } from './labels';

/** How many days ahead an oficio's response date counts as "near its deadline". */
export const OFICIO_NEAR_DAYS = 3;

export interface TodayFollowUp {
  id: number;
  folio: string;
  personName: string;
  personPhone: string;
  reason: string;
  dueOn: string;
  overdue: boolean;
}

/**
 * `caseScope` checked row by row: the same rule (overseers all; operators the cases they own or
 * are assigned to; anyone else nothing), for queries that already reach a few rows through
 * another index. `caseScope` builds the array of all the operator's cases first, which costs
 * ~130 ms for an operator with 10,000 cases when only a handful of follow-ups are pending
 * (bench/today.ts); this form costs one index probe per row.
 */
function caseScopePerRow(actor: Actor) {
  if (isOverseer(actor)) return sql`true`;
  if (actor.role !== 'operator') return sql`false`;
  return sql`(${cases.ownerId} = ${actor.id} or exists (select 1 from case_assignees ca where ca.case_id = ${cases.id} and ca.user_id = ${actor.id}))`;
}

/**
 * The actor's own follow-ups due today or earlier, with the person's name and phone, for the
 * today page. Always the actor's own (assignee = actor) and inside the case scope, whatever the
 * role. Audited like the follow-up queue, since it shows names and phones.
 */
export async function myDueFollowUps(db: Executor, actor: Actor, today: string, meta: Meta) {
  const rows = await db
    .select({
      id: followUps.id,
      folio: cases.folio,
      personName: cases.personName,
      personPhone: cases.personPhone,
      type: followUps.type,
      dueOn: followUps.dueOn,
    })
    .from(followUps)
    .innerJoin(cases, eq(cases.id, followUps.caseId))
    .where(
      and(
        eq(followUps.assigneeId, actor.id),
        isNull(followUps.doneAt),
        lte(followUps.dueOn, today),
        caseScopePerRow(actor),
      ),
    )
    .orderBy(asc(followUps.dueOn), asc(followUps.id))
    .limit(50);
  if (rows.length > 0)
    await writeAudit(db, {
      actorUserId: actor.id,
      action: 'followup.queue',
      entity: 'case',
      ip: meta.ip,
      details: { results: rows.length, view: 'today' },
    });
  return rows.map((r): TodayFollowUp => ({
    id: r.id,
    folio: r.folio,
    personName: r.personName,
    personPhone: r.personPhone,
    reason: FOLLOW_UP_TYPE_LABELS[r.type],
    dueOn: r.dueOn,
    overdue: r.dueOn < today,
  }));
}

/** Open oficios in the actor's scope whose response is due within OFICIO_NEAR_DAYS (or already late). */
export async function oficiosNearDeadline(db: Executor, actor: Actor, today: string) {
  const until = addDays(today, OFICIO_NEAR_DAYS);
  const rows = await db
    .select({
      number: oficios.number,
      folio: cases.folio,
      subject: oficios.subject,
      responseDueOn: oficios.responseDueOn,
    })
    .from(oficios)
    .innerJoin(cases, eq(cases.id, oficios.caseId))
    .where(
      and(
        inArray(oficios.status, ['sent', 'acknowledged', 'overdue']),
        lte(oficios.responseDueOn, until),
        caseScope(actor),
      ),
    )
    .orderBy(asc(oficios.responseDueOn))
    .limit(50);
  return rows.map((r) => ({ ...r, responseDueOn: r.responseDueOn!, late: r.responseDueOn! < today }));
}

/** When the actor's unsaved case-entry draft was last typed into, or null when there is none. */
export async function myDraftSavedAt(db: Executor, actor: Actor): Promise<Date | null> {
  const [row] = await db
    .select({ updatedAt: contactDrafts.updatedAt })
    .from(contactDrafts)
    .where(eq(contactDrafts.userId, actor.id));
  return row?.updatedAt ?? null;
}

/** Overdue follow-ups (due before today, not done) counted by assignee, most first. For oversight. */
export async function overdueFollowUpsByOperator(db: Executor, today: string) {
  return db
    .select({
      operatorId: users.id,
      operatorName: users.name,
      overdue: count(),
      oldest: sql<string>`min(${followUps.dueOn})::text`,
    })
    .from(followUps)
    .innerJoin(users, eq(users.id, followUps.assigneeId))
    .where(and(isNull(followUps.doneAt), lt(followUps.dueOn, today)))
    .groupBy(users.id, users.name)
    .orderBy(sql`count(*) desc`, asc(users.name));
}

/** Closed daily logs waiting for a signature, oldest first (a short list for the today page). */
export async function logsAwaitingSignature(db: Executor, limit = 20) {
  return db
    .select({
      id: dailyLogs.id,
      day: dailyLogs.day,
      shift: dailyLogs.shift,
      operatorId: dailyLogs.operatorId,
      operatorName: users.name,
    })
    .from(dailyLogs)
    .innerJoin(users, eq(users.id, dailyLogs.operatorId))
    .where(and(isNotNull(dailyLogs.closedAt), isNull(dailyLogs.signedOffAt)))
    .orderBy(asc(dailyLogs.day), asc(users.name))
    .limit(limit);
}
