import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { caseCategories, caseNotes, cases, contactCategories, contacts, oficios } from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import { formatInstant } from '~/lib/time';
import { CALLER_ROLE_LABELS, CASE_STATUS_LABELS, CHANNEL_LABELS, SERVICE_LABELS } from './labels';
import { anonymizeCaseRows } from './retention.server';

/**
 * What the cases feature gives the ARCO workflow (features/arco): the cases and contacts that
 * hold a person's data (by the follow-up phone or the case folio), and their anonymisation
 * through the retention mechanism. Every case read here is audited, like any other read.
 */

export interface HeldCase {
  kind: 'case';
  ref: string;
  title: string;
  fields: Array<[label: string, value: string]>;
  /** Oficios to an authority still waiting: the data must be kept (cancellation explains it). */
  active: boolean;
  id: number;
}

const lastTen = (e164: string) => e164.replace(/\D/g, '').slice(-10);

export async function findCasesHeldFor(
  db: Executor,
  terms: { phone?: string; folios?: readonly string[] },
  zone: string,
  actor: { userId: number; ip: string | null; arcoFolio: string },
): Promise<HeldCase[]> {
  const conds = [];
  if (terms.phone && lastTen(terms.phone).length === 10) {
    const digits = lastTen(terms.phone);
    conds.push(sql`right(${cases.personPhone}, 10) = ${digits}`);
    conds.push(
      sql`exists (select 1 from ${contacts} where ${contacts.caseId} = ${cases.id} and right(regexp_replace(${contacts.followUpPhone}, '\\D', '', 'g'), 10) = ${digits})`,
    );
  }
  const folios = (terms.folios ?? []).filter((f) => /^LC-\d{4}-\d{4,6}$/.test(f));
  if (folios.length) conds.push(inArray(cases.folio, folios));
  if (conds.length === 0) return [];
  const found = await db
    .select()
    .from(cases)
    .where(and(or(...conds), isNull(cases.anonymizedAt)))
    .orderBy(asc(cases.openedAt))
    .limit(50);
  if (found.length === 0) return [];
  const ids = found.map((c) => c.id);
  const [contactRows, categoryRows, noteRows, pending] = await Promise.all([
    db.select().from(contacts).where(inArray(contacts.caseId, ids)).orderBy(asc(contacts.startedAt)),
    db
      .select({ contactId: contactCategories.contactId, name: caseCategories.name })
      .from(contactCategories)
      .innerJoin(caseCategories, eq(caseCategories.id, contactCategories.categoryId))
      .innerJoin(contacts, eq(contacts.id, contactCategories.contactId))
      .where(inArray(contacts.caseId, ids)),
    db.select().from(caseNotes).where(inArray(caseNotes.caseId, ids)).orderBy(asc(caseNotes.createdAt)),
    db
      .select({ caseId: oficios.caseId })
      .from(oficios)
      .where(and(inArray(oficios.caseId, ids), inArray(oficios.status, ['sent', 'acknowledged', 'overdue']))),
  ]);
  const pendingIds = new Set(pending.map((p) => p.caseId));
  for (const c of found)
    await writeAudit(db, {
      actorUserId: actor.userId,
      action: 'case.read',
      entity: 'case',
      entityId: c.id,
      ip: actor.ip,
      details: { arco: actor.arcoFolio },
    });
  return found.map((c) => {
    const fields: Array<[string, string]> = [
      ['Abierto', formatInstant(c.openedAt, 'dateLong', zone)],
      ['Estado', CASE_STATUS_LABELS[c.status]],
      ['Nombre', c.personName || '—'],
      ['Teléfono para seguimiento', c.personPhone ? `…${c.personPhone.slice(-4)}` : '—'],
    ];
    for (const k of contactRows.filter((x) => x.caseId === c.id)) {
      const cats = categoryRows.filter((x) => x.contactId === k.id).map((x) => x.name);
      const services = k.services.map((s) => SERVICE_LABELS[s as keyof typeof SERVICE_LABELS] ?? s);
      fields.push([
        `Atención del ${formatInstant(k.startedAt, 'timestamp', zone)}`,
        [
          CHANNEL_LABELS[k.channel],
          k.callerRole ? CALLER_ROLE_LABELS[k.callerRole] : '',
          cats.join(', '),
          services.join(', '),
          k.summary,
        ]
          .filter(Boolean)
          .join(' · '),
      ]);
    }
    for (const n of noteRows.filter((x) => x.caseId === c.id))
      fields.push([`Nota del ${formatInstant(n.createdAt, 'timestamp', zone)}`, n.body]);
    return {
      kind: 'case' as const,
      id: c.id,
      ref: c.folio,
      title: `Caso ${c.folio}`,
      active: pendingIds.has(c.id),
      fields,
    };
  });
}

/**
 * Cancellation of a person's case data, through the retention mechanism (`anonymizeCaseRows`).
 * Cases with an oficio still before an authority are kept: removing them would obstruct that
 * proceeding. Returns the folios anonymised.
 */
export async function anonymizeCasesForArco(
  tx: Executor,
  folios: readonly string[],
  actor: { userId: number; ip: string | null; arcoFolio: string },
  now: Date,
): Promise<string[]> {
  if (folios.length === 0) return [];
  const rows = await tx
    .select({ id: cases.id, folio: cases.folio })
    .from(cases)
    .where(
      and(
        inArray(cases.folio, [...folios]),
        isNull(cases.anonymizedAt),
        sql`not exists (select 1 from ${oficios} where ${oficios.caseId} = ${cases.id} and ${oficios.status} in ('sent', 'acknowledged', 'overdue'))`,
      ),
    )
    .for('update');
  await anonymizeCaseRows(
    tx,
    rows.map((r) => r.id),
    now,
    { actorUserId: actor.userId, ip: actor.ip, details: { arco: actor.arcoFolio } },
  );
  return rows.map((r) => r.folio);
}

/**
 * Rectification of a case's personal data (the ARCO workflow's «corregir un dato»): the name as
 * the person gave it and the follow-up phone, on the case and on its contacts that hold them.
 * An anonymised case has nothing left to correct. Audited on the case, without the values.
 */
export async function rectifyCaseContact(
  tx: Executor,
  folio: string,
  change: { personName?: string; phone?: string },
  actor: { userId: number; ip: string | null; arcoFolio: string },
): Promise<boolean> {
  const name = change.personName?.trim() ?? '';
  const digits = change.phone ? lastTen(change.phone) : '';
  if (!name && digits.length !== 10) return false;
  const [row] = await tx
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.folio, folio), isNull(cases.anonymizedAt)))
    .for('update');
  if (!row) return false;
  const fields: string[] = [];
  if (name) {
    await tx
      .update(contacts)
      .set({ personName: name })
      .where(and(eq(contacts.caseId, row.id), sql`${contacts.personName} <> ''`));
    fields.push('personName');
  }
  if (digits.length === 10) {
    await tx
      .update(contacts)
      .set({ followUpPhone: digits })
      .where(and(eq(contacts.caseId, row.id), eq(contacts.followUpConsent, true)));
    fields.push('phone');
  }
  await tx
    .update(cases)
    .set({
      ...(name ? { personName: name } : {}),
      ...(digits.length === 10 ? { personPhone: digits } : {}),
      updatedAt: new Date(),
    })
    .where(eq(cases.id, row.id));
  await writeAudit(tx, {
    actorUserId: actor.userId,
    action: 'case.rectify',
    entity: 'case',
    entityId: row.id,
    ip: actor.ip,
    details: { fields, arco: actor.arcoFolio },
  });
  return true;
}
