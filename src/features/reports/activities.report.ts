import { type SQL, asc, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { municipalities, workshops } from '~db/schema';
import { TYPE_LABELS } from '~/features/scheduling';
import type { ReportDefinition } from './definition';
import { type Dimension, runGrouped } from './grouped.server';
import { INSTITUTION_TYPE_LABELS, TIME_GROUPINGS, labelOf, optionsOf } from './labels';
import type { FilterSpec, Option } from './params';
import type { Measure } from './present';
import { allOf, inRowLocalDays, longDate } from './sql';

/**
 * Outreach activities (the shared calendar) and the people they reached. An activity counts on
 * the local day of its start in ITS OWN zone (a Juárez activity at 23:30 is that day's, by the
 * Juárez clock). Institution type and topic come from the workshop request it fulfils, if any.
 */
const GROUPINGS: readonly Option[] = [
  ...TIME_GROUPINGS,
  { value: 'tipo', label: 'Tipo de actividad' },
  { value: 'municipio', label: 'Municipio' },
  { value: 'institucion', label: 'Tipo de institución' },
  { value: 'tema', label: 'Tema' },
];
const DIMENSION_LABELS: Record<string, string> = {
  mes: 'Mes',
  dia: 'Día',
  tipo: 'Tipo de actividad',
  municipio: 'Municipio',
  institucion: 'Tipo de institución',
  tema: 'Tema',
};
const NO_REQUEST = 'Sin solicitud (actividad propia)';

async function activityFilters(db: Executor): Promise<FilterSpec[]> {
  const [munis, topics] = await Promise.all([
    db
      .select({ value: municipalities.id, label: municipalities.name })
      .from(municipalities)
      .orderBy(asc(municipalities.name)),
    db
      .select({ value: sql<string>`${workshops.id}::text`, label: workshops.title })
      .from(workshops)
      .orderBy(asc(workshops.sortOrder), asc(workshops.title)),
  ]);
  return [
    { name: 'tipo', label: 'Tipo de actividad', options: optionsOf(TYPE_LABELS) },
    { name: 'municipio', label: 'Municipio', options: munis },
    { name: 'institucion', label: 'Tipo de institución', options: optionsOf(INSTITUTION_TYPE_LABELS) },
    { name: 'tema', label: 'Tema', options: topics },
  ];
}

function activityConditions(filters: Record<string, string>): SQL[] {
  const out: SQL[] = [];
  if (filters.tipo) out.push(sql`a.type::text = ${filters.tipo}`);
  if (filters.municipio) out.push(sql`a.municipality_id = ${filters.municipio}`);
  if (filters.institucion) out.push(sql`wr.institution_type::text = ${filters.institucion}`);
  if (filters.tema)
    out.push(
      sql`exists (select 1 from workshop_request_topics ft where ft.request_id = a.workshop_request_id and ft.workshop_id = ${Number(filters.tema)})`,
    );
  return out;
}

function activityDimension(by: string): Dimension {
  const local = (fmt: string) => sql`to_char(a.starts_at at time zone a.time_zone, ${fmt})`;
  switch (by) {
    case 'dia':
      return { unit: 'day', key: local('YYYY-MM-DD'), partition: true };
    case 'tipo':
      return { key: sql`a.type`, labelOf: (k) => labelOf(TYPE_LABELS, k), partition: true };
    case 'municipio':
      return {
        key: sql`a.municipality_id`,
        label: sql`coalesce(dm.name, 'En línea o sin municipio')`,
        joins: sql`left join municipalities dm on dm.id = a.municipality_id`,
        partition: true,
      };
    case 'institucion':
      return {
        key: sql`wr.institution_type`,
        labelOf: (k) => (k ? labelOf(INSTITUTION_TYPE_LABELS, k) : NO_REQUEST),
        partition: true,
      };
    case 'tema':
      return {
        key: sql`dt.workshop_id`,
        label: sql`coalesce(dw.title, ${NO_REQUEST})`,
        joins: sql`left join workshop_request_topics dt on dt.request_id = a.workshop_request_id left join workshops dw on dw.id = dt.workshop_id`,
        partition: false,
      };
    default:
      return { unit: 'month', key: local('YYYY-MM'), partition: true };
  }
}

const MEASURES: readonly Measure[] = [
  { key: 'done', label: 'Realizadas', format: 'count' },
  { key: 'people', label: 'Personas alcanzadas', format: 'count' },
  { key: 'avgPeople', label: 'Promedio por actividad', format: 'decimal', basis: 'withAttendance' },
  { key: 'withAttendance', label: 'Con asistencia registrada', format: 'count' },
  { key: 'planned', label: 'Por realizar', format: 'count' },
  { key: 'cancelled', label: 'Canceladas', format: 'count' },
];

export const activitiesReport: ReportDefinition = {
  slug: 'actividades',
  title: 'Actividades y personas alcanzadas',
  summary:
    'Talleres, eventos, actividades de campo y volanteo del calendario: cuántos se hicieron y a cuántas personas llegaron.',
  area: 'outreach',
  suppress: false,
  groupings: GROUPINGS,
  filters: activityFilters,
  async run(db, query, timeZone) {
    const dimension = activityDimension(query.by);
    const { rows, total } = await runGrouped(
      db,
      query,
      dimension,
      {
        source: sql`from activities a left join workshop_requests wr on wr.id = a.workshop_request_id`,
        where: allOf([
          inRowLocalDays(sql`a.starts_at`, sql`a.time_zone`, query.from, query.to, timeZone),
          ...activityConditions(query.filters),
        ]),
        columns: sql`a.id, a.status, a.attendance_total`,
        aggregates: sql`count(base.id) filter (where base.status = 'done')::int as done,
        coalesce(sum(base.attendance_total) filter (where base.status = 'done'), 0)::int as people,
        avg(base.attendance_total) filter (where base.status = 'done')::float8 as "avgPeople",
        count(base.attendance_total) filter (where base.status = 'done')::int as "withAttendance",
        count(base.id) filter (where base.status in ('tentative', 'confirmed'))::int as planned,
        count(base.id) filter (where base.status = 'cancelled')::int as cancelled`,
        measures: MEASURES,
      },
      timeZone,
    );
    const by = DIMENSION_LABELS[query.by]!;
    return {
      table: {
        id: 'actividades',
        caption: `Actividades y personas alcanzadas por ${by.toLowerCase()}`,
        dimensionLabel: by,
        measures: MEASURES,
        rows,
        total,
        partition: dimension.partition,
        notes: [
          `Actividades que empiezan del ${longDate(query.from)} al ${longDate(query.to)}, según la hora local del lugar de cada una.`,
          'Personas alcanzadas: suma de la asistencia registrada en las actividades realizadas; el promedio solo cuenta las que tienen asistencia.',
          ...(dimension.partition
            ? []
            : [
                'Una actividad con varios temas cuenta una vez en cada uno; las filas suman más que el total.',
              ]),
        ],
        chart: { kind: 'bar', measures: ['people'], axisLabel: 'Personas alcanzadas' },
      },
      lists: [],
    };
  },
};
