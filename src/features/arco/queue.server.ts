import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import {
  type ArcoStatus,
  arcoHistory,
  arcoPauses,
  arcoReports,
  arcoRequests,
  auditLog,
  privacyNotices,
  users,
} from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import type { RequestContext } from '~/lib/server/context';
import { sendMail } from '~/lib/server/mail/outbox';
import { addDays, localDay } from '~/lib/time';
import { type Deadline, computeDeadline } from './deadline';
import { type ArcoLocale, REJECTION_GROUNDS, type RejectionGround, STATUS_LABELS } from './labels';
import { staffNoticeMail, statusMail } from './mails';
import { canTransition, isOpen } from './status';

// The staff's side of ARCO requests: who works the queue, the queue and its deadlines, the detail
// page, the status changes with their e-mails, and the deadline alerts. The person's side (the
// public form and the private link) is in intake.server.ts.

/** Admins and the supervisors with the privacy grant: who works the queue and gets its notices. */
export async function queueStaff(db: Executor) {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(
      and(
        eq(users.active, true),
        or(
          eq(users.role, 'admin'),
          and(eq(users.role, 'supervisor'), sql`${users.grants} @> array['privacy']::text[]`),
        ),
      ),
    )
    .orderBy(asc(users.id));
}

type PauseRow = { fromDay: string; toDay: string | null };
const asRanges = (rows: PauseRow[]) => rows.map((p) => ({ from: p.fromDay, to: p.toDay }));

/** A request's deadline today, given its pauses. */
export function deadlineOf(
  r: { receivedOn: string; answeredOn: string | null },
  pauses: PauseRow[],
  today: string,
): Deadline {
  return computeDeadline({
    receivedOn: r.receivedOn,
    answeredOn: r.answeredOn,
    pauses: asRanges(pauses),
    today,
  });
}

/** One section of an access report: one record a feature holds, as labels and values. */
export interface ReportSection {
  kind: 'request' | 'registration' | 'case';
  ref: string;
  title: string;
  fields: Array<[string, string]>;
  active: boolean;
}

export interface QueueFilter {
  status?: ArcoStatus | 'open' | 'all';
}

/** The staff queue: every request with its deadline, the most urgent first. */
export async function listArcoQueue(ctx: RequestContext, filter: QueueFilter = {}) {
  const status = filter.status ?? 'open';
  const where =
    status === 'all'
      ? undefined
      : status === 'open'
        ? inArray(arcoRequests.status, ['received', 'needs_info', 'identity_verified', 'in_progress'])
        : eq(arcoRequests.status, status);
  const rows = await ctx.db
    .select({
      id: arcoRequests.id,
      folio: arcoRequests.folio,
      right: arcoRequests.right,
      status: arcoRequests.status,
      receivedOn: arcoRequests.receivedOn,
      answeredOn: arcoRequests.answeredOn,
    })
    .from(arcoRequests)
    .where(where)
    .orderBy(desc(arcoRequests.receivedOn), desc(arcoRequests.id))
    .limit(500);
  const pauses = rows.length
    ? await ctx.db
        .select()
        .from(arcoPauses)
        .where(
          inArray(
            arcoPauses.requestId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  const today = localDay(ctx.now(), ctx.zone);
  const withDeadline = rows.map((r) => ({
    ...r,
    deadline: deadlineOf(
      r,
      pauses.filter((p) => p.requestId === r.id),
      today,
    ),
  }));
  const rank = (d: Deadline) =>
    d.state === 'overdue' ? 0 : d.state === 'soon' ? 1 : d.state === 'ok' ? 2 : 3;
  return withDeadline.sort(
    (a, b) =>
      rank(a.deadline) - rank(b.deadline) ||
      (a.deadline.answerBy ?? '9').localeCompare(b.deadline.answerBy ?? '9'),
  );
}

/** Everything the detail page shows, or null for an unknown folio. */
export async function loadArcoDetail(ctx: RequestContext, folio: string) {
  const [request] = await ctx.db.select().from(arcoRequests).where(eq(arcoRequests.folio, folio));
  if (!request) return null;
  const [history, pauses, report, trail, notice] = await Promise.all([
    ctx.db
      .select({ h: arcoHistory, actor: users.name })
      .from(arcoHistory)
      .leftJoin(users, eq(users.id, arcoHistory.actorUserId))
      .where(eq(arcoHistory.requestId, request.id))
      .orderBy(asc(arcoHistory.at), asc(arcoHistory.id)),
    ctx.db
      .select()
      .from(arcoPauses)
      .where(eq(arcoPauses.requestId, request.id))
      .orderBy(asc(arcoPauses.fromDay)),
    ctx.db.select().from(arcoReports).where(eq(arcoReports.requestId, request.id)),
    ctx.db
      .select({ at: auditLog.at, action: auditLog.action, actor: users.name })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(and(eq(auditLog.entity, 'arco_request'), eq(auditLog.entityId, String(request.id))))
      .orderBy(asc(auditLog.at), asc(auditLog.id)),
    ctx.db
      .select({ version: privacyNotices.version })
      .from(privacyNotices)
      .where(eq(privacyNotices.id, request.privacyNoticeId)),
  ]);
  const r = report[0] ?? null;
  const names = r
    ? await ctx.db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(inArray(users.id, [r.builtBy, r.reviewedBy ?? 0, r.caseReviewedBy ?? 0, r.releasedBy ?? 0]))
    : [];
  const nameOf = (id: number | null) => names.find((n) => n.id === id)?.name ?? null;
  return {
    request,
    history,
    pauses,
    trail,
    noticeVersion: notice[0]?.version ?? null,
    deadline: deadlineOf(request, pauses, localDay(ctx.now(), ctx.zone)),
    report: r
      ? {
          ...r,
          sections: r.sections as ReportSection[],
          hasCases: (r.sections as ReportSection[]).some((s) => s.kind === 'case'),
          builtByName: nameOf(r.builtBy),
          reviewedByName: nameOf(r.reviewedBy),
          caseReviewedByName: nameOf(r.caseReviewedBy),
          releasedByName: nameOf(r.releasedBy),
        }
      : null,
    outcome: (request.outcome as Outcome | null) ?? null,
  };
}
export type ArcoDetail = NonNullable<Awaited<ReturnType<typeof loadArcoDetail>>>;

/** What fulfilment did, kept on the request for the answer letter. */
export interface Outcome {
  rectified?: string[];
  anonymised?: string[];
  kept?: Array<{ ref: string; reason: string }>;
  suppressed?: string[];
}

export type TransitionResult =
  | { ok: true }
  | {
      ok: false;
      reason: 'not_found' | 'not_allowed' | 'reason_required' | 'ground_required' | 'report_not_released';
    };

/**
 * Moves a request along the table in ./status.ts, with the row locked. Entering "requiere
 * información" opens a pause from the next day (the day we ask still counts); leaving it closes
 * the pause on the day the information arrived, so the clock resumes the day after. Every change
 * is written to the history and the audit log, and the person gets an e-mail.
 */
export async function changeArcoStatus(
  ctx: RequestContext,
  input: { folio: string; to: ArcoStatus; reason: string; ground?: RejectionGround | undefined },
): Promise<TransitionResult> {
  const db = ctx.db;
  const [request] = await db
    .select()
    .from(arcoRequests)
    .where(eq(arcoRequests.folio, input.folio))
    .for('update');
  if (!request) return { ok: false, reason: 'not_found' };
  if (!canTransition(request.status, input.to)) return { ok: false, reason: 'not_allowed' };
  if (input.to === 'needs_info' && input.reason.length < 3) return { ok: false, reason: 'reason_required' };
  if (input.to === 'rejected' && !input.ground) return { ok: false, reason: 'ground_required' };
  if (input.to === 'answered' && request.right === 'access') {
    const [report] = await db.select().from(arcoReports).where(eq(arcoReports.requestId, request.id));
    if (!report?.releasedAt) return { ok: false, reason: 'report_not_released' };
  }
  const today = localDay(ctx.now(), ctx.zone);
  await moveStatus(ctx, request, input.to, statusReasonFor(input), today);
  return { ok: true };
}

function statusReasonFor(input: { to: ArcoStatus; reason: string; ground?: RejectionGround | undefined }) {
  if (input.to === 'rejected' && input.ground)
    return [REJECTION_GROUNDS[input.ground], input.reason].filter(Boolean).join(' ');
  return input.reason || null;
}

async function moveStatus(
  ctx: RequestContext,
  request: typeof arcoRequests.$inferSelect,
  to: ArcoStatus,
  reason: string | null,
  today: string,
) {
  const db = ctx.db;
  const now = ctx.now();
  if (to === 'needs_info')
    await db.insert(arcoPauses).values({ requestId: request.id, fromDay: addDays(today, 1), toDay: null });
  if (request.status === 'needs_info') {
    const [open] = await db
      .select()
      .from(arcoPauses)
      .where(and(eq(arcoPauses.requestId, request.id), isNull(arcoPauses.toDay)));
    if (open) {
      if (today < open.fromDay) await db.delete(arcoPauses).where(eq(arcoPauses.id, open.id));
      else await db.update(arcoPauses).set({ toDay: today }).where(eq(arcoPauses.id, open.id));
    }
  }
  const final = to === 'answered' || to === 'rejected';
  await db
    .update(arcoRequests)
    .set({ status: to, statusReason: reason, updatedAt: now, ...(final ? { answeredOn: today } : {}) })
    .where(eq(arcoRequests.id, request.id));
  await db.insert(arcoHistory).values({
    requestId: request.id,
    fromStatus: request.status,
    toStatus: to,
    reason,
    actorUserId: ctx.user?.id ?? null,
    at: now,
  });
  await writeAudit(db, {
    actorUserId: ctx.user?.id ?? null,
    action: 'arco.transition',
    entity: 'arco_request',
    entityId: request.id,
    ip: ctx.ip,
    details: { folio: request.folio, from: request.status, to },
  });
  if (to !== 'received') {
    const mail = await ctx.mail();
    await sendMail(db, {
      to: request.email,
      template: `arco.status.${to}`,
      idempotencyKey: `arco-status-${request.id}-${to}-${now.getTime()}`,
      ...statusMail(
        { folio: request.folio, name: request.representativeName || request.holderName, status: to, reason },
        mail,
        request.locale === 'en' ? 'en' : 'es',
      ),
    });
  }
}

/**
 * A request that came on paper or by e-mail: staff record the day it was received, and the
 * clock counts from there. Audited with the old and new dates. Not in the future; only before
 * the answer.
 */
export async function setReceivedOn(
  ctx: RequestContext,
  input: { folio: string; receivedOn: string; reason: string },
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> } | { ok: false; formError: string }> {
  const today = localDay(ctx.now(), ctx.zone);
  if (input.receivedOn > today)
    return { ok: false, errors: { receivedOn: 'La fecha no puede ser posterior a hoy.' } };
  const [request] = await ctx.db
    .select()
    .from(arcoRequests)
    .where(eq(arcoRequests.folio, input.folio))
    .for('update');
  if (!request) return { ok: false, formError: 'Esa solicitud no existe.' };
  if (!isOpen(request.status))
    return { ok: false, formError: 'La solicitud ya fue respondida: su fecha de recepción no cambia.' };
  const createdDay = localDay(request.createdAt, ctx.zone);
  if (input.receivedOn > createdDay)
    return { ok: false, errors: { receivedOn: 'No puede ser posterior al día en que se capturó.' } };
  await ctx.db
    .update(arcoRequests)
    .set({ receivedOn: input.receivedOn, receivedOnSetBy: ctx.user!.id, updatedAt: ctx.now() })
    .where(eq(arcoRequests.id, request.id));
  await writeAudit(ctx.db, {
    actorUserId: ctx.user!.id,
    action: 'arco.received_on',
    entity: 'arco_request',
    entityId: request.id,
    ip: ctx.ip,
    details: { folio: request.folio, from: request.receivedOn, to: input.receivedOn, how: input.reason },
  });
  return { ok: true };
}

/** The status label in the request's language. */
export const statusLabel = (s: ArcoStatus, locale: ArcoLocale = 'es') => STATUS_LABELS[locale][s];

/**
 * Open requests whose deadline is 5 business days away or less, or past: for the today page and
 * the e-mail job. Paused ones are left out (their clock does not run).
 */
export async function arcoDeadlineAlerts(db: Executor, today: string) {
  const rows = await db
    .select({
      id: arcoRequests.id,
      folio: arcoRequests.folio,
      right: arcoRequests.right,
      status: arcoRequests.status,
      receivedOn: arcoRequests.receivedOn,
      answeredOn: arcoRequests.answeredOn,
    })
    .from(arcoRequests)
    .where(inArray(arcoRequests.status, ['received', 'identity_verified', 'in_progress']));
  if (rows.length === 0) return [];
  const pauses = await db
    .select()
    .from(arcoPauses)
    .where(
      inArray(
        arcoPauses.requestId,
        rows.map((r) => r.id),
      ),
    );
  return rows
    .map((r) => ({
      ...r,
      deadline: deadlineOf(
        r,
        pauses.filter((p) => p.requestId === r.id),
        today,
      ),
    }))
    .filter((r) => r.deadline.state === 'soon' || r.deadline.state === 'overdue')
    .sort((a, b) => (a.deadline.daysLeft ?? 0) - (b.deadline.daysLeft ?? 0));
}

/**
 * The deadline e-mails: to everyone who works the queue, once when a request reaches 5 business
 * days left and once when it becomes overdue (the idempotency key names the state and the
 * deadline, so a moved deadline warns again). Returns how many mails were queued.
 */
export async function queueArcoDeadlineMails(
  db: Executor,
  mail: { publicUrl: string; orgName: string; phone: string },
  today: string,
): Promise<number> {
  const alerts = await arcoDeadlineAlerts(db, today);
  if (alerts.length === 0) return 0;
  const staff = await queueStaff(db);
  let queued = 0;
  for (const a of alerts)
    for (const person of staff) {
      const id = await sendMail(db, {
        to: person.email,
        template: `arco.deadline.${a.deadline.state}`,
        idempotencyKey: `arco-deadline-${a.id}-${a.deadline.state}-${a.deadline.answerBy}-${person.id}`,
        ...staffNoticeMail(a.folio, a.deadline.state === 'overdue' ? 'overdue' : 'soon', mail, a.deadline),
      });
      if (id !== null) queued++;
    }
  return queued;
}
