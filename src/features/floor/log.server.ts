import { and, asc, eq, gt, gte, inArray, isNull, lt, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '~db/client';
import type { StaffContext } from '~/lib/server/context';
import { activities, floorStates, helpRequests, users } from '~db/schema';
import { BREAK_LABELS, HELP_REASON_LABELS, type HelpReasonName, STATE_LABELS } from './labels';

/**
 * The live floor in the shift's bitácora: breaks, field exits (with the activity), meetings and
 * help requests appear there by themselves, read live from the floor's own tables (the bitácora
 * asks through the feature's index.ts). The operator can annotate an entry while the log is
 * open, never delete it: the database refuses deletes outside the retention job (migration
 * floor2_custom).
 */
export type FloorLogKind = 'break' | 'field' | 'meeting' | 'help';

export interface FloorLogEntry {
  /** 'state' rows come from the state history, 'help' rows from the help requests. */
  ref: { table: 'state' | 'help'; id: number };
  kind: FloorLogKind;
  at: Date;
  endedAt: Date | null;
  /** "Descanso: comida", "En campo: Taller en la secundaria 3", "Pidió apoyo: Crisis". */
  label: string;
  /** Place of the activity; who answered "Voy" and how soon. No case data. */
  detail: string;
  minutes: number | null;
  note: string;
}

const answerer = alias(users, 'floor_log_answerer');

/** Whole minutes between two instants (null when still open). */
const minutesBetween = (from: Date, to: Date | null) =>
  to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000)) : null;

/**
 * The person's breaks, field exits, meetings and help requests overlapping [from, to), oldest first.
 * Being on the line, on a call or off shift is not an entry: the bitácora lists what took the
 * person away from the phones and when they asked for help.
 */
export async function floorLogEntries(
  db: Executor,
  userId: number,
  from: Date,
  to: Date,
): Promise<FloorLogEntry[]> {
  const [stateRows, helpRows] = await Promise.all([
    db
      .select({
        id: floorStates.id,
        state: floorStates.state,
        breakKind: floorStates.breakKind,
        startedAt: floorStates.startedAt,
        endedAt: floorStates.endedAt,
        note: floorStates.note,
        activityTitle: activities.title,
        activityPlace: activities.place,
      })
      .from(floorStates)
      .leftJoin(activities, eq(activities.id, floorStates.activityId))
      .where(
        and(
          eq(floorStates.userId, userId),
          inArray(floorStates.state, ['break', 'field', 'meeting']),
          lt(floorStates.startedAt, to),
          or(gt(floorStates.endedAt, from), isNull(floorStates.endedAt)),
        ),
      )
      .orderBy(asc(floorStates.startedAt)),
    db
      .select({
        id: helpRequests.id,
        reason: helpRequests.reason,
        createdAt: helpRequests.createdAt,
        answeredAt: helpRequests.answeredAt,
        closedAt: helpRequests.closedAt,
        note: helpRequests.note,
        answeredByName: answerer.name,
      })
      .from(helpRequests)
      .leftJoin(answerer, eq(answerer.id, helpRequests.answeredBy))
      .where(
        and(
          eq(helpRequests.userId, userId),
          gte(helpRequests.createdAt, from),
          lt(helpRequests.createdAt, to),
        ),
      )
      .orderBy(asc(helpRequests.createdAt)),
  ]);
  const entries: FloorLogEntry[] = stateRows.map((s) => {
    const kind = s.state as Exclude<FloorLogKind, 'help'>;
    const label =
      kind === 'break'
        ? `Descanso: ${BREAK_LABELS[s.breakKind!]}`
        : kind === 'field'
          ? `En campo${s.activityTitle ? `: ${s.activityTitle}` : ' (sin actividad en la agenda)'}`
          : STATE_LABELS.meeting;
    return {
      ref: { table: 'state', id: s.id },
      kind,
      at: s.startedAt,
      endedAt: s.endedAt,
      label,
      detail: kind === 'field' && s.activityPlace ? s.activityPlace : '',
      minutes: minutesBetween(s.startedAt, s.endedAt),
      note: s.note,
    };
  });
  for (const h of helpRows) {
    const waited = h.answeredAt ? minutesBetween(h.createdAt, h.answeredAt) : null;
    entries.push({
      ref: { table: 'help', id: h.id },
      kind: 'help',
      at: h.createdAt,
      endedAt: h.closedAt,
      label: `Pidió apoyo: ${HELP_REASON_LABELS[h.reason as HelpReasonName]}`,
      detail: h.answeredByName
        ? `Respondió ${h.answeredByName} en ${waited} min`
        : h.closedAt
          ? 'Se cerró sin respuesta'
          : 'Sin respuesta aún',
      minutes: minutesBetween(h.createdAt, h.closedAt),
      note: h.note,
    });
  }
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}

export type AnnotateResult = { ok: true } | { ok: false; message: string };

/**
 * The operator's note on one of their own entries (≤140 characters, checked by the schema and
 * the database). Only the note changes: the entry's times, state and reason stay as recorded.
 * The caller has already checked that the entry's log is still open.
 */
export async function annotateFloorEntry(
  ctx: StaffContext<{ id: number }>,
  ref: { table: 'state' | 'help'; id: number },
  note: string,
  window: { from: Date; to: Date },
): Promise<AnnotateResult> {
  const db = ctx.db;
  const userId = ctx.user.id;
  const updated =
    ref.table === 'state'
      ? await db
          .update(floorStates)
          .set({ note })
          .where(
            and(
              eq(floorStates.id, ref.id),
              eq(floorStates.userId, userId),
              inArray(floorStates.state, ['break', 'field', 'meeting']),
              lt(floorStates.startedAt, window.to),
              or(gt(floorStates.endedAt, window.from), isNull(floorStates.endedAt)),
            ),
          )
          .returning({ id: floorStates.id })
      : await db
          .update(helpRequests)
          .set({ note })
          .where(
            and(
              eq(helpRequests.id, ref.id),
              eq(helpRequests.userId, userId),
              gte(helpRequests.createdAt, window.from),
              lt(helpRequests.createdAt, window.to),
            ),
          )
          .returning({ id: helpRequests.id });
  if (updated.length === 0) return { ok: false, message: 'Esa entrada no es tuya o no es de este turno.' };
  return { ok: true };
}
