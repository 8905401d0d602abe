import type { StaffContext } from '~/lib/server/context';
import { type SQL, and, asc, desc, eq, gte, ilike, inArray, like, lt, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import {
  type Role,
  caseCategories,
  cases,
  contactCategories,
  contactDrafts,
  contacts,
  municipalities,
  users,
} from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import { localYear, nextFolio } from '~/lib/server/folio';
import { getCurrentPrivacyNotice } from '~/lib/server/privacy';
import { type CaseSearchInput, type ContactInput, FOLIO_PATTERN } from './schemas';
import { FUTURE_SLACK_MINUTES, OLD_HOURS, STARTED_MESSAGES } from './started';
import { CALLER_ROLE_LABELS, CASE_STATUS_LABELS } from './labels';
import { formatInstant, localDay, parseLocalDateTime, startOfDay, toLocalInput } from '~/lib/time';
import { USUAL_MUNICIPALITIES, sortByName } from '~/lib/sort';
import { rolesWith } from '~/lib/policy';

export interface Actor {
  id: number;
  role: Role;
}
export interface Meta {
  ip: string | null;
}

/** Roles that work with cases at all; comms never does. */
export const CASE_ROLES: readonly Role[] = rolesWith('cases.write');
/** Roles that see every case and its access history. */
export const CASE_OVERSEERS: readonly Role[] = rolesWith('cases.oversee');

export const isOverseer = (actor: Actor) => CASE_OVERSEERS.includes(actor.role);

/**
 * The record-level rule, as SQL to put inside every query on `cases`: supervisors and admins
 * see all; operators the cases they own or are assigned to; anyone else nothing.
 */
export function caseScope(actor: Actor): SQL {
  if (isOverseer(actor)) return sql`true`;
  if (actor.role !== 'operator') return sql`false`;
  return ownOrAssigned(actor.id);
}

/**
 * Cases owned by or assigned to a user. Written as "id = any(array(own ∪ assigned))" rather than
 * "owner = me or exists(…)": the array is computed once and the primary key fetches the user's
 * few thousand cases, instead of filtering every case (see bench/cases.mjs).
 */
function ownOrAssigned(userId: number): SQL {
  return sql`${cases.id} = any(array(select c2.id from cases c2 where c2.owner_id = ${userId} union all select ca.case_id from case_assignees ca where ca.user_id = ${userId}))`;
}

/** Escapes % and _ so typed text matches literally inside LIKE. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The case behind a folio if the actor may see it; null otherwise (callers answer 404). Not audited. */
export async function findCaseInScope(db: Executor, actor: Actor, folio: string, forUpdate = false) {
  if (!FOLIO_PATTERN.test(folio)) return null;
  const q = db
    .select({
      id: cases.id,
      folio: cases.folio,
      status: cases.status,
      ownerId: cases.ownerId,
      anonymizedAt: cases.anonymizedAt,
    })
    .from(cases)
    .where(and(eq(cases.folio, folio), caseScope(actor)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export type CreateContactResult =
  | { ok: true; contactId: number; folio: string | null; newCase: boolean }
  | { ok: false; errors: Record<string, string> };

/**
 * Saves one contact in a single transaction. A data contact either joins an existing case in
 * the actor's scope (reopening it if it was closed) or opens a new case with the next folio.
 * Non-data calls (silent, hang-up…) are stored without a case or a person. The actor's draft
 * is cleared in the same transaction.
 */
export async function createContact(
  ctx: StaffContext<Actor>,
  input: ContactInput,
): Promise<CreateContactResult> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  const timeZone = ctx.zone;
  const now = ctx.now();
  if (!CASE_ROLES.includes(actor.role))
    return { ok: false, errors: { _form: 'Tu rol no registra atenciones.' } };
  const started = input.startedAt ? parseLocalDateTime(input.startedAt, timeZone) : null;
  if (started && !started.ok) return { ok: false, errors: { startedAt: started.error } };
  const startedAt = started ? started.value : now;
  if (startedAt.getTime() > now.getTime() + FUTURE_SLACK_MINUTES * 60_000)
    return { ok: false, errors: { startedAt: STARTED_MESSAGES.future } };
  // A day-old start is usually a slip of the date; a late entry of yesterday's visit says so.
  if (startedAt.getTime() < now.getTime() - OLD_HOURS * 3_600_000 && !input.startedAtConfirmed)
    return { ok: false, errors: { startedAt: STARTED_MESSAGES.old } };
  const isData = input.callType === 'data';

  return db.transaction(async (tx) => {
    let caseId: number | null = null;
    let folio: string | null = null;
    let newCase = false;
    const personName = isData && !input.anonymous ? input.personName : '';
    const phoneDigits = isData && input.followUpConsent ? input.followUpPhone.replace(/\D/g, '') : '';

    if (isData && input.categories.length > 0) {
      const found = await tx
        .select({ id: caseCategories.id })
        .from(caseCategories)
        .where(and(inArray(caseCategories.id, input.categories), eq(caseCategories.active, true)));
      if (found.length !== new Set(input.categories).size)
        return {
          ok: false as const,
          errors: { categories: 'Una de las categorías ya no existe; vuelve a elegirla.' },
        };
    }

    if (isData && input.caseFolio) {
      const existing = await findCaseInScope(tx, actor, input.caseFolio, true);
      if (!existing || existing.anonymizedAt)
        return {
          ok: false as const,
          errors: { caseFolio: 'No encontramos ese folio entre los casos que puedes atender.' },
        };
      caseId = existing.id;
      folio = existing.folio;
      await tx
        .update(cases)
        .set({
          updatedAt: now,
          // A new contact on a closed case means the situation is active again.
          ...(existing.status === 'closed' ? { status: 'open' as const, closedAt: null } : {}),
          ...(personName
            ? {
                personName: sql`case when ${cases.personName} = '' then ${personName} else ${cases.personName} end`,
              }
            : {}),
          ...(phoneDigits ? { personPhone: phoneDigits } : {}),
        })
        .where(eq(cases.id, caseId));
      if (existing.status === 'closed')
        await writeAudit(tx, {
          actorUserId: actor.id,
          action: 'case.reopen',
          entity: 'case',
          entityId: caseId,
          ip: meta.ip,
        });
    } else if (isData) {
      folio = await nextFolio(tx, 'LC', localYear(startedAt, timeZone), 5);
      const [created] = await tx
        .insert(cases)
        .values({
          folio,
          ownerId: actor.id,
          personName,
          personPhone: phoneDigits,
          openedAt: startedAt,
          updatedAt: now,
        })
        .returning({ id: cases.id });
      caseId = created!.id;
      newCase = true;
      await writeAudit(tx, {
        actorUserId: actor.id,
        action: 'case.create',
        entity: 'case',
        entityId: caseId,
        ip: meta.ip,
      });
    }

    let noticeId: number | null = null;
    if (isData && input.privacyNoticeGiven) {
      const notice = await getCurrentPrivacyNotice(tx, 'simplificado');
      noticeId = notice?.id ?? null;
    }

    const [contact] = await tx
      .insert(contacts)
      .values({
        caseId,
        operatorId: actor.id,
        startedAt,
        channel: input.channel,
        durationMinutes: input.durationMinutes,
        callType: input.callType,
        callerRole: isData ? (input.callerRole ?? null) : null,
        anonymous: isData ? input.anonymous : true,
        personName,
        ageRange: isData ? input.ageRange : 'unknown',
        gender: isData ? input.gender : 'unknown',
        municipalityId: isData && input.municipalityId ? input.municipalityId : null,
        followUpConsent: isData && input.followUpConsent,
        followUpPhone: phoneDigits,
        services: isData ? [...new Set(input.services)] : [],
        riskLevel: isData ? input.riskLevel : 'none',
        reportStatus: isData ? input.reportStatus : 'not_applicable',
        reportAuthority: isData && input.reportStatus === 'filed' ? input.reportAuthority : '',
        reportFileNumber: isData && input.reportStatus === 'filed' ? input.reportFileNumber : '',
        summary: input.summary,
        privacyNoticeId: noticeId,
        privacyNoticeGivenAt: noticeId ? now : null,
      })
      .returning({ id: contacts.id });
    const contactId = contact!.id;
    if (isData)
      await tx
        .insert(contactCategories)
        .values([...new Set(input.categories)].map((categoryId) => ({ contactId, categoryId })));
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'contact.create',
      entity: caseId ? 'case' : 'contact',
      entityId: caseId ?? contactId,
      ip: meta.ip,
      details: { contactId, callType: input.callType },
    });
    await tx.delete(contactDrafts).where(eq(contactDrafts.userId, actor.id));
    return { ok: true as const, contactId, folio, newCase };
  });
}

export interface CaseSearchRow {
  id: number;
  folio: string;
  status: 'open' | 'follow_up' | 'closed';
  personName: string;
  ownerName: string;
  openedAt: Date;
  categories: string | null;
}

/**
 * Case search inside the actor's scope. Terms never leave this function: the audit row keeps
 * which filters were used and how many rows came back, not what was typed.
 */
export async function searchCases(
  ctx: StaffContext<Actor>,
  f: CaseSearchInput,
  limit = 50,
  action: 'case.search' | 'case.export' = 'case.search',
) {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  const timeZone = ctx.zone;
  const conds: SQL[] = [caseScope(actor)];
  if (f.folio)
    conds.push(
      FOLIO_PATTERN.test(f.folio) ? eq(cases.folio, f.folio) : ilike(cases.folio, `%${escapeLike(f.folio)}%`),
    );
  if (f.name) conds.push(ilike(cases.personName, `%${escapeLike(f.name)}%`));
  if (f.phone) conds.push(like(cases.personPhone, `%${f.phone}%`));
  if (f.status) conds.push(eq(cases.status, f.status));
  if (f.operatorId) conds.push(ownOrAssigned(f.operatorId));
  if (f.categoryId)
    conds.push(sql`exists (select 1 from ${contacts} join ${contactCategories} on ${contactCategories.contactId} = ${contacts.id}
      join ${caseCategories} on ${caseCategories.id} = ${contactCategories.categoryId}
      where ${contacts.caseId} = ${cases.id} and (${caseCategories.id} = ${f.categoryId} or ${caseCategories.parentId} = ${f.categoryId}))`);
  if (f.from) conds.push(gte(cases.openedAt, startOfDay(f.from, timeZone)));
  if (f.to) conds.push(lt(cases.openedAt, startOfDay(f.to, timeZone, 1)));

  const rows = await db
    .select({
      id: cases.id,
      folio: cases.folio,
      status: cases.status,
      personName: cases.personName,
      ownerName: users.name,
      openedAt: cases.openedAt,
      categories: sql<
        string | null
      >`(select string_agg(distinct ${caseCategories.name}, ', ') from ${contacts}
        join ${contactCategories} on ${contactCategories.contactId} = ${contacts.id}
        join ${caseCategories} on ${caseCategories.id} = ${contactCategories.categoryId}
        where ${contacts.caseId} = ${cases.id})`,
    })
    .from(cases)
    .innerJoin(users, eq(users.id, cases.ownerId))
    .where(and(...conds))
    .orderBy(desc(cases.openedAt), desc(cases.id))
    .limit(limit + 1);
  const used = Object.entries(f)
    .filter(([, v]) => v !== '' && v !== undefined)
    .map(([k]) => k);
  await writeAudit(db, {
    actorUserId: actor.id,
    action,
    entity: 'case',
    ip: meta.ip,
    details: { filters: used, results: Math.min(rows.length, limit) },
  });
  return { rows: rows.slice(0, limit) as CaseSearchRow[], more: rows.length > limit };
}

/** Most rows one export returns; beyond that, narrow the filters. */
export const EXPORT_LIMIT = 5000;

/**
 * The search results as de-identified rows for a spreadsheet (no names or phones), within the
 * actor's scope, audited as an export.
 */
export async function exportCases(ctx: StaffContext<Actor>, f: CaseSearchInput) {
  const timeZone = ctx.zone;
  const { rows, more } = await searchCases(ctx, f, EXPORT_LIMIT, 'case.export');
  return {
    more,
    rows: rows.map((r) => ({
      folio: r.folio,
      estado: CASE_STATUS_LABELS[r.status],
      categorias: r.categories ?? '',
      responsable: r.ownerName,
      apertura: toLocalInput(r.openedAt, timeZone).replace('T', ' '),
    })),
  };
}

/** Active staff who can own or be assigned cases, for filters and assignment. */
export async function listCaseStaff(db: Executor) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, ['operator', 'supervisor'])))
    .orderBy(asc(users.name));
}

/** The whole taxonomy (parents first, in order), for the entry island and the admin screen. */
export async function listCategories(db: Executor, includeInactive = false) {
  return db
    .select({
      id: caseCategories.id,
      parentId: caseCategories.parentId,
      name: caseCategories.name,
      active: caseCategories.active,
      source: caseCategories.source,
    })
    .from(caseCategories)
    .where(includeInactive ? undefined : eq(caseCategories.active, true))
    .orderBy(
      asc(sql`coalesce(${caseCategories.parentId}, ${caseCategories.id})`),
      sql`${caseCategories.parentId} nulls first`,
      asc(caseCategories.sortOrder),
      asc(caseCategories.name),
    );
}

/** Drafts: the form as typed, one per operator, so a dropped browser or tab loses nothing. */
export async function saveDraft(db: Executor, actor: Actor, data: Record<string, unknown>) {
  await db
    .insert(contactDrafts)
    .values({ userId: actor.id, data, updatedAt: new Date() })
    .onConflictDoUpdate({ target: contactDrafts.userId, set: { data, updatedAt: new Date() } });
}

export async function getDraft(db: Executor, actor: Actor) {
  const [row] = await db.select().from(contactDrafts).where(eq(contactDrafts.userId, actor.id));
  return row ?? null;
}

export async function discardDraft(db: Executor, actor: Actor) {
  await db.delete(contactDrafts).where(eq(contactDrafts.userId, actor.id));
}

/** Everything the entry screen needs in one call: taxonomy, municipalities, notice in force, draft. */
export async function loadEntryForm(db: Executor, actor: Actor) {
  const [categories, munis, notice, draft] = await Promise.all([
    listCategories(db),
    db.select({ id: municipalities.id, name: municipalities.name }).from(municipalities),
    getCurrentPrivacyNotice(db, 'simplificado'),
    getDraft(db, actor),
  ]);
  const sorted = sortByName(munis, (m) => m.name, { first: USUAL_MUNICIPALITIES, key: (m) => m.id });
  return { categories, municipalities: sorted, notice, draft };
}

/**
 * How the entry screen names a waiting draft: "10:42" (or "ayer, 10:42" style when older) and who
 * was calling ("Ana López", "una víctima"), so the operator can tell it from the caller on the line.
 */
export function describeDraft(draft: { data: unknown; updatedAt: Date }, zone: string, now: Date) {
  const data = (draft.data ?? {}) as Record<string, unknown>;
  const sameDay = localDay(draft.updatedAt, zone) === localDay(now, zone);
  const time = formatInstant(draft.updatedAt, sameDay ? 'time' : 'weekdayShortTime', zone);
  const name = typeof data.personName === 'string' && data.anonymous !== 'on' ? data.personName.trim() : '';
  const role = typeof data.callerRole === 'string' ? data.callerRole : '';
  const caller =
    name ||
    (role in CALLER_ROLE_LABELS
      ? `${CALLER_ROLE_LABELS[role as keyof typeof CALLER_ROLE_LABELS].toLowerCase()} sin nombre`
      : data.anonymous === 'on'
        ? 'persona anónima'
        : '');
  return { time, caller };
}
