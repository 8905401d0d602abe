import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db, Executor } from '~db/client';
import {
  caseNotes,
  cases,
  contactDrafts,
  contacts,
  followUps,
  oficios,
  referrals,
  settings,
} from '~db/schema';
import { writeAudit } from '~/lib/server/audit';

export const RETENTION_SETTING = 'caseRetentionYears';
export const DEFAULT_RETENTION_YEARS = 5;
const REDACTED = '[Anonimizado por la política de conservación]';

/** Years a closed case keeps its personal data (a setting admins change). */
export async function getRetentionYears(db: Executor): Promise<number> {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, RETENTION_SETTING));
  const n = Number(row?.value);
  return Number.isInteger(n) && n >= 1 && n <= 50 ? n : DEFAULT_RETENTION_YEARS;
}

export async function setRetentionYears(
  db: Db,
  actorId: number,
  years: number,
  ip: string | null,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(settings)
      .values({ key: RETENTION_SETTING, value: years, updatedAt: new Date() })
      .onConflictDoUpdate({ target: settings.key, set: { value: years, updatedAt: new Date() } });
    await writeAudit(tx, {
      actorUserId: actorId,
      action: 'settings.retention',
      entity: 'settings',
      entityId: RETENTION_SETTING,
      ip,
      details: { years },
    });
  });
}

/**
 * The retention job: closed cases whose closing is older than the retention period lose their
 * personal data and free text (names, phones, summaries, notes, letters), keeping what reports
 * need (dates, categories, services, risk, age range, gender, municipality). Works in batches,
 * each in one transaction, skipping rows another instance is handling. Idempotent.
 */
export async function anonymizeExpiredCases(
  db: Db,
  now = new Date(),
  opts: { years?: number; batch?: number } = {},
): Promise<number> {
  const years = opts.years ?? (await getRetentionYears(db));
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  let total = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const due = await tx
        .select({ id: cases.id })
        .from(cases)
        .where(and(eq(cases.status, 'closed'), lt(cases.closedAt, cutoff), isNull(cases.anonymizedAt)))
        .limit(opts.batch ?? 200)
        .for('update', { skipLocked: true });
      if (due.length === 0) return 0;
      const ids = due.map((d) => d.id);
      await anonymizeCaseRows(tx, ids, now, { actorLabel: 'retención', details: { years } });
      return ids.length;
    });
    total += done;
    if (done === 0) return total;
  }
}

/**
 * Removes the personal data and free text of these cases (names, phones, summaries, notes,
 * letters), keeping what reports need (dates, categories, services, risk, age range, gender,
 * municipality), with one audit row each. The one anonymisation of cases: the retention job and
 * an ARCO cancellation (features/arco, through `anonymizeCasesForArco`) both use it.
 */
export async function anonymizeCaseRows(
  tx: Executor,
  ids: readonly number[],
  now: Date,
  audit: { actorUserId?: number; actorLabel?: string; ip?: string | null; details: Record<string, unknown> },
): Promise<void> {
  if (ids.length === 0) return;
  const list = [...ids];
  await tx
    .update(cases)
    .set({ personName: '', personPhone: '', anonymizedAt: now, updatedAt: now })
    .where(inArray(cases.id, list));
  await tx
    .update(contacts)
    .set({
      personName: '',
      followUpPhone: '',
      reportFileNumber: '',
      summary: sql`case when ${contacts.summary} = '' then '' else ${REDACTED} end`,
    })
    .where(inArray(contacts.caseId, list));
  await tx.update(caseNotes).set({ body: REDACTED }).where(inArray(caseNotes.caseId, list));
  await tx
    .update(followUps)
    .set({ outcome: sql`case when ${followUps.outcome} = '' then '' else ${REDACTED} end` })
    .where(inArray(followUps.caseId, list));
  await tx.update(referrals).set({ notes: '', outcomeNotes: '' }).where(inArray(referrals.caseId, list));
  await tx.update(oficios).set({ body: REDACTED, responseSummary: '' }).where(inArray(oficios.caseId, list));
  for (const id of list)
    await writeAudit(tx, {
      actorUserId: audit.actorUserId ?? null,
      actorLabel: audit.actorLabel ?? null,
      action: 'case.anonymize',
      entity: 'case',
      entityId: id,
      ip: audit.ip ?? null,
      details: audit.details,
    });
}

/** For the admin screen: the period in force, how many closed cases are past it, how many were anonymised. */
export async function retentionStatus(db: Executor, now = new Date()) {
  const years = await getRetentionYears(db);
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  const [row] = await db
    .select({
      due: sql<number>`count(*) filter (where ${cases.status} = 'closed' and ${cases.closedAt} < ${cutoff.toISOString()}::timestamptz and ${cases.anonymizedAt} is null)::int`,
      done: sql<number>`count(*) filter (where ${cases.anonymizedAt} is not null)::int`,
    })
    .from(cases);
  return { years, due: row?.due ?? 0, done: row?.done ?? 0 };
}

/** Unsaved entry drafts hold personal data too: they go after `days` without being touched. */
export async function purgeStaleDrafts(db: Executor, now = new Date(), days = 7): Promise<number> {
  const gone = await db
    .delete(contactDrafts)
    .where(lt(contactDrafts.updatedAt, new Date(now.getTime() - days * 86_400_000)))
    .returning({ userId: contactDrafts.userId });
  return gone.length;
}
