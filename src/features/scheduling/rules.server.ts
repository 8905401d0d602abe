import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { activities, municipalities, operatorBookings, users } from '~db/schema';
import type { Settings } from '~/lib/server/settings';
import { addDays, formatInstant, localDay, parseLocalDateTime } from '~/lib/time';

/** Longest activity or time-off span accepted in one piece. */
export const MAX_SPAN_MS = 31 * 24 * 60 * 60 * 1000;

/** The SQLSTATE of a database error, looking through Drizzle's wrapper. */
export function pgCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let i = 0; i < 5 && current && typeof current === 'object'; i++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
export const EXCLUSION_VIOLATION = '23P01';

const overlaps = (start: Date, end: Date) =>
  sql`tstzrange(${operatorBookings.startsAt}, ${operatorBookings.endsAt}, '[)') && tstzrange(${start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz, '[)')`;

/**
 * After the exclusion constraint refused a write, finds what it clashed with and says so in
 * Spanish, naming the person and the activity (or the time off).
 */
export async function describeConflict(
  db: Executor,
  operatorIds: number[],
  start: Date,
  end: Date,
  zone: string,
  excludeActivityId?: number,
): Promise<string> {
  if (operatorIds.length === 0) return 'El horario choca con otra actividad.';
  const rows = await db
    .select({
      name: users.name,
      kind: operatorBookings.kind,
      reason: operatorBookings.reason,
      title: activities.title,
      startsAt: operatorBookings.startsAt,
      endsAt: operatorBookings.endsAt,
    })
    .from(operatorBookings)
    .innerJoin(users, eq(users.id, operatorBookings.operatorId))
    .leftJoin(activities, eq(activities.id, operatorBookings.activityId))
    .where(
      and(
        inArray(operatorBookings.operatorId, operatorIds),
        eq(operatorBookings.active, true),
        overlaps(start, end),
        excludeActivityId
          ? sql`${operatorBookings.activityId} is distinct from ${excludeActivityId}`
          : undefined,
      ),
    )
    .limit(3);
  if (rows.length === 0)
    return 'El horario choca con otra actividad que se acaba de guardar. Vuelve a intentarlo.';
  const parts = rows.map((r) => {
    const when = `${formatInstant(r.startsAt, 'weekdayShortTime', zone)} a ${formatInstant(r.endsAt, 'time', zone)}`;
    return r.kind === 'time_off'
      ? `${r.name} no está disponible (${r.reason ?? 'ausencia'}) de ${when}`
      : `${r.name} ya tiene «${r.title}» de ${when}`;
  });
  return `No se puede: ${parts.join('; ')}. Elige otro horario u otra persona.`;
}

export function parseShifts(value: string): { from: string; to: string }[] {
  return value
    .split(',')
    .map((s) => /^\s*(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})\s*$/.exec(s))
    .filter((m): m is RegExpExecArray => !!m && m[1]! < m[2]!)
    .map((m) => ({ from: m[1]!, to: m[2]! }));
}

/**
 * Hotline cover: in every shift the activity touches, at least `hotlineMinOperators` active
 * operators must remain free of outreach and time off. Returns one Spanish line per shift
 * that would fall short (empty when fine). Callers hold the scheduling lock so two writes
 * cannot both pass this check.
 */
export async function coverageShortfalls(
  db: Executor,
  settings: Settings,
  zone: string,
  start: Date,
  end: Date,
  operatorIds: number[],
  excludeActivityId?: number,
): Promise<string[]> {
  const min = Number.parseInt(settings.hotlineMinOperators, 10);
  const shifts = parseShifts(settings.hotlineShifts);
  if (!Number.isFinite(min) || min <= 0 || shifts.length === 0) return [];
  const staff = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'operator'), eq(users.active, true)));
  const staffIds = new Set(staff.map((s) => s.id));
  const out: string[] = [];
  const lastDay = localDay(new Date(end.getTime() - 1), zone);
  for (let day = localDay(start, zone), i = 0; day <= lastDay && i < 40; day = addDays(day, 1), i++) {
    for (const shift of shifts) {
      const from = parseLocalDateTime(`${day}T${shift.from}`, zone);
      const to = parseLocalDateTime(`${day}T${shift.to}`, zone);
      // A shift boundary inside a daylight-saving gap does not happen that day: nothing to count.
      if (!from.ok || !to.ok) continue;
      const [ws, we] = [from.value, to.value];
      if (!(ws < end && we > start)) continue;
      const busyRows = await db
        .selectDistinct({ id: operatorBookings.operatorId })
        .from(operatorBookings)
        .where(
          and(
            eq(operatorBookings.active, true),
            overlaps(ws, we),
            excludeActivityId
              ? sql`${operatorBookings.activityId} is distinct from ${excludeActivityId}`
              : undefined,
          ),
        );
      const busy = new Set([...busyRows.map((r) => r.id), ...operatorIds].filter((id) => staffIds.has(id)));
      const left = staffIds.size - busy.size;
      if (left < min) {
        out.push(
          `${formatInstant(ws, 'weekdayShort', zone)}, turno ${shift.from}–${shift.to}: quedarían ${left} en la línea (mínimo ${min})`,
        );
      }
    }
  }
  return out;
}

/**
 * Travel-time warning (never a refusal): another in-person activity of the same person in a
 * different municipality ending or starting within the buffer.
 */
export async function travelWarnings(
  db: Executor,
  settings: Settings,
  zone: string,
  activity: { id: number; startsAt: Date; endsAt: Date; modality: string; municipalityId: string | null },
  operatorIds: number[],
): Promise<string[]> {
  const buffer = Number.parseInt(settings.travelBufferMinutes, 10);
  if (
    activity.modality !== 'presencial' ||
    !activity.municipalityId ||
    !Number.isFinite(buffer) ||
    buffer <= 0 ||
    operatorIds.length === 0
  )
    return [];
  const ms = buffer * 60_000;
  const rows = await db
    .select({
      name: users.name,
      title: activities.title,
      startsAt: activities.startsAt,
      endsAt: activities.endsAt,
      municipality: municipalities.name,
    })
    .from(operatorBookings)
    .innerJoin(activities, eq(activities.id, operatorBookings.activityId))
    .innerJoin(users, eq(users.id, operatorBookings.operatorId))
    .innerJoin(municipalities, eq(municipalities.id, activities.municipalityId))
    .where(
      and(
        inArray(operatorBookings.operatorId, operatorIds),
        eq(operatorBookings.active, true),
        ne(operatorBookings.activityId, activity.id),
        eq(activities.modality, 'presencial'),
        ne(activities.municipalityId, activity.municipalityId),
        overlaps(new Date(activity.startsAt.getTime() - ms), new Date(activity.endsAt.getTime() + ms)),
      ),
    );
  return rows.map(
    (r) =>
      `${r.name} tiene «${r.title}» en ${r.municipality} (${formatInstant(r.startsAt, 'weekdayShortTime', zone)} a ${formatInstant(r.endsAt, 'time', zone)}): quedan menos de ${buffer} minutos para trasladarse.`,
  );
}

/** Serialises scheduling writes that depend on counting other bookings (the cover rule). */
export async function takeSchedulingLock(db: Executor): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(74656)`);
}

/** Active operators and supervisors who may be assigned, by id. */
export async function assignablePeople(db: Executor, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(
      and(inArray(users.id, ids), eq(users.active, true), inArray(users.role, ['operator', 'supervisor'])),
    );
}
