import { type SQL, asc, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { municipalities } from '~db/schema';
import type { ReportDefinition } from './definition';
import { type Dimension, runGrouped } from './grouped.server';
import { TIME_GROUPINGS } from './labels';
import type { FilterSpec, Option } from './params';
import type { Measure } from './present';
import { zoneOfPlace } from '~/lib/time';
import { allOf, inRowLocalDays, longDate } from './sql';

/**
 * Public events that start in the period (drafts left out) and their sign-ups, in people (a
 * group registration counts its group size). Attendance and no-shows only count events that
 * have already ended; the waiting list is its size today (at the end, for past events).
 * "Asistieron" is the check-in screen's headcount: checked-in registrations (whoever was on the
 * waiting list and was let in counts there, not as waiting) plus walk-ins. An event is dated
 * by the clock of its place (a Juárez event at 23:30 on 30 November is a November event).
 */
const GROUPINGS: readonly Option[] = [
  ...TIME_GROUPINGS,
  { value: 'evento', label: 'Evento' },
  { value: 'municipio', label: 'Municipio' },
];
const DIMENSION_LABELS: Record<string, string> = {
  mes: 'Mes',
  dia: 'Día',
  evento: 'Evento',
  municipio: 'Municipio',
};

async function eventFilters(db: Executor): Promise<FilterSpec[]> {
  const munis = await db
    .select({ value: municipalities.id, label: municipalities.name })
    .from(municipalities)
    .orderBy(asc(municipalities.name));
  return [{ name: 'municipio', label: 'Municipio', options: munis }];
}

/** INEGI codes of Chihuahua's 67 municipalities (db/seed-data/chihuahua-municipios.csv). */
const MUNICIPALITY_IDS = Array.from({ length: 67 }, (_, i) => `08${String(i + 1).padStart(3, '0')}`);

/**
 * The zone of each event's place as SQL: the municipalities whose clock differs from the
 * organisation's (from the one zone table, src/lib/zones.ts), the organisation's otherwise.
 */
function eventZone(timeZone: string): SQL {
  const other = MUNICIPALITY_IDS.filter((id) => zoneOfPlace(id, timeZone) !== timeZone);
  if (other.length === 0) return sql`${timeZone}::text`;
  const whens = other.map((id) => sql`when ${id} then ${zoneOfPlace(id, timeZone)}`);
  return sql`(case e.municipality_id ${sql.join(whens, sql` `)} else ${timeZone}::text end)`;
}

function eventDimension(by: string, zone: SQL): Dimension {
  const local = (fmt: string) => sql`to_char(e.starts_at at time zone ${zone}, ${fmt})`;
  switch (by) {
    case 'dia':
      return { unit: 'day', key: local('YYYY-MM-DD'), partition: true };
    case 'evento':
      // Keyed by local start then id, so the rows read in date order.
      return {
        key: sql`${local('YYYYMMDDHH24MI')} || '-' || e.id`,
        label: sql`e.title || ' (' || ${local('DD/MM/YYYY')} || ')'`,
        partition: true,
        orderByKey: true,
      };
    case 'municipio':
      return {
        key: sql`e.municipality_id`,
        label: sql`dm.name`,
        joins: sql`join municipalities dm on dm.id = e.municipality_id`,
        partition: true,
      };
    default:
      return { unit: 'month', key: local('YYYY-MM'), partition: true };
  }
}

const MEASURES: readonly Measure[] = [
  { key: 'events', label: 'Eventos', format: 'count' },
  { key: 'capacity', label: 'Cupo', format: 'count' },
  { key: 'confirmed', label: 'Personas registradas', format: 'count' },
  { key: 'waiting', label: 'En lista de espera', format: 'count' },
  { key: 'attended', label: 'Asistieron', format: 'count' },
  { key: 'noShows', label: 'No se presentaron', format: 'count' },
  { key: 'attendanceRate', label: 'Asistencia (%)', format: 'percent' },
  { key: 'cancelledEvents', label: 'Eventos cancelados', format: 'count' },
];

export const eventsReport: ReportDefinition = {
  slug: 'eventos',
  title: 'Eventos: registros y asistencia',
  summary:
    'Eventos públicos del periodo: cupo, personas registradas, lista de espera, asistencia e inasistencias.',
  area: 'events',
  suppress: false,
  groupings: GROUPINGS,
  filters: eventFilters,
  async run(db, query, timeZone) {
    const zone = eventZone(timeZone);
    const dimension = eventDimension(query.by, zone);
    // One base row per event, its registrations summed in a lateral subquery, so event-level
    // figures (capacity) and people-level ones (group sizes) add up without double counting.
    const { rows, total } = await runGrouped(
      db,
      query,
      dimension,
      {
        source: sql`from events e left join lateral (
          select coalesce(sum(r.group_size) filter (where r.status = 'confirmed'), 0) as confirmed,
            coalesce(sum(r.group_size) filter (where r.status = 'waiting' and r.attended_at is null), 0) as waiting,
            coalesce(sum(coalesce(r.attended_count, r.group_size)) filter (where r.attended_at is not null), 0)
              + (select coalesce(sum(c.count), 0) from event_checkins c where c.event_id = e.id and c.kind = 'walk_in') as attended,
            coalesce(sum(r.group_size) filter (where r.status = 'confirmed' and r.attended_at is null), 0) as no_shows
          from event_registrations r where r.event_id = e.id) er on true`,
        where: allOf([
          inRowLocalDays(sql`e.starts_at`, zone, query.from, query.to, timeZone),
          sql`e.status <> 'draft'`,
          query.filters.municipio ? sql`e.municipality_id = ${query.filters.municipio}` : undefined,
        ]),
        columns: sql`e.id, e.status = 'published' as live, e.ends_at < now() as past, e.capacity, er.confirmed, er.waiting, er.attended, er.no_shows`,
        aggregates: sql`count(base.id) filter (where base.live)::int as events,
        coalesce(sum(base.capacity) filter (where base.live), 0)::int as capacity,
        coalesce(sum(base.confirmed) filter (where base.live), 0)::int as confirmed,
        coalesce(sum(base.waiting) filter (where base.live), 0)::int as waiting,
        coalesce(sum(base.attended) filter (where base.live and base.past), 0)::int as attended,
        coalesce(sum(base.no_shows) filter (where base.live and base.past), 0)::int as "noShows",
        (100.0 * sum(base.attended) filter (where base.live and base.past) / nullif(sum(base.confirmed) filter (where base.live and base.past), 0))::float8 as "attendanceRate",
        count(base.id) filter (where not base.live)::int as "cancelledEvents"`,
        measures: MEASURES,
      },
      timeZone,
    );
    const by = DIMENSION_LABELS[query.by]!;
    return {
      table: {
        id: 'eventos',
        caption: `Eventos por ${by.toLowerCase()}`,
        dimensionLabel: by,
        measures: MEASURES,
        rows,
        total,
        partition: true,
        notes: [
          `Eventos que empiezan del ${longDate(query.from)} al ${longDate(query.to)} (sin borradores). Un registro de grupo cuenta a todas sus personas.`,
          'Asistencia, inasistencias y porcentaje solo cuentan eventos ya terminados; la lista de espera es la de hoy.',
          'Asistieron: las personas registradas que llegaron (también las que estaban en lista de espera) y las que llegaron sin registro, como en la pantalla de registro de asistencia. Cada evento se fecha con la hora de su lugar.',
        ],
        chart: { kind: 'bar', measures: ['confirmed', 'attended', 'noShows'], axisLabel: 'Personas' },
      },
      lists: [],
    };
  },
};
