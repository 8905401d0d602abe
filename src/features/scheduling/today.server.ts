import { and, asc, eq, gt, lt } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { activities, municipalities, operatorBookings, users } from '~db/schema';
import type { Settings } from '~/lib/server/settings';
import { parseLocalDateTime } from '~/lib/time';
import { TYPE_LABELS } from './labels';
import { parseShifts } from './rules.server';

export interface TodayActivity {
  id: number;
  title: string;
  typeLabel: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  modality: string;
  place: string;
  municipality: string | null;
  /** Spanish lines: too little time to travel from or to the neighbouring in-person activity. */
  travel: string[];
}

/**
 * One person's live activities (tentative or confirmed) overlapping a window, with place and the
 * travel warnings between consecutive in-person activities in different municipalities that
 * leave less than `travelBufferMinutes`. One query (operator_bookings_operator_idx).
 */
export async function myActivitiesBetween(
  db: Executor,
  operatorId: number,
  from: Date,
  to: Date,
  settings: Pick<Settings, 'travelBufferMinutes'>,
): Promise<TodayActivity[]> {
  const rows = await db
    .select({
      id: activities.id,
      title: activities.title,
      type: activities.type,
      startsAt: activities.startsAt,
      endsAt: activities.endsAt,
      timeZone: activities.timeZone,
      modality: activities.modality,
      place: activities.place,
      municipalityId: activities.municipalityId,
      municipality: municipalities.name,
    })
    .from(operatorBookings)
    .innerJoin(activities, eq(activities.id, operatorBookings.activityId))
    .leftJoin(municipalities, eq(municipalities.id, activities.municipalityId))
    .where(
      and(
        eq(operatorBookings.operatorId, operatorId),
        eq(operatorBookings.active, true),
        lt(operatorBookings.startsAt, to),
        gt(operatorBookings.endsAt, from),
      ),
    )
    .orderBy(asc(activities.startsAt), asc(activities.id));
  const buffer = Number.parseInt(settings.travelBufferMinutes, 10);
  const ms = Number.isFinite(buffer) && buffer > 0 ? buffer * 60_000 : 0;
  return rows.map((r, i) => {
    const travel: string[] = [];
    if (ms && r.modality === 'presencial' && r.municipalityId) {
      for (const other of [rows[i - 1], rows[i + 1]]) {
        if (!other || other.modality !== 'presencial' || !other.municipalityId) continue;
        if (other.municipalityId === r.municipalityId) continue;
        const gap =
          other.startsAt < r.startsAt
            ? r.startsAt.getTime() - other.endsAt.getTime()
            : other.startsAt.getTime() - r.endsAt.getTime();
        if (gap < ms)
          travel.push(
            `Menos de ${buffer} minutos para trasladarte ${other.startsAt < r.startsAt ? 'desde' : 'a'} ${other.municipality} («${other.title}»).`,
          );
      }
    }
    return {
      id: r.id,
      title: r.title,
      typeLabel: TYPE_LABELS[r.type],
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      timeZone: r.timeZone,
      modality: r.modality,
      place: r.place,
      municipality: r.municipality,
      travel,
    };
  });
}

export interface ShiftCoverage {
  from: string;
  to: string;
  /** Active operators with no outreach or time off in the shift. */
  free: number;
  /** The hotline floor (hotlineMinOperators). */
  min: number;
  short: boolean;
}

/**
 * Today's hotline cover, shift by shift: active operators minus those booked (outreach or time
 * off) at some point in the shift, against the floor. Two queries for the whole day.
 */
export async function coverageOnDay(
  db: Executor,
  settings: Pick<Settings, 'hotlineMinOperators' | 'hotlineShifts'>,
  zone: string,
  day: string,
): Promise<ShiftCoverage[]> {
  const min = Number.parseInt(settings.hotlineMinOperators, 10);
  const shifts = parseShifts(settings.hotlineShifts)
    .map((s) => {
      const from = parseLocalDateTime(`${day}T${s.from}`, zone);
      const to = parseLocalDateTime(`${day}T${s.to}`, zone);
      return from.ok && to.ok ? { ...s, start: from.value, end: to.value } : null;
    })
    .filter((s) => s !== null);
  if (shifts.length === 0) return [];
  const dayStart = shifts.reduce((a, s) => (s.start < a ? s.start : a), shifts[0]!.start);
  const dayEnd = shifts.reduce((a, s) => (s.end > a ? s.end : a), shifts[0]!.end);
  const [staff, bookings] = await Promise.all([
    db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, 'operator'), eq(users.active, true))),
    db
      .select({
        operatorId: operatorBookings.operatorId,
        startsAt: operatorBookings.startsAt,
        endsAt: operatorBookings.endsAt,
      })
      .from(operatorBookings)
      .where(
        and(
          eq(operatorBookings.active, true),
          lt(operatorBookings.startsAt, dayEnd),
          gt(operatorBookings.endsAt, dayStart),
        ),
      ),
  ]);
  const staffIds = new Set(staff.map((s) => s.id));
  return shifts.map((s) => {
    const busy = new Set(
      bookings
        .filter((b) => staffIds.has(b.operatorId) && b.startsAt < s.end && b.endsAt > s.start)
        .map((b) => b.operatorId),
    );
    const free = staffIds.size - busy.size;
    const floor = Number.isFinite(min) && min > 0 ? min : 0;
    return { from: s.from, to: s.to, free, min: floor, short: free < floor };
  });
}
