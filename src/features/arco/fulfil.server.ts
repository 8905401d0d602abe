import { eq } from 'drizzle-orm';
import { type ArcoStatus, arcoHistory, arcoReports, arcoRequests } from '~db/schema';
import { anonymizeCasesForArco, findCasesHeldFor, rectifyCaseContact } from '~/features/cases';
import {
  anonymizeRegistrations,
  findRegistrationsHeldFor,
  rectifyRegistrationContact,
} from '~/features/events';
import { anonymizeRequests, findRequestsHeldFor, rectifyRequestContact } from '~/features/requests';
import { can } from '~/lib/policy';
import { writeAudit } from '~/lib/server/audit';
import type { RequestContext } from '~/lib/server/context';
import { suppressContact } from '~/lib/server/mail/suppressions';
import { localDay } from '~/lib/time';
import { type Outcome, type ReportSection, changeArcoStatus } from './queue.server';
import { REJECTION_GROUNDS } from './labels';
import { mayFulfil } from './status';

/**
 * Fulfilling a request. Every step needs the identity verified first (status "identidad
 * verificada" or "en trámite"), goes through the owning feature's own functions, and is audited
 * on the ARCO request. The first step moves a verified request to "en trámite".
 */

export type FulfilFailure =
  | 'not_found'
  | 'not_verified'
  | 'no_terms'
  | 'no_report'
  | 'not_reviewed'
  | 'cases_not_reviewed'
  | 'not_supervisor'
  | 'already_released'
  | 'not_found_target'
  | 'nothing_to_change';
export type FulfilResult<T = undefined> = { ok: true; data: T } | { ok: false; reason: FulfilFailure };

export const FULFIL_MESSAGES: Record<FulfilFailure, string> = {
  not_found: 'Esa solicitud no existe.',
  not_verified: 'Primero verifica la identidad de la persona (estado «Identidad verificada»).',
  no_terms: 'Escribe al menos un correo, un teléfono o un folio para buscar.',
  no_report: 'Primero genera el informe de acceso.',
  not_reviewed: 'Falta que una persona con el permiso de privacidad revise el informe.',
  cases_not_reviewed: 'El informe tiene casos: falta la revisión de supervisión antes de entregarlo.',
  not_supervisor: 'La revisión de casos la hace supervisión o coordinación.',
  already_released: 'El informe ya se entregó; genera uno nuevo solo si la persona lo pide.',
  not_found_target: 'No encontramos ese registro.',
  nothing_to_change: 'Escribe al menos un dato corregido.',
};

export interface SearchTerms {
  email: string;
  phone: string;
  folios: string[];
}

/** Folios typed by staff: "T-2026-0042, LC-2026-00123" → each, upper-cased. */
export function parseFolios(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(/[\s,;]+/)
        .map((f) => f.trim().toUpperCase())
        .filter(Boolean),
    ),
  ].slice(0, 20);
}

async function lockRequest(ctx: RequestContext, folio: string) {
  const [request] = await ctx.db
    .select()
    .from(arcoRequests)
    .where(eq(arcoRequests.folio, folio))
    .for('update');
  return request ?? null;
}

async function audit(
  ctx: RequestContext,
  request: { id: number; folio: string },
  action: string,
  details: Record<string, unknown> = {},
) {
  await writeAudit(ctx.db, {
    actorUserId: ctx.user?.id ?? null,
    action,
    entity: 'arco_request',
    entityId: request.id,
    ip: ctx.ip,
    details: { folio: request.folio, ...details },
  });
}

/** The first fulfilment step moves a verified request to "en trámite" (with its history row). */
async function markInProgress(
  ctx: RequestContext,
  request: { id: number; folio: string; status: ArcoStatus },
) {
  if (request.status !== 'identity_verified') return;
  await ctx.db
    .update(arcoRequests)
    .set({ status: 'in_progress', updatedAt: ctx.now() })
    .where(eq(arcoRequests.id, request.id));
  await ctx.db.insert(arcoHistory).values({
    requestId: request.id,
    fromStatus: 'identity_verified',
    toStatus: 'in_progress',
    actorUserId: ctx.user?.id ?? null,
    at: ctx.now(),
  });
  await audit(ctx, request, 'arco.transition', { from: 'identity_verified', to: 'in_progress' });
}

/** What every feature holds for these terms, as report sections (cases audited as read). */
async function searchHeld(
  ctx: RequestContext,
  terms: SearchTerms,
  arcoFolio: string,
): Promise<ReportSection[]> {
  const actor = { userId: ctx.user!.id, ip: ctx.ip, arcoFolio };
  const { email, phone } = terms;
  const [requests, registrations, cases] = await Promise.all([
    findRequestsHeldFor(ctx.db, { email, phone, folios: terms.folios }, ctx.zone),
    findRegistrationsHeldFor(ctx.db, { email, phone }, ctx.zone, ctx.now()),
    findCasesHeldFor(ctx.db, { phone, folios: terms.folios }, ctx.zone, actor),
  ]);
  return [...requests, ...registrations, ...cases.map(({ id: _id, ...c }) => c)];
}

/**
 * Access: searches workshop requests, event registrations, and cases with their contacts by
 * e-mail, phone (E.164) or folio, and stores the report as it will be released. A new report
 * replaces an unreleased one and clears its reviews.
 */
export async function buildAccessReport(
  ctx: RequestContext,
  input: { folio: string } & SearchTerms,
): Promise<FulfilResult<{ sections: number }>> {
  const request = await lockRequest(ctx, input.folio);
  if (!request) return { ok: false, reason: 'not_found' };
  if (!mayFulfil(request.status)) return { ok: false, reason: 'not_verified' };
  if (!input.email && !input.phone && input.folios.length === 0) return { ok: false, reason: 'no_terms' };
  const [existing] = await ctx.db.select().from(arcoReports).where(eq(arcoReports.requestId, request.id));
  if (existing?.releasedAt) return { ok: false, reason: 'already_released' };
  const sections = await searchHeld(ctx, input, request.folio);
  const now = ctx.now();
  const row = {
    terms: { email: input.email, phone: input.phone, folios: input.folios },
    sections,
    builtBy: ctx.user!.id,
    builtAt: now,
    reviewedBy: null,
    reviewedAt: null,
    caseReviewedBy: null,
    caseReviewedAt: null,
  };
  await ctx.db
    .insert(arcoReports)
    .values({ requestId: request.id, ...row })
    .onConflictDoUpdate({ target: arcoReports.requestId, set: row });
  await markInProgress(ctx, request);
  await audit(ctx, request, 'arco.report.build', {
    sections: sections.length,
    kinds: [...new Set(sections.map((s) => s.kind))],
  });
  return { ok: true, data: { sections: sections.length } };
}

/** The privacy reviewer's sign-off on the report as built. */
export async function reviewAccessReport(ctx: RequestContext, folio: string): Promise<FulfilResult> {
  const request = await lockRequest(ctx, folio);
  if (!request) return { ok: false, reason: 'not_found' };
  const [report] = await ctx.db.select().from(arcoReports).where(eq(arcoReports.requestId, request.id));
  if (!report) return { ok: false, reason: 'no_report' };
  if (report.releasedAt) return { ok: false, reason: 'already_released' };
  await ctx.db
    .update(arcoReports)
    .set({ reviewedBy: ctx.user!.id, reviewedAt: ctx.now() })
    .where(eq(arcoReports.requestId, request.id));
  await audit(ctx, request, 'arco.report.review');
  return { ok: true, data: undefined };
}

/**
 * Case contents leave only after a supervisor (or coordination) reviewed them: what a victim
 * said can name other people, and a supervisor judges what must be withheld to protect them.
 */
export async function reviewAccessReportCases(ctx: RequestContext, folio: string): Promise<FulfilResult> {
  if (!can(ctx.user, 'cases.oversee')) return { ok: false, reason: 'not_supervisor' };
  const request = await lockRequest(ctx, folio);
  if (!request) return { ok: false, reason: 'not_found' };
  const [report] = await ctx.db.select().from(arcoReports).where(eq(arcoReports.requestId, request.id));
  if (!report) return { ok: false, reason: 'no_report' };
  if (report.releasedAt) return { ok: false, reason: 'already_released' };
  await ctx.db
    .update(arcoReports)
    .set({ caseReviewedBy: ctx.user!.id, caseReviewedAt: ctx.now() })
    .where(eq(arcoReports.requestId, request.id));
  await audit(ctx, request, 'arco.report.review_cases');
  return { ok: true, data: undefined };
}

/**
 * Releases the reviewed report to the person's private link and answers the request: the
 * answer and its effect (the data made available) happen together. Audited.
 */
export async function releaseAccessReport(ctx: RequestContext, folio: string): Promise<FulfilResult> {
  const request = await lockRequest(ctx, folio);
  if (!request) return { ok: false, reason: 'not_found' };
  if (!mayFulfil(request.status)) return { ok: false, reason: 'not_verified' };
  const [report] = await ctx.db.select().from(arcoReports).where(eq(arcoReports.requestId, request.id));
  if (!report) return { ok: false, reason: 'no_report' };
  if (report.releasedAt) return { ok: false, reason: 'already_released' };
  if (!report.reviewedAt) return { ok: false, reason: 'not_reviewed' };
  const sections = report.sections as ReportSection[];
  if (sections.some((s) => s.kind === 'case') && !report.caseReviewedAt)
    return { ok: false, reason: 'cases_not_reviewed' };
  const now = ctx.now();
  await ctx.db
    .update(arcoReports)
    .set({ releasedBy: ctx.user!.id, releasedAt: now })
    .where(eq(arcoReports.requestId, request.id));
  await ctx.db
    .update(arcoRequests)
    .set({ effectiveOn: localDay(now, ctx.zone) })
    .where(eq(arcoRequests.id, request.id));
  await audit(ctx, request, 'arco.report.release', { sections: sections.length });
  await changeArcoStatus(ctx, {
    folio,
    to: 'answered',
    reason:
      sections.length === 0
        ? 'No encontramos datos personales tuyos con los datos que nos diste.'
        : `Tu informe de acceso está listo: ${sections.length} ${sections.length === 1 ? 'registro' : 'registros'}.`,
  });
  return { ok: true, data: undefined };
}

async function saveOutcome(ctx: RequestContext, id: number, previous: unknown, add: Outcome) {
  const prev = (previous as Outcome | null) ?? {};
  const merged: Outcome = {
    rectified: [...(prev.rectified ?? []), ...(add.rectified ?? [])],
    anonymised: [...(prev.anonymised ?? []), ...(add.anonymised ?? [])],
    kept: [...(prev.kept ?? []), ...(add.kept ?? [])],
    suppressed: [...new Set([...(prev.suppressed ?? []), ...(add.suppressed ?? [])])],
  };
  await ctx.db
    .update(arcoRequests)
    .set({ outcome: merged, effectiveOn: localDay(ctx.now(), ctx.zone), updatedAt: ctx.now() })
    .where(eq(arcoRequests.id, id));
}

/** Rectification of a workshop request's or an event registration's contact details. */
export async function rectifyContact(
  ctx: RequestContext,
  input: {
    folio: string;
    target: 'request' | 'registration' | 'case';
    targetRef: string;
    contactName: string;
    contactEmail: string;
    contactPhone: string;
  },
): Promise<FulfilResult> {
  const request = await lockRequest(ctx, input.folio);
  if (!request) return { ok: false, reason: 'not_found' };
  if (!mayFulfil(request.status)) return { ok: false, reason: 'not_verified' };
  if (!input.contactName && !input.contactEmail && !input.contactPhone)
    return { ok: false, reason: 'nothing_to_change' };
  const actor = { userId: ctx.user!.id, ip: ctx.ip, arcoFolio: request.folio };
  let done: boolean;
  if (input.target === 'request')
    done = await rectifyRequestContact(
      ctx.db,
      input.targetRef.toUpperCase(),
      { contactName: input.contactName, contactEmail: input.contactEmail, contactPhone: input.contactPhone },
      actor,
    );
  else if (input.target === 'case') {
    // Case contents are the line's: only supervision or coordination touch them.
    if (ctx.user!.role === 'operator') return { ok: false, reason: 'not_supervisor' };
    done = await rectifyCaseContact(
      ctx.db,
      input.targetRef.toUpperCase(),
      { personName: input.contactName, phone: input.contactPhone },
      actor,
    );
  } else {
    const id = /^\d{1,9}$/.test(input.targetRef) ? Number(input.targetRef) : null;
    done =
      id !== null &&
      (await rectifyRegistrationContact(
        ctx.db,
        id,
        { name: input.contactName, email: input.contactEmail, phone: input.contactPhone },
        actor,
      ));
  }
  if (!done) return { ok: false, reason: 'not_found_target' };
  const label =
    input.target === 'request'
      ? `Solicitud ${input.targetRef.toUpperCase()}`
      : input.target === 'case'
        ? `Caso ${input.targetRef.toUpperCase()}`
        : `Registro ${input.targetRef}`;
  await markInProgress(ctx, request);
  await saveOutcome(ctx, request.id, request.outcome, { rectified: [label] });
  await audit(ctx, request, 'arco.rectify', { target: input.target, ref: input.targetRef });
  return { ok: true, data: undefined };
}

/**
 * Cancellation: finds the person's records and anonymises each through its feature (cases
 * through the retention mechanism). Records the law or the relationship in course requires us to
 * keep stay, each with its reason for the answer.
 */
export async function cancelPersonalData(
  ctx: RequestContext,
  input: { folio: string } & SearchTerms,
): Promise<FulfilResult<Outcome>> {
  const request = await lockRequest(ctx, input.folio);
  if (!request) return { ok: false, reason: 'not_found' };
  if (!mayFulfil(request.status)) return { ok: false, reason: 'not_verified' };
  if (!input.email && !input.phone && input.folios.length === 0) return { ok: false, reason: 'no_terms' };
  const actor = { userId: ctx.user!.id, ip: ctx.ip, arcoFolio: request.folio };
  const sections = await searchHeld(ctx, input, request.folio);
  const now = ctx.now();
  const reqs = sections.filter((s) => s.kind === 'request');
  const regs = sections.filter((s) => s.kind === 'registration');
  const cases = sections.filter((s) => s.kind === 'case');
  const doneReqs = await anonymizeRequests(
    ctx.db,
    reqs.filter((s) => !s.active).map((s) => s.ref),
    actor,
  );
  const doneRegs = await anonymizeRegistrations(
    ctx.db,
    regs.filter((s) => !s.active).map((s) => Number(s.ref)),
    actor,
    now,
  );
  const doneCases = await anonymizeCasesForArco(
    ctx.db,
    cases.filter((s) => !s.active).map((s) => s.ref),
    actor,
    now,
  );
  const kept: Array<{ ref: string; reason: string }> = [];
  for (const s of sections) {
    const done =
      (s.kind === 'request' && doneReqs.includes(s.ref)) ||
      (s.kind === 'registration' && doneRegs.includes(Number(s.ref))) ||
      (s.kind === 'case' && doneCases.includes(s.ref));
    if (done) continue;
    kept.push({
      ref: s.title,
      reason:
        s.kind === 'case'
          ? `${REJECTION_GROUNDS.must_keep} Hay un oficio ante una autoridad que sigue en trámite.`
          : 'Sigue en curso (una plática o un evento por realizarse): la cancelamos cuando termine, o puedes cancelarla tú desde tu enlace.',
    });
  }
  const outcome: Outcome = {
    anonymised: sections
      .filter(
        (s) =>
          (s.kind === 'request' && doneReqs.includes(s.ref)) ||
          (s.kind === 'registration' && doneRegs.includes(Number(s.ref))) ||
          (s.kind === 'case' && doneCases.includes(s.ref)),
      )
      .map((s) => s.title),
    kept,
  };
  await markInProgress(ctx, request);
  await saveOutcome(ctx, request.id, request.outcome, outcome);
  await audit(ctx, request, 'arco.cancel', {
    anonymised: outcome.anonymised!.length,
    kept: kept.length,
  });
  return { ok: true, data: outcome };
}

/**
 * Opposition and revocation: the request's own e-mail and phone go on the suppression list,
 * which the reminder and announcement mailers consult.
 */
export async function flagOpposition(ctx: RequestContext, folio: string): Promise<FulfilResult> {
  const request = await lockRequest(ctx, folio);
  if (!request) return { ok: false, reason: 'not_found' };
  if (!mayFulfil(request.status)) return { ok: false, reason: 'not_verified' };
  await suppressContact(ctx.db, { kind: 'email', value: request.email, arcoRequestId: request.id });
  const suppressed = [request.email];
  if (request.phone) {
    await suppressContact(ctx.db, { kind: 'phone', value: request.phone, arcoRequestId: request.id });
    suppressed.push(request.phone);
  }
  await markInProgress(ctx, request);
  await saveOutcome(ctx, request.id, request.outcome, { suppressed });
  await audit(ctx, request, 'arco.flag', { kinds: request.phone ? ['email', 'phone'] : ['email'] });
  return { ok: true, data: undefined };
}
