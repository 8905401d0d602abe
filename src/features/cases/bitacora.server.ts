import type { StaffContext } from '~/lib/server/context';
import { and, asc, desc, eq, gte, isNotNull, isNull, lt } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { cases, contacts, dailyLogs, followUps, users } from '~db/schema';
import { operatorActivitiesBetween } from '~/features/scheduling';
import { writeAudit } from '~/lib/server/audit';
import { type Actor, isOverseer } from './cases.server';
import { CALL_TYPE_LABELS, CHANNEL_LABELS, FOLLOW_UP_TYPE_LABELS } from './labels';
import { addDays, toInstant } from '~/lib/time';

export type Shift = 'matutino' | 'vespertino' | 'nocturno';
export const SHIFT_LABELS: Record<Shift, string> = {
  matutino: 'Matutino (7 a 15 h)',
  vespertino: 'Vespertino (15 a 23 h)',
  nocturno: 'Nocturno (23 a 7 h)',
};
const SHIFT_HOURS: Record<Shift, [start: string, end: string, endsNextDay: boolean]> = {
  matutino: ['07:00', '15:00', false],
  vespertino: ['15:00', '23:00', false],
  nocturno: ['23:00', '07:00', true],
};

/** A log's life: open (being written) → closed (by its operator) → signed off (by a supervisor). */
export const LOG_TRANSITIONS = { open: ['closed'], closed: ['signed_off'], signed_off: [] } as const;
export type LogState = keyof typeof LOG_TRANSITIONS;
export const logState = (l: { closedAt: Date | null; signedOffAt: Date | null } | null): LogState =>
  !l?.closedAt ? 'open' : l.signedOffAt ? 'signed_off' : 'closed';

/** The UTC interval of a shift on a local day (the night shift runs into the next morning). */
export function shiftWindow(day: string, shift: Shift, timeZone: string): [Date, Date] {
  const [start, end, nextDay] = SHIFT_HOURS[shift];
  return [
    toInstant(`${day}T${start}`, timeZone),
    toInstant(`${nextDay ? addDays(day, 1) : day}T${end}`, timeZone),
  ];
}

/** The shift a local hour falls in (0–23). Hours before 7 belong to the previous day's night shift. */
export function shiftAt(hour: number): Shift {
  return hour >= 7 && hour < 15 ? 'matutino' : hour >= 15 && hour < 23 ? 'vespertino' : 'nocturno';
}

export interface DayActivity {
  at: Date;
  kind: 'contact' | 'followup' | 'activity';
  label: string;
  detail: string;
  folio: string | null;
  minutes: number;
}

/**
 * What the operator did in a time window, for the daily log: contacts, completed follow-ups and
 * the outreach activities they were assigned to (not cancelled) that overlap the window.
 * Returns no summaries or names: the log lists what was done, the case holds what was said.
 */
export async function listOperatorDayActivities(
  db: Executor,
  operatorId: number,
  from: Date,
  to: Date,
): Promise<DayActivity[]> {
  const [contactRows, followUpRows, activityRows] = await Promise.all([
    db
      .select({
        at: contacts.startedAt,
        channel: contacts.channel,
        callType: contacts.callType,
        minutes: contacts.durationMinutes,
        folio: cases.folio,
      })
      .from(contacts)
      .leftJoin(cases, eq(cases.id, contacts.caseId))
      .where(
        and(eq(contacts.operatorId, operatorId), gte(contacts.startedAt, from), lt(contacts.startedAt, to)),
      ),
    db
      .select({ at: followUps.doneAt, type: followUps.type, folio: cases.folio })
      .from(followUps)
      .innerJoin(cases, eq(cases.id, followUps.caseId))
      .where(
        and(
          eq(followUps.assigneeId, operatorId),
          isNotNull(followUps.doneAt),
          gte(followUps.doneAt, from),
          lt(followUps.doneAt, to),
        ),
      ),
    operatorActivitiesBetween(db, operatorId, from, to),
  ]);
  return [
    ...contactRows.map((c): DayActivity => ({
      at: c.at,
      kind: 'contact',
      label: CHANNEL_LABELS[c.channel],
      detail: CALL_TYPE_LABELS[c.callType],
      folio: c.folio,
      minutes: c.minutes,
    })),
    ...followUpRows.map((f): DayActivity => ({
      at: f.at!,
      kind: 'followup',
      label: `Seguimiento: ${FOLLOW_UP_TYPE_LABELS[f.type]}`,
      detail: 'Hecho',
      folio: f.folio,
      minutes: 0,
    })),
    ...activityRows.map((a): DayActivity => ({
      at: a.startsAt,
      kind: 'activity',
      label: `${a.typeLabel}: ${a.title}`,
      detail: a.statusLabel,
      folio: null,
      minutes: Math.round((a.endsAt.getTime() - a.startsAt.getTime()) / 60000),
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * One operator's log for a day and shift, with its activities. Operators read only their own;
 * supervisors and admins anyone's (audited, since it lists case folios).
 */
export async function getDailyLog(ctx: StaffContext<Actor>, operatorId: number, day: string, shift: Shift) {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  const timeZone = ctx.zone;
  if (operatorId !== actor.id && !isOverseer(actor)) return null;
  const [operator] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.id, operatorId));
  if (!operator) return null;
  const [log] = await db
    .select()
    .from(dailyLogs)
    .where(and(eq(dailyLogs.operatorId, operatorId), eq(dailyLogs.day, day), eq(dailyLogs.shift, shift)));
  const [from, to] = shiftWindow(day, shift, timeZone);
  const activities = await listOperatorDayActivities(db, operatorId, from, to);
  if (operatorId !== actor.id)
    await writeAudit(db, {
      actorUserId: actor.id,
      action: 'daily_log.read',
      entity: 'daily_log',
      entityId: log?.id ?? `${operatorId}:${day}:${shift}`,
      ip: meta.ip,
    });
  return { operator, log: log ?? null, state: logState(log ?? null), activities };
}

type LogResult = { ok: true } | { ok: false; errors: Record<string, string> };

async function ensureLog(tx: Executor, operatorId: number, day: string, shift: Shift) {
  await tx.insert(dailyLogs).values({ operatorId, day, shift }).onConflictDoNothing();
  const [log] = await tx
    .select()
    .from(dailyLogs)
    .where(and(eq(dailyLogs.operatorId, operatorId), eq(dailyLogs.day, day), eq(dailyLogs.shift, shift)))
    .for('update');
  return log!;
}

/** Saves the free notes of the actor's own log, and closes it when asked. A closed log is frozen. */
export async function saveDailyLog(
  ctx: StaffContext<Actor>,
  day: string,
  shift: Shift,
  notes: string,
  close: boolean,
): Promise<LogResult> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  return db.transaction(async (tx) => {
    const log = await ensureLog(tx, actor.id, day, shift);
    if (log.closedAt) return { ok: false as const, errors: { notes: 'Esta bitácora ya está cerrada.' } };
    await tx
      .update(dailyLogs)
      .set({ notes, updatedAt: new Date(), ...(close ? { closedAt: new Date() } : {}) })
      .where(eq(dailyLogs.id, log.id));
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: close ? 'daily_log.close' : 'daily_log.save',
      entity: 'daily_log',
      entityId: log.id,
      ip: meta.ip,
    });
    return { ok: true as const };
  });
}

/** A supervisor (or admin) signs off a closed log; never their own. */
export async function signOffDailyLog(ctx: StaffContext<Actor>, logId: number): Promise<LogResult> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  if (!isOverseer(actor)) return { ok: false, errors: { _form: 'Solo supervisión firma las bitácoras.' } };
  return db.transaction(async (tx) => {
    const [log] = await tx.select().from(dailyLogs).where(eq(dailyLogs.id, logId)).for('update');
    if (!log) return { ok: false as const, errors: { _form: 'Esa bitácora no existe.' } };
    if (log.operatorId === actor.id)
      return { ok: false as const, errors: { _form: 'No puedes firmar tu propia bitácora.' } };
    if (logState(log) !== 'closed')
      return {
        ok: false as const,
        errors: { _form: log.signedOffAt ? 'Ya estaba firmada.' : 'La bitácora aún no se cierra.' },
      };
    await tx
      .update(dailyLogs)
      .set({ signedOffById: actor.id, signedOffAt: new Date() })
      .where(eq(dailyLogs.id, log.id));
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'daily_log.sign_off',
      entity: 'daily_log',
      entityId: log.id,
      ip: meta.ip,
    });
    return { ok: true as const };
  });
}

/** Closed logs waiting for a supervisor's signature, oldest first. */
export async function listLogsAwaitingSignOff(db: Executor) {
  return db
    .select({
      id: dailyLogs.id,
      day: dailyLogs.day,
      shift: dailyLogs.shift,
      operatorId: dailyLogs.operatorId,
      operatorName: users.name,
      closedAt: dailyLogs.closedAt,
    })
    .from(dailyLogs)
    .innerJoin(users, eq(users.id, dailyLogs.operatorId))
    .where(and(isNotNull(dailyLogs.closedAt), isNull(dailyLogs.signedOffAt)))
    .orderBy(asc(dailyLogs.day), asc(users.name))
    .limit(200);
}

/** The actor's recent logs, for quick navigation. */
export async function listRecentLogs(db: Executor, operatorId: number) {
  return db
    .select({
      id: dailyLogs.id,
      day: dailyLogs.day,
      shift: dailyLogs.shift,
      closedAt: dailyLogs.closedAt,
      signedOffAt: dailyLogs.signedOffAt,
    })
    .from(dailyLogs)
    .where(eq(dailyLogs.operatorId, operatorId))
    .orderBy(desc(dailyLogs.day))
    .limit(14);
}
