import { and, asc, desc, eq, gt, inArray, isNull, max, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '~db/client';
import { type BreakKind, type FloorState, floorStates, helpRequests, sessions, users } from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import type { Settings } from '~/lib/server/settings';
import { activitySummary, currentActivities, currentShift } from '~/features/scheduling';
import type { BreakKindName, FloorStateName, HelpReasonName, StateChoice } from './labels';
import type { RaiseHelpInput } from './schemas';

/**
 * The live floor: the only writer of `floor_states` and `help_requests`. Every write sends one
 * NOTIFY on FLOOR_CHANNEL inside its transaction (delivered at commit) carrying the event itself,
 * so each instance's stream hub fans it out without reading it back.
 */
export const FLOOR_CHANNEL = 'vinculo_floor';
/** No request from a person for this long while on a state other than "fuera de turno": "sin confirmar". */
export const UNCONFIRMED_MS = 10 * 60 * 1000;
/** Roles that take part on the line (and appear on the board). */
const LINE_ROLES = ['operator', 'supervisor'] as const;

export interface Actor {
  id: number;
  role: 'admin' | 'supervisor' | 'operator' | 'comms';
}

export interface StateEvent {
  type: 'state';
  id: number;
  userId: number;
  name: string;
  state: FloorStateName;
  breakKind: BreakKindName | null;
  startedAt: string;
  activity: { id: number; title: string; place: string } | null;
}

export interface HelpEvent {
  type: 'help';
  id: number;
  helpId: number;
  userId: number;
  name: string;
  reason: HelpReasonName;
  text: string;
  createdAt: string;
  answeredByName: string | null;
  answeredAt: string | null;
  closedAt: string | null;
}

export type FloorEvent = StateEvent | HelpEvent;

/**
 * Sent by the database itself (trigger users_floor_revoke, migration floor2_custom) when a user
 * is disabled or changes role: every instance closes that person's streams at once. Never
 * forwarded to a client.
 */
export interface RevokeEvent {
  type: 'revoke';
  id: 0;
  userId: number;
}

async function notify(db: Executor, event: FloorEvent): Promise<void> {
  await db.execute(sql`select pg_notify(${FLOOR_CHANNEL}, ${JSON.stringify(event)})`);
}

function parseChoice(choice: StateChoice): { state: FloorState; breakKind: BreakKind | null } {
  if (choice.startsWith('break:')) return { state: 'break', breakKind: choice.slice(6) as BreakKind };
  return { state: choice as FloorState, breakKind: null };
}

/**
 * Closes the person's open state and opens the new one, in one transaction. The person's user
 * row is locked first, so two changes at once run one after the other (the second closes the
 * first's row); the partial unique index is the database's own guarantee of one open row.
 * Choosing the state one is already in changes nothing.
 */
export async function changeState(
  db: Executor,
  actor: Actor,
  input: { choice: StateChoice; activityId?: number | undefined; note?: string },
  now = new Date(),
): Promise<{ changed: boolean; event: StateEvent | null }> {
  const { state, breakKind } = parseChoice(input.choice);
  return db.transaction(async (tx) => {
    const [me] = await tx
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(eq(users.id, actor.id))
      .for('update');
    if (!me) throw new Error('usuario inexistente');
    const [open] = await tx
      .select()
      .from(floorStates)
      .where(and(eq(floorStates.userId, actor.id), isNull(floorStates.endedAt)));
    let activityId: number | null = null;
    if (state === 'field') {
      activityId =
        input.activityId ?? (await currentActivities(tx, [actor.id], now)).get(actor.id)?.id ?? null;
    }
    if (open && open.state === state && open.breakKind === breakKind && open.activityId === activityId)
      return { changed: false, event: null };
    if (!open && state === 'off') return { changed: false, event: null };
    if (open)
      await tx
        .update(floorStates)
        .set({ endedAt: sql`greatest(${now.toISOString()}::timestamptz, ${floorStates.startedAt})` })
        .where(eq(floorStates.id, open.id));
    const [row] = await tx
      .insert(floorStates)
      .values({ userId: actor.id, state, breakKind, activityId, startedAt: now, note: input.note ?? '' })
      .returning();
    const activity = activityId ? await activitySummary(tx, activityId) : null;
    const event: StateEvent = {
      type: 'state',
      id: row!.eventId,
      userId: actor.id,
      name: me.name,
      state,
      breakKind,
      startedAt: row!.startedAt.toISOString(),
      activity: activity ? { id: activity.id, title: activity.title, place: activity.place } : null,
    };
    await notify(tx, event);
    return { changed: true, event };
  });
}

/** Logging out ends the person's state at "fuera de turno" (called by the logout endpoint). */
export async function endStateOnLogout(db: Executor, userId: number, now = new Date()): Promise<void> {
  await changeState(db, { id: userId, role: 'operator' }, { choice: 'off' }, now);
}

/**
 * A session that expired ends the state too: everyone on a state other than "fuera de turno"
 * with no session still valid is set to it (run by the job list).
 */
export async function endStatesWithoutSession(db: Executor, now = new Date()): Promise<number> {
  const rows = await db
    .select({ userId: floorStates.userId })
    .from(floorStates)
    .where(
      and(
        isNull(floorStates.endedAt),
        ne(floorStates.state, 'off'),
        sql`not exists (select 1 from ${sessions} where ${sessions.userId} = ${floorStates.userId}
          and ${sessions.expiresAt} > ${now.toISOString()}::timestamptz
          and ${sessions.absoluteExpiresAt} > ${now.toISOString()}::timestamptz)`,
      ),
    );
  for (const r of rows) await endStateOnLogout(db, r.userId, now);
  return rows.length;
}

const answerer = alias(users, 'answerer');

async function helpEvent(db: Executor, helpId: number): Promise<HelpEvent> {
  const [r] = await db
    .select({
      help: helpRequests,
      name: users.name,
      answeredByName: answerer.name,
    })
    .from(helpRequests)
    .innerJoin(users, eq(users.id, helpRequests.userId))
    .leftJoin(answerer, eq(answerer.id, helpRequests.answeredBy))
    .where(eq(helpRequests.id, helpId));
  return toHelpEvent(r!);
}

function toHelpEvent(r: {
  help: typeof helpRequests.$inferSelect;
  name: string;
  answeredByName: string | null;
}): HelpEvent {
  return {
    type: 'help',
    id: r.help.eventId,
    helpId: r.help.id,
    userId: r.help.userId,
    name: r.name,
    reason: r.help.reason,
    text: r.help.text,
    createdAt: r.help.createdAt.toISOString(),
    answeredByName: r.answeredByName,
    answeredAt: r.help.answeredAt?.toISOString() ?? null,
    closedAt: r.help.closedAt?.toISOString() ?? null,
  };
}

/** "Pedir apoyo": one open request per person (asking again returns the open one). */
export async function raiseHelp(db: Executor, actor: Actor, input: RaiseHelpInput, now = new Date()) {
  return db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, actor.id)).for('update');
    const [open] = await tx
      .select({ id: helpRequests.id })
      .from(helpRequests)
      .where(and(eq(helpRequests.userId, actor.id), isNull(helpRequests.closedAt)));
    if (open) return { id: open.id, already: true };
    const [row] = await tx
      .insert(helpRequests)
      .values({ userId: actor.id, reason: input.reason, text: input.text, createdAt: now })
      .returning({ id: helpRequests.id });
    await notify(tx, await helpEvent(tx, row!.id));
    return { id: row!.id, already: false };
  });
}

/**
 * "Voy": the first to answer takes the request; others are told who did.
 * One cannot answer one's own request.
 */
export async function answerHelp(
  db: Executor,
  actor: Actor,
  helpId: number,
  now = new Date(),
): Promise<{ ok: true } | { ok: false; message: string }> {
  return db.transaction(async (tx) => {
    const taken = await tx
      .update(helpRequests)
      .set({ answeredBy: actor.id, answeredAt: now, eventId: sql`nextval('floor_event_seq')` })
      .where(
        and(
          eq(helpRequests.id, helpId),
          isNull(helpRequests.answeredBy),
          isNull(helpRequests.closedAt),
          ne(helpRequests.userId, actor.id),
        ),
      )
      .returning({ id: helpRequests.id });
    if (taken.length === 0) {
      const [row] = await tx
        .select({ userId: helpRequests.userId, closedAt: helpRequests.closedAt, by: answerer.name })
        .from(helpRequests)
        .leftJoin(answerer, eq(answerer.id, helpRequests.answeredBy))
        .where(eq(helpRequests.id, helpId));
      if (!row) return { ok: false as const, message: 'Esa solicitud de apoyo ya no existe.' };
      if (row.userId === actor.id)
        return { ok: false as const, message: 'No puedes responder tu propia solicitud de apoyo.' };
      if (row.closedAt)
        return { ok: false as const, message: 'Esa solicitud ya se cerró: ya no es necesario.' };
      return { ok: false as const, message: `${row.by ?? 'Alguien'} ya va en camino.` };
    }
    await notify(tx, await helpEvent(tx, helpId));
    return { ok: true as const };
  });
}

/** "Ya no es necesario": the asker, or a supervisor, closes the request. */
export async function closeHelp(
  db: Executor,
  actor: Actor,
  helpId: number,
  now = new Date(),
): Promise<{ ok: true } | { ok: false; message: string }> {
  return db.transaction(async (tx) => {
    const planner = actor.role === 'admin' || actor.role === 'supervisor';
    const closed = await tx
      .update(helpRequests)
      .set({ closedAt: now, eventId: sql`nextval('floor_event_seq')` })
      .where(
        and(
          eq(helpRequests.id, helpId),
          isNull(helpRequests.closedAt),
          planner ? undefined : eq(helpRequests.userId, actor.id),
        ),
      )
      .returning({ id: helpRequests.id });
    if (closed.length === 0) return { ok: false as const, message: 'Esa solicitud ya estaba cerrada.' };
    await notify(tx, await helpEvent(tx, helpId));
    return { ok: true as const };
  });
}

/** The person's current state (for the header widget): "fuera de turno" when none is open. */
export async function currentState(db: Executor, userId: number) {
  const [open] = await db
    .select({ state: floorStates.state, breakKind: floorStates.breakKind, startedAt: floorStates.startedAt })
    .from(floorStates)
    .where(and(eq(floorStates.userId, userId), isNull(floorStates.endedAt)));
  return open ?? { state: 'off' as const, breakKind: null, startedAt: null };
}

export interface BoardPerson {
  userId: number;
  name: string;
  state: FloorStateName;
  breakKind: BreakKindName | null;
  /** Omitted on the operators' board (no durations there). */
  startedAt?: string;
  unconfirmed?: boolean;
  activity?: { id: number; title: string; place: string } | null;
}

export interface BoardView {
  full: boolean;
  shift: { label: string; minOperators: number } | null;
  people: BoardPerson[];
  help: HelpEvent[];
  /** Expected break lengths in minutes, by kind. */
  breakMinutes: Record<BreakKindName, number>;
  lastEventId: number;
  now: string;
}

export function breakMinutes(settings: Settings): Record<BreakKindName, number> {
  const n = (v: string, d: number) => {
    const x = Number.parseInt(v, 10);
    return Number.isFinite(x) && x > 0 ? x : d;
  };
  return {
    meal: n(settings.floorBreakMealMinutes, 45),
    restroom: n(settings.floorBreakRestroomMinutes, 10),
    pause: n(settings.floorBreakPauseMinutes, 15),
  };
}

/** The highest event id written so far: a board rendered now replays from here. */
export async function lastEventId(db: Executor): Promise<number> {
  const [a] = await db.select({ m: max(floorStates.eventId) }).from(floorStates);
  const [b] = await db.select({ m: max(helpRequests.eventId) }).from(helpRequests);
  return Math.max(Number(a?.m ?? 0), Number(b?.m ?? 0));
}

/**
 * The board: everyone on the line and their state, open help requests first, against the
 * current shift's floor. Supervisors and admins get durations, "sin confirmar" and activities;
 * operators only who is in which state (who is available to ask).
 */
export async function board(
  db: Executor,
  viewer: Actor,
  settings: Settings,
  zone: string,
  now = new Date(),
): Promise<BoardView> {
  const full = viewer.role === 'admin' || viewer.role === 'supervisor';
  const since = await lastEventId(db);
  const rows = await db
    .select({
      userId: users.id,
      name: users.name,
      state: floorStates.state,
      breakKind: floorStates.breakKind,
      startedAt: floorStates.startedAt,
      activityId: floorStates.activityId,
      lastSeen: sql<string | null>`(select max(${sessions.lastSeenAt}) from ${sessions}
        where ${sessions.userId} = ${users.id} and ${sessions.expiresAt} > ${now.toISOString()}::timestamptz)`,
    })
    .from(users)
    .leftJoin(floorStates, and(eq(floorStates.userId, users.id), isNull(floorStates.endedAt)))
    .where(and(eq(users.active, true), inArray(users.role, [...LINE_ROLES])))
    .orderBy(asc(users.name));
  const fieldIds = rows.filter((r) => r.state === 'field').map((r) => r.userId);
  const booked = full ? await currentActivities(db, fieldIds, now) : new Map();
  const people: BoardPerson[] = [];
  for (const r of rows) {
    const state = (r.state ?? 'off') as FloorStateName;
    const person: BoardPerson = { userId: r.userId, name: r.name, state, breakKind: r.breakKind };
    if (full) {
      if (r.startedAt) person.startedAt = r.startedAt.toISOString();
      const seen = r.lastSeen ? new Date(r.lastSeen).getTime() : 0;
      person.unconfirmed = state !== 'off' && now.getTime() - seen > UNCONFIRMED_MS;
      if (state === 'field') {
        const linked = r.activityId ? await activitySummary(db, r.activityId) : null;
        const a = linked ?? booked.get(r.userId) ?? null;
        person.activity = a ? { id: a.id, title: a.title, place: a.place } : null;
      }
    }
    people.push(person);
  }
  const help = await openHelp(db);
  const shift = currentShift(settings, now, zone);
  return {
    full,
    shift: shift ? { label: shift.label, minOperators: shift.minOperators } : null,
    people,
    help,
    breakMinutes: breakMinutes(settings),
    lastEventId: since,
    now: now.toISOString(),
  };
}

/** Open help requests, oldest first (the board and the alert banner on every staff screen). */
export async function openHelp(db: Executor): Promise<HelpEvent[]> {
  const rows = await db
    .select({ help: helpRequests, name: users.name, answeredByName: answerer.name })
    .from(helpRequests)
    .innerJoin(users, eq(users.id, helpRequests.userId))
    .leftJoin(answerer, eq(answerer.id, helpRequests.answeredBy))
    .where(isNull(helpRequests.closedAt))
    .orderBy(asc(helpRequests.createdAt));
  return rows.map(toHelpEvent);
}

/** What a viewer may see of an event: operators get no start times or activities. */
export function eventFor(event: FloorEvent, viewer: Actor): FloorEvent {
  const full = viewer.role === 'admin' || viewer.role === 'supervisor';
  if (full || event.type === 'help') return event;
  return { ...event, startedAt: '', activity: null };
}

/**
 * Everything after `afterId`, for a client reconnecting with Last-Event-ID: each person's
 * current state if it changed since, and the latest of each help request that changed since.
 */
export async function eventsSince(db: Executor, afterId: number, limit = 500): Promise<FloorEvent[]> {
  const states = await db
    .select({ row: floorStates, name: users.name })
    .from(floorStates)
    .innerJoin(users, eq(users.id, floorStates.userId))
    .where(and(gt(floorStates.eventId, afterId), isNull(floorStates.endedAt)))
    .orderBy(asc(floorStates.eventId))
    .limit(limit);
  const out: FloorEvent[] = [];
  for (const s of states) {
    const activity = s.row.activityId ? await activitySummary(db, s.row.activityId) : null;
    out.push({
      type: 'state',
      id: s.row.eventId,
      userId: s.row.userId,
      name: s.name,
      state: s.row.state,
      breakKind: s.row.breakKind,
      startedAt: s.row.startedAt.toISOString(),
      activity: activity ? { id: activity.id, title: activity.title, place: activity.place } : null,
    });
  }
  const helps = await db
    .select({ help: helpRequests, name: users.name, answeredByName: answerer.name })
    .from(helpRequests)
    .innerJoin(users, eq(users.id, helpRequests.userId))
    .leftJoin(answerer, eq(answerer.id, helpRequests.answeredBy))
    .where(gt(helpRequests.eventId, afterId))
    .orderBy(asc(helpRequests.eventId))
    .limit(limit);
  out.push(...helps.map(toHelpEvent));
  return out.sort((a, b) => a.id - b.id);
}

/**
 * A person's state history, newest first: staff personal data, for supervisors and admins only
 * (the caller checks `floor.full`). Reading another person's history is audited.
 */
export async function readStateHistory(
  db: Executor,
  viewer: Actor,
  userId: number,
  meta: { ip: string | null },
  limit = 50,
) {
  const [person] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.id, userId));
  if (!person) return null;
  if (viewer.id !== userId)
    await writeAudit(db, {
      actorUserId: viewer.id,
      action: 'floor.history.read',
      entity: 'user',
      entityId: userId,
      ip: meta.ip,
    });
  const rows = await db
    .select()
    .from(floorStates)
    .where(eq(floorStates.userId, userId))
    .orderBy(desc(floorStates.startedAt), desc(floorStates.id))
    .limit(limit);
  return { person, rows };
}
