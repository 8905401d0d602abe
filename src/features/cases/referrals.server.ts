import type { StaffContext } from '~/lib/server/context';
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { cases, dirOrganizations, dirServices, referrals, users } from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import type { CaseChangeResult } from './case-detail.server';
import { type Actor, caseScope, findCaseInScope } from './cases.server';

type Outcome = 'pending' | 'attended' | 'not_attended' | 'declined' | 'unknown';

/** Refers a case in scope to an active directory service. */
export async function createReferral(
  ctx: StaffContext<Actor>,
  folio: string,
  serviceId: number,
  notes: string,
): Promise<CaseChangeResult & { id?: number }> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  return db.transaction(async (tx) => {
    const c = await findCaseInScope(tx, actor, folio, true);
    if (!c) return { ok: false as const, notFound: true as const };
    if (c.anonymizedAt) return { ok: false as const, errors: { serviceId: 'Este caso fue anonimizado.' } };
    const [svc] = await tx
      .select({ id: dirServices.id })
      .from(dirServices)
      .where(and(eq(dirServices.id, serviceId), eq(dirServices.status, 'active')));
    if (!svc)
      return { ok: false as const, errors: { serviceId: 'Ese servicio no está activo en el directorio.' } };
    const [row] = await tx
      .insert(referrals)
      .values({ caseId: c.id, serviceId, referredById: actor.id, notes })
      .returning({ id: referrals.id });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'referral.create',
      entity: 'case',
      entityId: c.id,
      ip: meta.ip,
      details: { referralId: row!.id, serviceId },
    });
    return { ok: true as const, id: row!.id };
  });
}

/** Records what came of a referral; it can be corrected later, each change audited. */
export async function recordReferralOutcome(
  ctx: StaffContext<Actor>,
  id: number,
  outcome: Outcome,
  outcomeNotes: string,
): Promise<CaseChangeResult & { folio?: string }> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  const now = ctx.now();
  if (outcome === 'pending') return { ok: false, errors: { outcome: 'Elige el resultado.' } };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: referrals.id, caseId: referrals.caseId, folio: cases.folio })
      .from(referrals)
      .innerJoin(cases, eq(cases.id, referrals.caseId))
      .where(and(eq(referrals.id, id), caseScope(actor)))
      .for('update', { of: referrals });
    if (!row) return { ok: false as const, notFound: true as const };
    await tx.update(referrals).set({ outcome, outcomeNotes, outcomeAt: now }).where(eq(referrals.id, id));
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'referral.outcome',
      entity: 'case',
      entityId: row.caseId,
      ip: meta.ip,
      details: { referralId: id, outcome },
    });
    return { ok: true as const, folio: row.folio };
  });
}

/** Referrals of a case the caller has already read through getCaseTimeline (which audits the read). */
export async function listCaseReferrals(db: Executor, caseId: number) {
  return db
    .select({
      id: referrals.id,
      referredAt: referrals.referredAt,
      notes: referrals.notes,
      outcome: referrals.outcome,
      outcomeNotes: referrals.outcomeNotes,
      outcomeAt: referrals.outcomeAt,
      serviceName: dirServices.name,
      organizationId: dirOrganizations.id,
      organizationName: dirOrganizations.name,
      referredBy: users.name,
    })
    .from(referrals)
    .innerJoin(dirServices, eq(dirServices.id, referrals.serviceId))
    .innerJoin(dirOrganizations, eq(dirOrganizations.id, dirServices.organizationId))
    .innerJoin(users, eq(users.id, referrals.referredById))
    .where(eq(referrals.caseId, caseId))
    .orderBy(asc(referrals.referredAt));
}
