import type { StaffContext } from '~/lib/server/context';
import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { Db, Executor, Tx } from '~db/client';
import {
  type ActivityStatus,
  type ActivityType,
  type AttendanceBreakdown,
  type Role,
  activities,
  operatorBookings,
} from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import { deferPendingMail, withdrawPendingMail } from '~/lib/server/mail/outbox';
import { requestMailKey } from '~/features/requests';
import { getSettings } from '~/lib/server/settings';
import type { Settings } from '~/lib/server/settings';
import { type MailCtx, completeRequestTx, syncRequestAfterChangeTx } from './request-link.server';
import {
  EXCLUSION_VIOLATION,
  MAX_SPAN_MS,
  assignablePeople,
  coverageShortfalls,
  describeConflict,
  pgCode,
  takeSchedulingLock,
  travelWarnings,
} from './rules.server';
import type {
  ActivityInput,
  CancelActivitySchema,
  MoveActivityInput,
  OutcomeInput,
  UpdateActivityInput,
} from './schemas';
import { parseLocalDateTime, zoneOfActivity } from '~/lib/time';
import type { z } from 'astro/zod';
import { rolesWith } from '~/lib/policy';
import { transactionWithRetry } from '~/lib/server/retry';

export interface Actor {
  id: number;
  role: Role;
  name: string;
}
export interface WriteMeta {
  ip: string | null;
}
/** `shortfall`: the cover problem alone, for screens that cannot show the override field. */
export type WriteFail = {
  ok: false;
  errors: Record<string, string>;
  formError?: string;
  needsOverride?: boolean;
  notFound?: boolean;
  shortfall?: string;
};
export type WriteResult<T> = { ok: true; data: T; warnings: string[] } | WriteFail;

export const isPlanner = (actor: { role: Role }) => rolesWith('agenda.plan').includes(actor.role);

/** Thrown inside a transaction to roll it back and answer with `fail`. */
export class Refusal extends Error {
  constructor(readonly fail: WriteFail) {
    super('refused');
  }
}
export const refuse = (
  formError: string,
  errors: Record<string, string> = {},
  extra: Partial<WriteFail> = {},
) => new Refusal({ ok: false, errors, formError, ...extra });

/** Status moves allowed by editing; 'done' only comes through recording the outcome. */
export const ACTIVITY_TRANSITIONS: Readonly<Record<ActivityStatus, readonly ActivityStatus[]>> = {
  tentative: ['confirmed', 'cancelled', 'done'],
  confirmed: ['tentative', 'cancelled', 'done'],
  done: [],
  cancelled: [],
};
export const canMoveStatus = (from: ActivityStatus, to: ActivityStatus) =>
  from === to || ACTIVITY_TRANSITIONS[from].includes(to);

interface Times {
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
}

/** Reads the typed wall-clock times in the zone of the place. */
export function resolveTimes(
  input: Pick<ActivityInput, 'start' | 'end' | 'modality' | 'municipalityId'>,
  orgZone: string,
): Times | WriteFail {
  // In person: the place's own zone, whatever the organisation's; online: the organisation's.
  const timeZone = zoneOfActivity(input, orgZone);
  const start = parseLocalDateTime(input.start, timeZone);
  const end = parseLocalDateTime(input.end, timeZone);
  if (!start.ok || !end.ok)
    return {
      ok: false,
      errors: { ...(start.ok ? {} : { start: start.error }), ...(end.ok ? {} : { end: end.error }) },
    };
  const [startsAt, endsAt] = [start.value, end.value];
  if (endsAt <= startsAt) return { ok: false, errors: { end: 'El fin debe ser después del inicio.' } };
  if (endsAt.getTime() - startsAt.getTime() > MAX_SPAN_MS)
    return { ok: false, errors: { end: 'Una actividad no puede durar más de 31 días.' } };
  return { startsAt, endsAt, timeZone };
}

/**
 * Runs one scheduling write in a transaction. A refusal rolls everything back; an exclusion
 * violation (double booking, whatever the race) becomes a message naming the clash.
 */
export async function runWrite<T>(
  db: Db,
  clash: () => { operatorIds: number[]; startsAt: Date; endsAt: Date; excludeActivityId?: number },
  zone: string,
  body: (tx: Tx) => Promise<{ data: T; warnings: string[] }>,
): Promise<WriteResult<T>> {
  try {
    // Concurrent inserts into the exclusion constraint can deadlock; a retry then sees the clash.
    const { data, warnings } = await transactionWithRetry(db, body);
    return { ok: true, data, warnings };
  } catch (error) {
    if (error instanceof Refusal) return error.fail;
    if (pgCode(error) === EXCLUSION_VIOLATION) {
      const c = clash();
      return {
        ok: false,
        errors: {},
        formError: await describeConflict(db, c.operatorIds, c.startsAt, c.endsAt, zone, c.excludeActivityId),
      };
    }
    throw error;
  }
}

/**
 * Who is assigned, and the hotline-cover check. Operators may only schedule themselves;
 * going below cover needs a supervisor and a written reason, which is recorded.
 */
export async function checkPeopleAndCover(
  tx: Tx,
  actor: Actor,
  settings: Settings,
  zone: string,
  slot: {
    startsAt: Date;
    endsAt: Date;
    operatorIds: number[];
    overrideReason: string;
    excludeActivityId?: number;
  },
): Promise<{ people: Awaited<ReturnType<typeof assignablePeople>>; override: string | null }> {
  const people = await assignablePeople(tx, slot.operatorIds);
  if (people.length !== slot.operatorIds.length)
    throw refuse('Revisa a quién asignas.', {
      operatorIds: 'Alguna de las personas elegidas no está activa o no puede asignarse.',
    });
  if (Number.parseInt(settings.hotlineMinOperators, 10) > 0) await takeSchedulingLock(tx);
  const short = await coverageShortfalls(
    tx,
    settings,
    zone,
    slot.startsAt,
    slot.endsAt,
    slot.operatorIds,
    slot.excludeActivityId,
  );
  if (short.length === 0) return { people, override: null };
  const what = `La línea se quedaría sin la cobertura mínima: ${short.join('; ')}.`;
  if (!isPlanner(actor)) throw refuse(`${what} Pide a supervisión que lo autorice.`);
  if (!slot.overrideReason) {
    throw refuse(
      `${what} Para programarla de todos modos, escribe el motivo de la excepción.`,
      { overrideReason: 'Escribe el motivo para autorizar la excepción.' },
      { needsOverride: true, shortfall: what },
    );
  }
  return { people, override: slot.overrideReason };
}

/** Inserts an activity and its assignments inside `tx`; the caller runs it through `runWrite`. */
export async function insertActivityTx(
  tx: Tx,
  actor: Actor,
  settings: Settings,
  zone: string,
  input: ActivityInput,
  times: Times,
  meta: WriteMeta,
  workshopRequestId: number | null = null,
) {
  const operatorIds = [...new Set(input.operatorIds)];
  if (!isPlanner(actor) && (operatorIds.length !== 1 || operatorIds[0] !== actor.id)) {
    throw refuse('Revisa a quién asignas.', {
      operatorIds: 'Solo puedes programarte a ti; supervisión asigna a otras personas.',
    });
  }
  const { people, override } = await checkPeopleAndCover(tx, actor, settings, zone, {
    ...times,
    operatorIds,
    overrideReason: input.overrideReason,
  });
  const [row] = await tx
    .insert(activities)
    .values({
      type: input.type,
      title: input.title,
      startsAt: times.startsAt,
      endsAt: times.endsAt,
      timeZone: times.timeZone,
      modality: input.modality,
      place: input.modality === 'presencial' ? input.place : '',
      municipalityId: input.modality === 'presencial' ? input.municipalityId : null,
      onlineUrl: input.modality === 'en_linea' ? input.onlineUrl : null,
      status: input.status,
      notes: input.notes,
      workshopRequestId,
      coverageOverrideReason: override,
      createdBy: actor.id,
    })
    .returning();
  await tx.insert(operatorBookings).values(
    operatorIds.map((operatorId) => ({
      operatorId,
      kind: 'activity' as const,
      activityId: row!.id,
      startsAt: times.startsAt,
      endsAt: times.endsAt,
      createdBy: actor.id,
    })),
  );
  await writeAudit(tx, {
    actorUserId: actor.id,
    action: 'activity.create',
    entity: 'activity',
    entityId: row!.id,
    ip: meta.ip,
    details: { operatorIds, ...(override ? { coverageOverride: override } : {}) },
  });
  const warnings = await travelWarnings(tx, settings, zone, row!, operatorIds);
  return { row: row!, people, warnings };
}

export async function createActivity(
  ctx: StaffContext<Actor>,
  input: ActivityInput,
): Promise<WriteResult<{ id: number }>> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  const zone = ctx.zone;
  const times = resolveTimes(input, zone);
  if ('ok' in times) return times;
  const settings = await getSettings(db);
  return runWrite(
    db,
    () => ({ operatorIds: input.operatorIds, ...times }),
    zone,
    async (tx) => {
      const { row, warnings } = await insertActivityTx(tx, actor, settings, zone, input, times, meta);
      return { data: { id: row.id }, warnings };
    },
  );
}

/** Locks the activity if the actor may edit it: planners any, operators only their own. */
export async function loadEditable(tx: Executor, actor: Actor, id: number) {
  const own = isPlanner(actor)
    ? sql`true`
    : sql`exists (select 1 from ${operatorBookings} b where b.activity_id = ${activities.id} and b.operator_id = ${actor.id})`;
  const [row] = await tx
    .select()
    .from(activities)
    .where(and(eq(activities.id, id), own))
    .for('update');
  if (row) return row;
  const [exists] = await tx.select({ id: activities.id }).from(activities).where(eq(activities.id, id));
  throw exists
    ? refuse('Solo puedes cambiar las actividades en las que participas; pide el cambio a supervisión.')
    : new Refusal({ ok: false, errors: {}, formError: 'Esa actividad no existe.', notFound: true });
}

async function assignedIds(tx: Executor, activityId: number): Promise<number[]> {
  const rows = await tx
    .select({ id: operatorBookings.operatorId })
    .from(operatorBookings)
    .where(eq(operatorBookings.activityId, activityId));
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

type Activity = typeof activities.$inferSelect;

/** How long "Deshacer" is offered on screen, and how long a drag's mail is held back for it. */
export const UNDO_WINDOW_MS = 10_000;
const MAIL_HOLD_MS = 15_000;
/** The server accepts an undo a little later than the screen offers it (slow networks). */
const UNDO_ACCEPT_MS = 60_000;

/** What an edit or a move answers: who was told, and what "Deshacer" needs to put it back. */
export interface MoveData {
  id: number;
  told: { institution: string; notified: boolean } | null;
  /** The activity's version after the change; an undo applies only to this version. */
  sequence: number;
  previous: { start: string; end: string };
}

interface Patch {
  type?: ActivityType;
  title?: string;
  startsAt: Date;
  endsAt: Date;
  timeZone?: string;
  modality?: 'presencial' | 'en_linea';
  place?: string;
  municipalityId?: string | null;
  onlineUrl?: string | null;
  status?: 'tentative' | 'confirmed';
  notes?: string;
  operatorIds?: number[];
  overrideReason: string;
}

/** The one path for edits and drags: same rules, same constraint, same request sync. */
async function changeActivity(
  db: Db,
  actor: Actor,
  id: number,
  patch: Patch,
  meta: WriteMeta,
  mail: MailCtx,
  zone: string,
  action: string,
  /** Tell the outside party; a function decides inside the transaction, from the locked row. */
  notify: boolean | ((tx: Tx, before: Activity) => Promise<boolean>) = true,
): Promise<WriteResult<MoveData>> {
  const settings = await getSettings(db);
  let operatorIds: number[] = patch.operatorIds ?? [];
  return runWrite(
    db,
    () => ({ operatorIds, startsAt: patch.startsAt, endsAt: patch.endsAt, excludeActivityId: id }),
    zone,
    async (tx) => {
      const before = await loadEditable(tx, actor, id);
      if (before.status === 'done' || before.status === 'cancelled')
        throw refuse('Esta actividad ya está cerrada (realizada o cancelada) y no se puede mover.');
      const notifyNow = typeof notify === 'function' ? await notify(tx, before) : notify;
      if (patch.status && !canMoveStatus(before.status, patch.status))
        throw refuse('Ese cambio de estado no es posible.');
      const current = await assignedIds(tx, id);
      operatorIds = patch.operatorIds ? [...new Set(patch.operatorIds)].sort((a, b) => a - b) : current;
      if (!isPlanner(actor) && operatorIds.join() !== current.join())
        throw refuse('Revisa a quién asignas.', {
          operatorIds: 'Solo supervisión cambia a las personas asignadas.',
        });
      const { override } = await checkPeopleAndCover(tx, actor, settings, zone, {
        startsAt: patch.startsAt,
        endsAt: patch.endsAt,
        operatorIds,
        overrideReason: patch.overrideReason,
        excludeActivityId: id,
      });
      const { overrideReason: _ignored, operatorIds: _ids, ...fields } = patch;
      // Drop the people taken off it BEFORE the activity moves: otherwise the trigger drags
      // their bookings into the new slot first, and the constraint refuses a clash that the
      // same edit is removing (issue 12 #14). The activity row is already locked above, so
      // the lock order (activity, then its bookings) stays the same.
      if (patch.operatorIds)
        await tx
          .delete(operatorBookings)
          .where(
            and(eq(operatorBookings.activityId, id), notInArray(operatorBookings.operatorId, operatorIds)),
          );
      const [after] = await tx
        .update(activities)
        .set({
          ...fields,
          sequence: sql`${activities.sequence} + 1`,
          updatedAt: new Date(),
          ...(override ? { coverageOverrideReason: override } : {}),
        })
        .where(eq(activities.id, id))
        .returning();
      // Assignments follow the activity through the trigger; only who is assigned changes here.
      if (patch.operatorIds) {
        const added = operatorIds.filter((o) => !current.includes(o));
        if (added.length)
          await tx.insert(operatorBookings).values(
            added.map((operatorId) => ({
              operatorId,
              kind: 'activity' as const,
              activityId: id,
              startsAt: patch.startsAt,
              endsAt: patch.endsAt,
              createdBy: actor.id,
            })),
          );
      }
      await writeAudit(tx, {
        actorUserId: actor.id,
        action,
        entity: 'activity',
        entityId: id,
        ip: meta.ip,
        details: {
          from: before.startsAt.toISOString(),
          to: after!.startsAt.toISOString(),
          operatorIds,
          ...(override ? { coverageOverride: override } : {}),
          ...(notifyNow ? {} : { notified: false }),
        },
      });
      const told = await syncRequestAfterChangeTx(tx, before, after!, mail, actor.id, notifyNow);
      // A drag's mail waits out the undo window, so "Deshacer" can still withdraw it.
      if (told?.notified && action === 'activity.move' && after!.workshopRequestId)
        await deferPendingMail(
          tx,
          requestMailKey('changed', after!.workshopRequestId, id, after!.sequence),
          new Date(Date.now() + MAIL_HOLD_MS),
        );
      const data: MoveData = {
        id,
        told,
        sequence: after!.sequence,
        previous: { start: before.startsAt.toISOString(), end: before.endsAt.toISOString() },
      };
      return { data, warnings: await travelWarnings(tx, settings, zone, after!, operatorIds) };
    },
  );
}

export async function updateActivity(
  ctx: StaffContext<Actor>,
  input: Omit<UpdateActivityInput, 'notify' | 'notifyShown'> & {
    notify?: boolean | undefined;
    notifyShown?: string | undefined;
  },
) {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  const mail = await ctx.mail();
  const zone = ctx.zone;
  const times = resolveTimes(input, zone);
  if ('ok' in times) return times;
  const presencial = input.modality === 'presencial';
  return changeActivity(
    db,
    actor,
    input.id,
    {
      ...times,
      type: input.type,
      title: input.title,
      modality: input.modality,
      place: presencial ? input.place : '',
      municipalityId: presencial ? input.municipalityId : null,
      onlineUrl: presencial ? null : input.onlineUrl,
      status: input.status,
      notes: input.notes,
      operatorIds: input.operatorIds,
      overrideReason: input.overrideReason,
    },
    meta,
    mail,
    zone,
    'activity.update',
    // The form's checkbox (on by default); callers without it tell the institution, as before.
    input.notifyShown ? input.notify === true : (input.notify ?? true),
  );
}

/** Drag or resize on the calendar. */
export async function moveActivity(
  ctx: StaffContext<Actor>,
  input: Omit<MoveActivityInput, 'notify'> & { notify?: boolean | undefined },
) {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  const mail = await ctx.mail();
  const zone = ctx.zone;
  const startsAt = new Date(input.start);
  const endsAt = new Date(input.end);
  if (endsAt.getTime() - startsAt.getTime() > MAX_SPAN_MS)
    return { ok: false as const, errors: {}, formError: 'Una actividad no puede durar más de 31 días.' };
  return changeActivity(
    db,
    actor,
    input.id,
    { startsAt, endsAt, overrideReason: input.overrideReason },
    meta,
    mail,
    zone,
    'activity.move',
    input.notify ?? true,
  );
}

/**
 * "Deshacer" after a drag: puts the activity back where it was, if nobody changed it since.
 * The mail the move queued is withdrawn if it has not gone; then the institution hears nothing
 * (its page shows the original date again). If it had already gone, they are told the date is
 * back to the original, so what they last read is never wrong.
 */
export async function undoMove(
  ctx: StaffContext<Actor>,
  input: { id: number; sequence: number; start: string; end: string },
): Promise<WriteResult<MoveData & { withdrawn: boolean }>> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  const mail = await ctx.mail();
  const zone = ctx.zone;
  const now = ctx.now();
  const startsAt = new Date(input.start);
  const endsAt = new Date(input.end);
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime()) || endsAt <= startsAt)
    return { ok: false, errors: {}, formError: 'No se pudo deshacer: fechas no válidas.' };
  let withdrawn = false;
  const r = await changeActivity(
    db,
    actor,
    input.id,
    { startsAt, endsAt, overrideReason: '' },
    meta,
    mail,
    zone,
    'activity.move.undo',
    async (tx, before) => {
      if (before.sequence !== input.sequence)
        throw refuse('La actividad cambió después del movimiento; ábrela para revisarla.');
      if (now.getTime() - before.updatedAt.getTime() > UNDO_ACCEPT_MS)
        throw refuse('Ya pasó el tiempo para deshacer; mueve la actividad de nuevo si hace falta.');
      if (!before.workshopRequestId) return false;
      const key = requestMailKey('changed', before.workshopRequestId, before.id, before.sequence);
      const outcome = await withdrawPendingMail(tx, key, {
        actorUserId: actor.id,
        ip: meta.ip,
        reason: 'activity.move.undo',
      });
      withdrawn = outcome === 'withdrawn';
      return outcome === 'gone';
    },
  );
  return r.ok ? { ...r, data: { ...r.data, withdrawn } } : r;
}

export async function cancelActivity(
  ctx: StaffContext<Actor>,
  input: z.output<typeof CancelActivitySchema>,
): Promise<WriteResult<{ id: number }>> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  const mail = await ctx.mail();
  try {
    return await db.transaction(async (tx) => {
      const before = await loadEditable(tx, actor, input.id);
      if (!canMoveStatus(before.status, 'cancelled') || before.status === 'cancelled')
        throw refuse('Esta actividad ya está cerrada.');
      const [after] = await tx
        .update(activities)
        .set({
          status: 'cancelled',
          cancelReason: input.reason,
          sequence: sql`${activities.sequence} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(activities.id, input.id))
        .returning();
      await writeAudit(tx, {
        actorUserId: actor.id,
        action: 'activity.cancel',
        entity: 'activity',
        entityId: input.id,
        ip: meta.ip,
      });
      await syncRequestAfterChangeTx(tx, before, after!, mail, actor.id);
      return { ok: true as const, data: { id: input.id }, warnings: [] };
    });
  } catch (error) {
    if (error instanceof Refusal) return error.fail;
    throw error;
  }
}

/** After the session: attendance and notes; the activity is done and its request completed. */
export async function recordOutcome(
  ctx: StaffContext<Actor>,
  input: Pick<OutcomeInput, 'id' | 'attendanceTotal' | 'outcomeNotes' | 'materials'> & {
    [K in keyof AttendanceBreakdown]?: number | undefined;
  },
): Promise<WriteResult<{ id: number }>> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  const now = ctx.now();
  try {
    return await db.transaction(async (tx) => {
      const before = await loadEditable(tx, actor, input.id);
      if (before.status === 'cancelled' || before.status === 'done')
        throw refuse('Esta actividad ya está cerrada; su resultado no se puede cambiar.');
      if (before.startsAt > now)
        throw refuse('La actividad todavía no empieza: registra el resultado cuando haya ocurrido.');
      const { id, attendanceTotal, outcomeNotes, materials, ...groups } = input;
      const attendance = Object.fromEntries(Object.entries(groups).filter(([, v]) => v !== undefined));
      await tx
        .update(activities)
        .set({
          status: 'done',
          attendanceTotal,
          attendance,
          outcomeNotes,
          materials,
          outcomeRecordedAt: now,
          outcomeRecordedBy: actor.id,
          updatedAt: now,
          sequence: sql`${activities.sequence} + 1`,
        })
        .where(eq(activities.id, id));
      await writeAudit(tx, {
        actorUserId: actor.id,
        action: 'activity.outcome',
        entity: 'activity',
        entityId: id,
        ip: meta.ip,
        details: { attendanceTotal },
      });
      if (before.workshopRequestId) await completeRequestTx(tx, before.workshopRequestId, actor.id);
      return { ok: true as const, data: { id }, warnings: [] };
    });
  } catch (error) {
    if (error instanceof Refusal) return error.fail;
    throw error;
  }
}

/** Time off blocks scheduling exactly like an activity (same table, same constraint). */
export async function createTimeOff(
  ctx: StaffContext<Actor>,
  input: { operatorId: number; start: string; end: string; reason: string },
): Promise<WriteResult<{ id: number }>> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  const zone = ctx.zone;
  if (!isPlanner(actor) && input.operatorId !== actor.id)
    return { ok: false, errors: { operatorId: 'Solo puedes registrar tus propias ausencias.' } };
  const start = parseLocalDateTime(input.start, zone);
  const end = parseLocalDateTime(input.end, zone);
  if (!start.ok || !end.ok)
    return {
      ok: false,
      errors: { ...(start.ok ? {} : { start: start.error }), ...(end.ok ? {} : { end: end.error }) },
    };
  const [startsAt, endsAt] = [start.value, end.value];
  if (endsAt <= startsAt)
    return { ok: false, errors: { end: 'Revisa las fechas: el fin debe ser después del inicio.' } };
  if (endsAt.getTime() - startsAt.getTime() > 4 * MAX_SPAN_MS)
    return { ok: false, errors: { end: 'Registra ausencias de hasta cuatro meses a la vez.' } };
  return runWrite(
    db,
    () => ({ operatorIds: [input.operatorId], startsAt, endsAt }),
    zone,
    async (tx) => {
      const people = await assignablePeople(tx, [input.operatorId]);
      if (people.length !== 1)
        throw refuse('Revisa la persona.', { operatorId: 'Esa persona no está activa.' });
      const [row] = await tx
        .insert(operatorBookings)
        .values({
          operatorId: input.operatorId,
          kind: 'time_off',
          startsAt,
          endsAt,
          reason: input.reason,
          createdBy: actor.id,
        })
        .returning({ id: operatorBookings.id });
      await writeAudit(tx, {
        actorUserId: actor.id,
        action: 'timeoff.create',
        entity: 'operator_booking',
        entityId: row!.id,
        ip: meta.ip,
        details: { operatorId: input.operatorId },
      });
      return { data: { id: row!.id }, warnings: [] };
    },
  );
}

export async function deleteTimeOff(ctx: StaffContext<Actor>, id: number): Promise<boolean> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  return db.transaction(async (tx) => {
    const scope = isPlanner(actor) ? undefined : eq(operatorBookings.operatorId, actor.id);
    const rows = await tx
      .delete(operatorBookings)
      .where(and(eq(operatorBookings.id, id), eq(operatorBookings.kind, 'time_off'), scope))
      .returning({ id: operatorBookings.id });
    if (rows.length)
      await writeAudit(tx, {
        actorUserId: actor.id,
        action: 'timeoff.delete',
        entity: 'operator_booking',
        entityId: id,
        ip: meta.ip,
      });
    return rows.length > 0;
  });
}
