import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { queryJsonRows } from '~db/rows';
import {
  type ActivityStatus,
  type ActivityType,
  activities,
  municipalities,
  operatorBookings,
  users,
  workshopRequests,
} from '~db/schema';
import { toCsv } from './csv';
import { type FeedEvent, STATUS_LABELS, STATUS_MARKS, TYPE_COLORS, TYPE_LABELS } from './labels';
import { isPlanner } from './scheduling.server';
import type { Role } from '~db/schema';
import { toLocalInput } from '~/lib/time';

export interface Viewer {
  id: number;
  role: Role;
}

export interface RangeFilter {
  start: Date;
  end: Date;
  operatorId?: number | undefined;
  type?: ActivityType | undefined;
  /** undefined: everything but cancelled; 'all': everything. */
  status?: ActivityStatus | 'all' | undefined;
  limit?: number;
}

export interface ActivityRow {
  id: number;
  type: ActivityType;
  title: string;
  status: ActivityStatus;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  place: string;
  modality: 'presencial' | 'en_linea';
  municipality: string | null;
  operators: string;
  mine: boolean;
  /** The institution of the scheduled workshop request behind it: who a move would tell. */
  institution: string | null;
}

/**
 * Activities overlapping [start, end): served by the GiST index on the activity's range. The
 * assigned people come in a second query for just those ids, grouped by activity in SQL. Both
 * come back as one JSON text each (~db/rows: on the embedded database, handing 2,000 rows to
 * JavaScript field by field cost 8× the query). Everyone sees all activities (the calendar is
 * shared); `mine` says which the viewer may edit as an operator.
 */
export async function activitiesInRange(
  db: Executor,
  viewer: Viewer,
  f: RangeFilter,
): Promise<ActivityRow[]> {
  const range = sql`tstzrange(${activities.startsAt}, ${activities.endsAt}, '[)') && tstzrange(${f.start.toISOString()}::timestamptz, ${f.end.toISOString()}::timestamptz, '[)')`;
  const conditions = [
    range,
    f.type ? eq(activities.type, f.type) : undefined,
    f.status === 'all'
      ? undefined
      : f.status
        ? eq(activities.status, f.status)
        : sql`${activities.status} <> 'cancelled'`,
    f.operatorId
      ? sql`exists (select 1 from ${operatorBookings} b where b.activity_id = ${activities.id} and b.operator_id = ${f.operatorId})`
      : undefined,
  ].filter((c) => c !== undefined);
  type Found = Omit<ActivityRow, 'startsAt' | 'endsAt' | 'operators' | 'mine'> & {
    startsAt: string;
    endsAt: string;
  };
  const found = await queryJsonRows<Found>(
    db,
    sql`select ${activities.id} as id, ${activities.type} as type, ${activities.title} as title,
          ${activities.status} as status, ${activities.startsAt} as "startsAt", ${activities.endsAt} as "endsAt",
          ${activities.timeZone} as "timeZone", ${activities.place} as place, ${activities.modality} as modality,
          ${municipalities.name} as municipality, ${workshopRequests.institutionName} as institution
        from ${activities}
        left join ${municipalities} on ${municipalities.id} = ${activities.municipalityId}
        left join ${workshopRequests} on ${workshopRequests.id} = ${activities.workshopRequestId}
          and ${workshopRequests.status} = 'scheduled'
        where ${sql.join(conditions, sql` and `)}
        order by ${activities.startsAt}, ${activities.id}
        limit ${f.limit ?? 5000}`,
    sql`q."startsAt", q.id`,
  );
  if (found.length === 0) return [];
  // The ids found above as one array parameter (not 2,000 parameters), looked up through the
  // bookings' (activity, operator) index. Joining the range again let the planner walk the
  // activities' primary key and filter 98,000 rows on the embedded database.
  const people = await queryJsonRows<{ activityId: number; names: string; mine: boolean }>(
    db,
    sql`select b.activity_id as "activityId", string_agg(u.name, ', ' order by u.name) as names,
          bool_or(b.operator_id = ${viewer.id}) as mine
        from ${operatorBookings} b join ${users} u on u.id = b.operator_id
        where b.activity_id = any(${`{${found.map((r) => r.id).join(',')}}`}::int[])
        group by b.activity_id`,
  );
  const byActivity = new Map(people.map((p) => [p.activityId, p]));
  return found.map((r) => ({
    ...r,
    startsAt: new Date(r.startsAt),
    endsAt: new Date(r.endsAt),
    operators: byActivity.get(r.id)?.names ?? '',
    mine: byActivity.get(r.id)?.mine ?? false,
  }));
}

export function canEditRow(viewer: Viewer, row: { status: ActivityStatus; mine: boolean }): boolean {
  return (
    (row.status === 'tentative' || row.status === 'confirmed') &&
    (isPlanner(viewer) || (viewer.role === 'operator' && row.mine))
  );
}

/** The JSON FullCalendar asks for: status in words in the title, the type as extendedProps.type. */
export function toFeedEvents(viewer: Viewer, rows: ActivityRow[]): FeedEvent[] {
  return rows.map((r) => ({
    id: String(r.id),
    // The type is drawn as a colour and an icon, with its name for screen readers (the island).
    title: `${STATUS_MARKS[r.status]}${r.title}`,
    start: r.startsAt.toISOString(),
    end: r.endsAt.toISOString(),
    color: TYPE_COLORS[r.type],
    contrastColor: '#ffffff',
    editable: canEditRow(viewer, r),
    url: `/app/agenda/${r.id}`,
    extendedProps: {
      type: r.type,
      status: r.status,
      operators: r.operators,
      place: r.modality === 'en_linea' ? 'En línea' : [r.place, r.municipality].filter(Boolean).join(', '),
      institution: r.institution,
    },
  }));
}

/** One activity with everything its page shows. */
export async function getActivity(db: Executor, id: number) {
  const [row] = await db
    .select({
      activity: activities,
      municipality: municipalities.name,
      request: {
        id: workshopRequests.id,
        folio: workshopRequests.folio,
        institutionName: workshopRequests.institutionName,
        contactName: workshopRequests.contactName,
        status: workshopRequests.status,
      },
    })
    .from(activities)
    .leftJoin(municipalities, eq(municipalities.id, activities.municipalityId))
    .leftJoin(workshopRequests, eq(workshopRequests.id, activities.workshopRequestId))
    .where(eq(activities.id, id));
  if (!row) return null;
  const people = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(operatorBookings)
    .innerJoin(users, eq(users.id, operatorBookings.operatorId))
    .where(eq(operatorBookings.activityId, id))
    .orderBy(asc(users.name));
  return {
    ...row.activity,
    municipalityName: row.municipality,
    request: row.request?.id ? row.request : null,
    people,
  };
}

/** People who can be assigned or filtered by: active operators and supervisors. */
export async function listAssignable(db: Executor) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, ['operator', 'supervisor'])))
    .orderBy(asc(users.name));
}

export { listMunicipalities } from '~/lib/server/reference';

/** Upcoming and current time off; operators see everyone's (it explains the calendar), reasons included. */
export async function listTimeOff(db: Executor, from: Date) {
  return db
    .select({
      id: operatorBookings.id,
      operatorId: operatorBookings.operatorId,
      name: users.name,
      startsAt: operatorBookings.startsAt,
      endsAt: operatorBookings.endsAt,
      reason: operatorBookings.reason,
    })
    .from(operatorBookings)
    .innerJoin(users, eq(users.id, operatorBookings.operatorId))
    .where(and(eq(operatorBookings.kind, 'time_off'), gte(operatorBookings.endsAt, from)))
    .orderBy(asc(operatorBookings.startsAt))
    .limit(200);
}

/** The form's initial values for an existing activity (local times in its own zone). */
export function activityFormValues(
  a: NonNullable<Awaited<ReturnType<typeof getActivity>>>,
): Record<string, string | string[]> {
  return {
    type: a.type,
    title: a.title,
    start: toLocalInput(a.startsAt, a.timeZone),
    end: toLocalInput(a.endsAt, a.timeZone),
    modality: a.modality,
    place: a.place,
    municipalityId: a.municipalityId ?? '',
    onlineUrl: a.onlineUrl ?? '',
    status: a.status === 'confirmed' ? 'confirmed' : 'tentative',
    operatorIds: a.people.map((p) => String(p.id)),
    notes: a.notes,
  };
}

const CSV_HEADER = [
  'id',
  'tipo',
  'título',
  'estado',
  'inicio',
  'fin',
  'zona horaria',
  'modalidad',
  'lugar',
  'municipio',
  'enlace',
  'personas asignadas',
  'folio de solicitud',
  'institución',
  'asistentes',
  'mujeres',
  'hombres',
  'otro sexo',
  'niñas y niños',
  'adolescentes',
  'personas adultas',
  'personas mayores',
  'materiales',
  'notas del resultado',
];

/** Activities overlapping [start, end) as CSV, local times in each activity's zone. */
export async function exportActivitiesCsv(db: Executor, start: Date, end: Date): Promise<string> {
  const rows = await db
    .select({
      a: activities,
      municipality: municipalities.name,
      folio: workshopRequests.folio,
      institution: workshopRequests.institutionName,
      operators: sql<string>`coalesce((select string_agg(u.name, '; ' order by u.name) from ${operatorBookings} b join ${users} u on u.id = b.operator_id where b.activity_id = ${activities.id}), '')`,
    })
    .from(activities)
    .leftJoin(municipalities, eq(municipalities.id, activities.municipalityId))
    .leftJoin(workshopRequests, eq(workshopRequests.id, activities.workshopRequestId))
    .where(
      sql`tstzrange(${activities.startsAt}, ${activities.endsAt}, '[)') && tstzrange(${start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz, '[)')`,
    )
    .orderBy(asc(activities.startsAt), asc(activities.id))
    .limit(50_000);
  return toCsv(
    CSV_HEADER,
    rows.map(({ a, municipality, folio, institution, operators }) => {
      const g = a.attendance ?? {};
      return [
        a.id,
        TYPE_LABELS[a.type],
        a.title,
        STATUS_LABELS[a.status],
        toLocalInput(a.startsAt, a.timeZone).replace('T', ' '),
        toLocalInput(a.endsAt, a.timeZone).replace('T', ' '),
        a.timeZone,
        a.modality === 'en_linea' ? 'En línea' : 'Presencial',
        a.place,
        municipality ?? '',
        a.onlineUrl ?? '',
        operators,
        folio ?? '',
        institution ?? '',
        a.attendanceTotal,
        g.women,
        g.men,
        g.otherSex,
        g.children,
        g.teens,
        g.adults,
        g.olderAdults,
        a.materials ?? '',
        a.outcomeNotes ?? '',
      ];
    }),
  );
}
