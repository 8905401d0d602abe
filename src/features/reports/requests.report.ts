import { type SQL, asc, sql } from 'drizzle-orm';
import { formatDay } from '~/lib/time';
import type { Executor } from '~db/client';
import { municipalities, workshops } from '~db/schema';
import type { ReportDefinition } from './definition';
import { type Dimension, runGrouped, timeDimension } from './grouped.server';
import { INSTITUTION_TYPE_LABELS, TIME_GROUPINGS, labelOf, optionsOf } from './labels';
import type { FilterSpec, Option, ReportQuery } from './params';
import type { ListTableData, Measure } from './present';
import { allOf, inLocalDays, longDate, queryRows } from './sql';

/**
 * Outreach reports over workshop requests (solicitudes). A request is counted in the period in
 * which it was RECEIVED (its local day of `created_at`), with the status it has today: "of the
 * requests received in March, how many were scheduled, given, declined or cancelled".
 */
const GROUPINGS: readonly Option[] = [
  ...TIME_GROUPINGS,
  { value: 'municipio', label: 'Municipio' },
  { value: 'tipo', label: 'Tipo de institución' },
  { value: 'tema', label: 'Tema' },
];

const DIMENSION_LABELS: Record<string, string> = {
  mes: 'Mes',
  dia: 'Día',
  municipio: 'Municipio',
  tipo: 'Tipo de institución',
  tema: 'Tema',
};

/** Filter selects shared by the request reports. */
export async function requestFilters(db: Executor): Promise<FilterSpec[]> {
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
    { name: 'municipio', label: 'Municipio', options: munis },
    { name: 'tipo', label: 'Tipo de institución', options: optionsOf(INSTITUTION_TYPE_LABELS) },
    { name: 'tema', label: 'Tema', options: topics },
  ];
}

/** Filter conditions over `wr` (workshop_requests). Values were checked against the options. */
export function requestConditions(filters: Record<string, string>): SQL[] {
  const out: SQL[] = [];
  if (filters.municipio) out.push(sql`wr.municipality_id = ${filters.municipio}`);
  if (filters.tipo) out.push(sql`wr.institution_type::text = ${filters.tipo}`);
  if (filters.tema)
    out.push(
      sql`exists (select 1 from workshop_request_topics ft where ft.request_id = wr.id and ft.workshop_id = ${Number(filters.tema)})`,
    );
  return out;
}

/** Grouping of requests by the local day/month of `dateColumn`, or by a request attribute. */
export function requestDimension(by: string, dateColumn: SQL): Dimension {
  switch (by) {
    case 'dia':
      return timeDimension('day', dateColumn);
    case 'municipio':
      return {
        key: sql`wr.municipality_id`,
        label: sql`dm.name`,
        joins: sql`join municipalities dm on dm.id = wr.municipality_id`,
        partition: true,
      };
    case 'tipo':
      return {
        key: sql`wr.institution_type::text`,
        labelOf: (k) => labelOf(INSTITUTION_TYPE_LABELS, k),
        partition: true,
      };
    case 'tema':
      // A request may ask for several topics: it counts once under each, so rows overlap.
      return {
        key: sql`dt.workshop_id::text`,
        label: sql`dw.title`,
        joins: sql`join workshop_request_topics dt on dt.request_id = wr.id join workshops dw on dw.id = dt.workshop_id`,
        partition: false,
      };
    default:
      return timeDimension('month', dateColumn);
  }
}

const TOPIC_NOTE =
  'Una solicitud puede pedir varios temas: cuenta una vez en cada uno, por eso las filas suman más que el total.';

function periodNote(query: ReportQuery, what: string): string {
  return `${what} del ${longDate(query.from)} al ${longDate(query.to)} (días en la zona horaria de la organización).`;
}

const STATUS_MEASURES: readonly Measure[] = [
  { key: 'received', label: 'Recibidas', format: 'count' },
  { key: 'pending', label: 'Por atender', format: 'count' },
  { key: 'scheduled', label: 'Programadas', format: 'count' },
  { key: 'completed', label: 'Realizadas', format: 'count' },
  { key: 'declined', label: 'No aceptadas', format: 'count' },
  { key: 'cancelled', label: 'Canceladas', format: 'count' },
];

export const requestStatusReport: ReportDefinition = {
  slug: 'solicitudes',
  title: 'Solicitudes de talleres',
  summary:
    'Solicitudes recibidas en el periodo y en qué quedaron: programadas, realizadas, no aceptadas o canceladas.',
  area: 'outreach',
  suppress: false,
  groupings: GROUPINGS,
  filters: requestFilters,
  async run(db, query, timeZone) {
    const dimension = requestDimension(query.by, sql`wr.created_at`);
    const { rows, total } = await runGrouped(
      db,
      query,
      dimension,
      {
        source: sql`from workshop_requests wr`,
        where: allOf([
          inLocalDays(sql`wr.created_at`, query.from, query.to, timeZone),
          ...requestConditions(query.filters),
        ]),
        columns: sql`wr.id, wr.status`,
        aggregates: sql`count(base.id)::int as received,
        count(base.id) filter (where base.status in ('received', 'under_review'))::int as pending,
        count(base.id) filter (where base.status = 'scheduled')::int as scheduled,
        count(base.id) filter (where base.status = 'completed')::int as completed,
        count(base.id) filter (where base.status = 'declined')::int as declined,
        count(base.id) filter (where base.status = 'cancelled')::int as cancelled`,
        measures: STATUS_MEASURES,
      },
      timeZone,
    );
    return {
      table: {
        id: 'solicitudes',
        caption: `Solicitudes por ${DIMENSION_LABELS[query.by]!.toLowerCase()} y estado actual`,
        dimensionLabel: DIMENSION_LABELS[query.by]!,
        measures: STATUS_MEASURES,
        rows,
        total,
        rowTotal: {
          total: 'received',
          parts: ['pending', 'scheduled', 'completed', 'declined', 'cancelled'],
        },
        partition: dimension.partition,
        notes: [
          periodNote(query, 'Solicitudes recibidas'),
          'Cada solicitud aparece con su estado de hoy.',
          ...(dimension.partition ? [] : [TOPIC_NOTE]),
        ],
        chart: {
          kind: 'stacked',
          measures: ['pending', 'scheduled', 'completed', 'declined', 'cancelled'],
          axisLabel: 'Solicitudes',
        },
      },
      lists: [],
    };
  },
};

const LEAD_MEASURES: readonly Measure[] = [
  { key: 'sessions', label: 'Sesiones con fecha', format: 'count' },
  { key: 'avgDays', label: 'Promedio (días)', format: 'days', basis: 'sessions' },
  { key: 'medianDays', label: 'Mediana (días)', format: 'days', basis: 'sessions' },
  { key: 'p90Days', label: '9 de cada 10 en menos de (días)', format: 'days', basis: 'sessions' },
];

export const requestLeadTimeReport: ReportDefinition = {
  slug: 'tiempo-a-sesion',
  title: 'Tiempo de la solicitud a la sesión',
  summary:
    'Días entre que llega una solicitud y la fecha de su sesión, para las solicitudes programadas o realizadas.',
  area: 'outreach',
  suppress: false,
  groupings: GROUPINGS,
  filters: requestFilters,
  async run(db, query, timeZone) {
    const dimension = requestDimension(query.by, sql`wr.created_at`);
    const { rows, total } = await runGrouped(
      db,
      query,
      dimension,
      {
        source: sql`from workshop_requests wr`,
        where: allOf([
          inLocalDays(sql`wr.created_at`, query.from, query.to, timeZone),
          sql`wr.status in ('scheduled', 'completed') and wr.scheduled_start is not null`,
          ...requestConditions(query.filters),
        ]),
        columns: sql`wr.id, extract(epoch from (wr.scheduled_start - wr.created_at)) / 86400.0 as days`,
        aggregates: sql`count(base.id)::int as sessions,
        avg(base.days)::float8 as "avgDays",
        percentile_cont(0.5) within group (order by base.days)::float8 as "medianDays",
        percentile_cont(0.9) within group (order by base.days)::float8 as "p90Days"`,
        measures: LEAD_MEASURES,
      },
      timeZone,
    );
    return {
      table: {
        id: 'tiempo-a-sesion',
        caption: `Días de la solicitud a la sesión, por ${DIMENSION_LABELS[query.by]!.toLowerCase()}`,
        dimensionLabel: DIMENSION_LABELS[query.by]!,
        measures: LEAD_MEASURES,
        rows,
        total,
        partition: dimension.partition,
        notes: [
          periodNote(query, 'Solicitudes recibidas'),
          'Cuenta las solicitudes programadas o ya realizadas; el tiempo va de la recepción al inicio de la sesión.',
          ...(dimension.partition ? [] : [TOPIC_NOTE]),
        ],
        chart: { kind: 'bar', measures: ['medianDays', 'avgDays'], axisLabel: 'Días' },
      },
      lists: [],
    };
  },
};

const SCORE_LABELS = ['', 'Muy mala (1)', 'Mala (2)', 'Regular (3)', 'Buena (4)', 'Excelente (5)'] as const;

const EVALUATION_MEASURES: readonly Measure[] = [
  { key: 'evaluations', label: 'Evaluaciones', format: 'count' },
  { key: 'avgScore', label: 'Calificación promedio', format: 'score', basis: 'evaluations' },
  ...[5, 4, 3, 2, 1].map((s) => ({ key: `s${s}`, label: SCORE_LABELS[s]!, format: 'count' as const })),
];

const COMMENT_LIMIT = 500;
/**
 * A comment's local day ('YYYY-MM-DD', from the query) as '30 nov 2026', once per day: up to
 * 500 comments share far fewer days, and each formatting takes the time module's parts.
 */
function dayFormatter(): (day: string) => string {
  const seen = new Map<string, string>();
  return (day) => {
    let text = seen.get(day);
    if (text === undefined) seen.set(day, (text = formatDay(day, 'dateShort')));
    return text;
  };
}

export const requestEvaluationReport: ReportDefinition = {
  slug: 'evaluaciones',
  title: 'Evaluaciones de los talleres',
  summary: 'Calificaciones y comentarios que las instituciones dejaron después de su sesión.',
  area: 'outreach',
  suppress: false,
  groupings: GROUPINGS,
  filters: requestFilters,
  async run(db, query, timeZone) {
    const dimension = requestDimension(query.by, sql`ev.created_at`);
    const where = allOf([
      inLocalDays(sql`ev.created_at`, query.from, query.to, timeZone),
      ...requestConditions(query.filters),
    ]);
    const { rows, total } = await runGrouped(
      db,
      query,
      dimension,
      {
        source: sql`from workshop_request_evaluations ev join workshop_requests wr on wr.id = ev.request_id`,
        where,
        columns: sql`ev.request_id as id, ev.satisfaction`,
        aggregates: sql`count(base.id)::int as evaluations,
        avg(base.satisfaction)::float8 as "avgScore",
        ${sql.join(
          [5, 4, 3, 2, 1].map(
            (s) =>
              sql`count(base.id) filter (where base.satisfaction = ${s})::int as ${sql.identifier(`s${s}`)}`,
          ),
          sql`, `,
        )}`,
        measures: EVALUATION_MEASURES,
      },
      timeZone,
    );

    // Comments of a requester who opposed or revoked consent (ARCO) are left out of the list;
    // their evaluation still counts in the table, which names no one.
    const comments = await queryRows<{
      day: string;
      institution: string;
      type: string;
      municipality: string;
      topics: string | null;
      score: number;
      useful: string;
      comments: string;
    }>(
      db,
      sql`select to_char(ev.created_at at time zone ${timeZone}, 'YYYY-MM-DD') as day, wr.institution_name as institution, wr.institution_type::text as type, m.name as municipality,
          (select string_agg(w.title, '; ' order by w.sort_order, w.title) from workshop_request_topics t join workshops w on w.id = t.workshop_id where t.request_id = wr.id) as topics,
          ev.satisfaction as score, ev.useful, ev.comments
        from workshop_request_evaluations ev join workshop_requests wr on wr.id = ev.request_id join municipalities m on m.id = wr.municipality_id
        where ${where} and (ev.comments <> '' or ev.useful <> '')
          and not exists (select 1 from contact_suppressions s where s.kind = 'email' and s.value = lower(wr.contact_email))
        order by ev.created_at desc, ev.request_id desc limit ${COMMENT_LIMIT + 1}`,
    );
    const dayText = dayFormatter();
    const list: ListTableData = {
      id: 'comentarios',
      caption: 'Comentarios de las evaluaciones',
      columns: [
        { key: 'at', label: 'Fecha' },
        { key: 'institution', label: 'Institución' },
        { key: 'type', label: 'Tipo' },
        { key: 'municipality', label: 'Municipio' },
        { key: 'topics', label: 'Temas' },
        { key: 'score', label: 'Calificación' },
        { key: 'useful', label: 'Lo más útil' },
        { key: 'comments', label: 'Comentarios' },
      ],
      rows: comments
        .slice(0, COMMENT_LIMIT)
        .map((c) => [
          dayText(c.day),
          c.institution,
          labelOf(INSTITUTION_TYPE_LABELS, c.type),
          c.municipality,
          c.topics ?? '',
          String(c.score),
          c.useful,
          c.comments,
        ]),
      truncatedAt: comments.length > COMMENT_LIMIT ? COMMENT_LIMIT : undefined,
      empty: 'No hay comentarios en este periodo.',
    };

    return {
      table: {
        id: 'evaluaciones',
        caption: `Evaluaciones por ${DIMENSION_LABELS[query.by]!.toLowerCase()}`,
        dimensionLabel: DIMENSION_LABELS[query.by]!,
        measures: EVALUATION_MEASURES,
        rows,
        total,
        rowTotal: { total: 'evaluations', parts: ['s5', 's4', 's3', 's2', 's1'] },
        partition: dimension.partition,
        notes: [
          periodNote(query, 'Evaluaciones recibidas'),
          'Calificación de 1 (muy mala) a 5 (excelente).',
          ...(dimension.partition ? [] : [TOPIC_NOTE]),
        ],
        chart: { kind: 'bar', measures: ['avgScore'], axisLabel: 'Calificación promedio (1 a 5)' },
      },
      lists: [list],
    };
  },
};
