import type { StaffContext } from '~/lib/server/context';
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { type OficioStatus, cases, dirContacts, dirOrganizations, oficios, users } from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import { localYear, nextFolio } from '~/lib/server/folio';
import type { CaseChangeResult } from './case-detail.server';
import { type Actor, caseScope, findCaseInScope } from './cases.server';
import { OFICIO_TEMPLATES, type OficioTemplate, fillTemplate } from './oficio-templates';

/**
 * Oficio status machine. "overdue" is entered by `markOverdueOficios` when the response due
 * date passes without an answer; an answer still closes it.
 */
export const OFICIO_TRANSITIONS: Record<OficioStatus, readonly OficioStatus[]> = {
  draft: ['sent'],
  sent: ['acknowledged', 'answered', 'overdue'],
  acknowledged: ['answered', 'overdue'],
  overdue: ['answered'],
  answered: [],
};
export const canMoveOficio = (from: OficioStatus, to: OficioStatus) => OFICIO_TRANSITIONS[from].includes(to);

type Result = CaseChangeResult & { number?: string; folio?: string };
const NOT_FOUND = { ok: false as const, notFound: true as const };

export interface NewOficio {
  folio: string;
  addresseeOrganizationId: number;
  template: OficioTemplate;
  subject?: string;
}

/** Creates a numbered draft from a template, addressed to an organisation of the directory. */
export async function createOficio(ctx: StaffContext<Actor>, input: NewOficio): Promise<Result> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  const timeZone = ctx.zone;
  const now = ctx.now();
  return db.transaction(async (tx) => {
    const c = await findCaseInScope(tx, actor, input.folio, true);
    if (!c) return NOT_FOUND;
    if (c.anonymizedAt)
      return { ok: false as const, errors: { addresseeOrganizationId: 'Este caso fue anonimizado.' } };
    const [org] = await tx
      .select()
      .from(dirOrganizations)
      .where(eq(dirOrganizations.id, input.addresseeOrganizationId));
    if (!org)
      return {
        ok: false as const,
        errors: { addresseeOrganizationId: 'Elige la autoridad u organización del directorio.' },
      };
    const [person] = await tx
      .select()
      .from(dirContacts)
      .where(eq(dirContacts.organizationId, org.id))
      .orderBy(asc(dirContacts.id))
      .limit(1);
    const [author] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.id));
    const template = OFICIO_TEMPLATES[input.template];
    const number = await nextFolio(tx, 'OF', localYear(now, timeZone), 4);
    const body = fillTemplate(template.body, {
      folio: c.folio,
      autoridad: org.name,
      firmante: author?.name ?? '',
    });
    const [row] = await tx
      .insert(oficios)
      .values({
        caseId: c.id,
        number,
        addresseeOrganizationId: org.id,
        addresseeName: person?.name ?? `Titular de ${org.name}`,
        addresseeTitle: person?.title ?? '',
        subject: input.subject || template.subject,
        body,
        createdById: actor.id,
      })
      .returning({ id: oficios.id });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'oficio.create',
      entity: 'case',
      entityId: c.id,
      ip: meta.ip,
      details: { oficioId: row!.id, number },
    });
    return { ok: true as const, number, folio: c.folio };
  });
}

/** The oficio with its case, if the case is in the actor's scope. Reading it is a case read: audited. */
/**
 * One oficio in the actor's scope (audited read). With `today`, an unanswered oficio past its
 * deadline reads as 'overdue' even before the hourly job has stored that: a GET never writes it.
 */
export async function getOficio(ctx: StaffContext<Actor>, number: string, today?: string) {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  const [row] = await db
    .select({
      oficio: oficios,
      folio: cases.folio,
      caseId: cases.id,
      organizationName: dirOrganizations.name,
      authorName: users.name,
    })
    .from(oficios)
    .innerJoin(cases, eq(cases.id, oficios.caseId))
    .innerJoin(users, eq(users.id, oficios.createdById))
    .leftJoin(dirOrganizations, eq(dirOrganizations.id, oficios.addresseeOrganizationId))
    .where(and(eq(oficios.number, number), caseScope(actor)));
  if (!row) return null;
  await writeAudit(db, {
    actorUserId: actor.id,
    action: 'oficio.read',
    entity: 'case',
    entityId: row.caseId,
    ip: meta.ip,
    details: { oficioId: row.oficio.id },
  });
  const { status, responseDueOn } = row.oficio;
  if (today && (status === 'sent' || status === 'acknowledged') && responseDueOn && responseDueOn < today)
    return { ...row, oficio: { ...row.oficio, status: 'overdue' as const } };
  return row;
}

export async function listCaseOficios(db: Executor, caseId: number) {
  return db
    .select({
      id: oficios.id,
      number: oficios.number,
      status: oficios.status,
      subject: oficios.subject,
      addresseeName: oficios.addresseeName,
      organizationName: dirOrganizations.name,
      responseDueOn: oficios.responseDueOn,
    })
    .from(oficios)
    .leftJoin(dirOrganizations, eq(dirOrganizations.id, oficios.addresseeOrganizationId))
    .where(eq(oficios.caseId, caseId))
    .orderBy(asc(oficios.id));
}

export type OficioEvent =
  | { type: 'edit'; addresseeName: string; addresseeTitle: string; subject: string; body: string }
  | {
      type: 'send';
      sentOn: string;
      sentMethod: 'oficialia' | 'hand' | 'email' | 'courier';
      responseDueOn: string;
    }
  | { type: 'acknowledge'; ackOn: string }
  | { type: 'answer'; responseOn: string; responseSummary: string };

const TARGET: Record<Exclude<OficioEvent['type'], 'edit'>, OficioStatus> = {
  send: 'sent',
  acknowledge: 'acknowledged',
  answer: 'answered',
};

/** Applies one event to an oficio, checking the transition table and the dates' order. */
export async function applyOficioEvent(
  ctx: StaffContext<Actor>,
  number: string,
  event: OficioEvent,
  today: string,
): Promise<Result> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: oficios.id,
        status: oficios.status,
        sentOn: oficios.sentOn,
        caseId: oficios.caseId,
        folio: cases.folio,
      })
      .from(oficios)
      .innerJoin(cases, eq(cases.id, oficios.caseId))
      .where(and(eq(oficios.number, number), caseScope(actor)))
      .for('update', { of: oficios });
    if (!row) return NOT_FOUND;
    const fail = (field: string, message: string) => ({ ok: false as const, errors: { [field]: message } });
    let set: Partial<typeof oficios.$inferInsert>;
    if (event.type === 'edit') {
      if (row.status !== 'draft') return fail('body', 'Solo se puede editar un oficio en borrador.');
      set = {
        addresseeName: event.addresseeName,
        addresseeTitle: event.addresseeTitle,
        subject: event.subject,
        body: event.body,
      };
    } else {
      const to = TARGET[event.type];
      // An acknowledgement arriving after the due date does not undo "overdue".
      if (event.type === 'acknowledge' && row.status === 'overdue') set = { ackOn: event.ackOn };
      else if (!canMoveOficio(row.status, to))
        return fail('_form', 'Ese cambio no corresponde al estado actual del oficio.');
      else set = { status: to };
      if (event.type === 'send') {
        if (event.sentOn > today) return fail('sentOn', 'La fecha de envío no puede ser futura.');
        if (event.responseDueOn <= event.sentOn)
          return fail('responseDueOn', 'La respuesta debe vencer después del envío.');
        Object.assign(set, {
          sentOn: event.sentOn,
          sentMethod: event.sentMethod,
          responseDueOn: event.responseDueOn,
        });
      } else if (event.type === 'acknowledge') {
        if (event.ackOn < row.sentOn! || event.ackOn > today)
          return fail('ackOn', 'El acuse debe tener fecha entre el envío y hoy.');
        set.ackOn = event.ackOn;
      } else {
        if (event.responseOn < row.sentOn! || event.responseOn > today)
          return fail('responseOn', 'La respuesta debe tener fecha entre el envío y hoy.');
        Object.assign(set, { responseOn: event.responseOn, responseSummary: event.responseSummary });
      }
    }
    await tx
      .update(oficios)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(oficios.id, row.id));
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: `oficio.${event.type}`,
      entity: 'case',
      entityId: row.caseId,
      ip: meta.ip,
      details: { oficioId: row.id, from: row.status, to: set.status ?? row.status },
    });
    return { ok: true as const, number, folio: row.folio };
  });
}

/**
 * Job: oficios sent or acknowledged whose response was due before `today` become overdue.
 * Idempotent; returns how many moved. Runs at start-up and hourly (see oficio-job), and the
 * queue also shows late ones immediately whatever the job's timing.
 */
export async function markOverdueOficios(db: Executor, today: string): Promise<number> {
  const moved = await db
    .update(oficios)
    .set({ status: 'overdue', updatedAt: new Date() })
    .where(and(inArray(oficios.status, ['sent', 'acknowledged']), lt(oficios.responseDueOn, today)))
    .returning({ id: oficios.id, caseId: oficios.caseId });
  for (const m of moved)
    await writeAudit(db, {
      action: 'oficio.overdue',
      entity: 'case',
      entityId: m.caseId,
      details: { oficioId: m.id },
    });
  return moved.length;
}

/** Late oficios in the actor's scope (for the follow-up queue): response due before today, unanswered. */
export async function listOverdueOficios(db: Executor, actor: Actor, today: string) {
  return db
    .select({
      number: oficios.number,
      folio: cases.folio,
      subject: oficios.subject,
      responseDueOn: oficios.responseDueOn,
      organizationName: dirOrganizations.name,
    })
    .from(oficios)
    .innerJoin(cases, eq(cases.id, oficios.caseId))
    .leftJoin(dirOrganizations, eq(dirOrganizations.id, oficios.addresseeOrganizationId))
    .where(
      and(
        inArray(oficios.status, ['sent', 'acknowledged', 'overdue']),
        sql`${oficios.responseDueOn} < ${today}`,
        caseScope(actor),
      ),
    )
    .orderBy(asc(oficios.responseDueOn));
}
