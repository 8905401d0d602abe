import { type SQL, asc, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { contentCampaigns } from '~db/schema';
import { CHANNEL_LABELS } from '~/features/content';
import type { ReportDefinition } from './definition';
import { type Dimension, runGrouped, timeDimension } from './grouped.server';
import { TIME_GROUPINGS, labelOf, optionsOf } from './labels';
import type { FilterSpec, Option } from './params';
import type { Measure } from './present';
import { allOf, inLocalDays, longDate } from './sql';

/**
 * Content calendar: posts planned in the period (local day of `planned_at`) and what became
 * of them; and each campaign's results. A post for several channels counts once per channel
 * when grouped by channel.
 */
const GROUPINGS: readonly Option[] = [
  ...TIME_GROUPINGS,
  { value: 'canal', label: 'Canal' },
  { value: 'campana', label: 'Campaña' },
];
const DIMENSION_LABELS: Record<string, string> = {
  mes: 'Mes',
  dia: 'Día',
  canal: 'Canal',
  campana: 'Campaña',
};
const NO_CAMPAIGN = 'Sin campaña';

async function contentFilters(db: Executor): Promise<FilterSpec[]> {
  const campaigns = await db
    .select({ value: sql<string>`${contentCampaigns.id}::text`, label: contentCampaigns.name })
    .from(contentCampaigns)
    .orderBy(asc(contentCampaigns.startsOn), asc(contentCampaigns.name));
  return [
    { name: 'canal', label: 'Canal', options: optionsOf(CHANNEL_LABELS) },
    { name: 'campana', label: 'Campaña', options: campaigns },
  ];
}

function contentConditions(filters: Record<string, string>): SQL[] {
  const out: SQL[] = [];
  if (filters.canal) out.push(sql`${filters.canal}::content_channel = any(p.channels)`);
  if (filters.campana) out.push(sql`p.campaign_id = ${Number(filters.campana)}`);
  return out;
}

function contentDimension(by: string): Dimension {
  switch (by) {
    case 'dia':
      return timeDimension('day', sql`p.planned_at`);
    case 'canal':
      return {
        key: sql`dch.channel`,
        joins: sql`cross join lateral unnest(p.channels) as dch(channel)`,
        labelOf: (k) => labelOf(CHANNEL_LABELS, k),
        partition: false,
      };
    case 'campana':
      return {
        key: sql`p.campaign_id`,
        label: sql`coalesce(dc.name, ${NO_CAMPAIGN})`,
        joins: sql`left join content_campaigns dc on dc.id = p.campaign_id`,
        partition: true,
      };
    default:
      return timeDimension('month', sql`p.planned_at`);
  }
}

const POST_MEASURES: readonly Measure[] = [
  { key: 'planned', label: 'Planeadas', format: 'count' },
  { key: 'published', label: 'Publicadas', format: 'count' },
  { key: 'onTime', label: 'Publicadas a tiempo', format: 'count' },
  { key: 'inProgress', label: 'En preparación', format: 'count' },
  { key: 'overdue', label: 'Vencidas sin publicar', format: 'count' },
  { key: 'publishedRate', label: 'Publicadas (%)', format: 'percent', basis: 'planned' },
];

export const contentPostsReport: ReportDefinition = {
  slug: 'contenido',
  title: 'Publicaciones planeadas y publicadas',
  summary:
    'Publicaciones del calendario de contenido por mes, canal y campaña: cuántas se planearon y cuántas salieron a tiempo.',
  area: 'content',
  suppress: false,
  groupings: GROUPINGS,
  filters: contentFilters,
  async run(db, query, timeZone) {
    const dimension = contentDimension(query.by);
    // "A tiempo": published on or before the planned local day. "Vencidas": planned before
    // today and still not published. Cancelled posts are not counted as planned. "Before
    // today" is "before today's local midnight", an instant computed once per query (comparing
    // each post's local day converted the zone per row: +35 % on this report).
    const { rows, total } = await runGrouped(
      db,
      query,
      dimension,
      {
        source: sql`from content_posts p`,
        where: allOf([
          inLocalDays(sql`p.planned_at`, query.from, query.to, timeZone),
          sql`p.status <> 'cancelled'`,
          ...contentConditions(query.filters),
        ]),
        columns: sql`p.id, p.status,
        (p.published_at at time zone ${timeZone})::date <= (p.planned_at at time zone ${timeZone})::date as on_time,
        p.planned_at < (select (now() at time zone ${timeZone})::date::timestamp at time zone ${timeZone}) as past`,
        aggregates: sql`count(base.id)::int as planned,
        count(base.id) filter (where base.status = 'published')::int as published,
        count(base.id) filter (where base.status = 'published' and base.on_time)::int as "onTime",
        count(base.id) filter (where base.status <> 'published' and not base.past)::int as "inProgress",
        count(base.id) filter (where base.status <> 'published' and base.past)::int as overdue,
        (100.0 * count(base.id) filter (where base.status = 'published') / nullif(count(base.id), 0))::float8 as "publishedRate"`,
        measures: POST_MEASURES,
      },
      timeZone,
    );
    const by = DIMENSION_LABELS[query.by]!;
    return {
      table: {
        id: 'contenido',
        caption: `Publicaciones por ${by.toLowerCase()}`,
        dimensionLabel: by,
        measures: POST_MEASURES,
        rows,
        total,
        rowTotal: { total: 'planned', parts: ['published', 'inProgress', 'overdue'] },
        partition: dimension.partition,
        notes: [
          `Publicaciones planeadas del ${longDate(query.from)} al ${longDate(query.to)}; no cuenta las canceladas.`,
          'A tiempo: publicada el mismo día planeado o antes. Vencidas: su fecha ya pasó y no se han publicado.',
          ...(dimension.partition
            ? []
            : [
                'Una publicación para varios canales cuenta una vez en cada canal; las filas suman más que el total.',
              ]),
        ],
        chart: {
          kind: 'stacked',
          measures: ['published', 'inProgress', 'overdue'],
          axisLabel: 'Publicaciones',
        },
      },
      lists: [],
    };
  },
};

const CAMPAIGN_MEASURES: readonly Measure[] = [
  { key: 'planned', label: 'Publicaciones planeadas', format: 'count' },
  { key: 'published', label: 'Publicadas', format: 'count' },
  { key: 'reach', label: 'Alcance', format: 'count', nullable: true },
  { key: 'calls', label: 'Llamadas a la línea', format: 'count', nullable: true },
  { key: 'registrations', label: 'Registros a eventos', format: 'count', nullable: true },
];

export const campaignResultsReport: ReportDefinition = {
  slug: 'campanas',
  title: 'Resultados de las campañas',
  summary:
    'Cada campaña que estuvo activa en el periodo: sus publicaciones y los resultados que registró comunicación.',
  area: 'content',
  suppress: false,
  groupings: [{ value: 'campana', label: 'Campaña' }],
  filters: async () => [],
  async run(db, query, timeZone) {
    // One base row per campaign (its posts counted in a lateral subquery), so the total row
    // is a plain sum. Results are entered by hand: a campaign without them adds nothing.
    const { rows, total } = await runGrouped(
      db,
      query,
      {
        key: sql`c.id::text`,
        label: sql`c.name || ' (' || to_char(c.starts_on, 'DD/MM/YYYY') || ' – ' || to_char(c.ends_on, 'DD/MM/YYYY') || ')'`,
        partition: true,
      },
      {
        source: sql`from content_campaigns c left join lateral (
          select count(*) filter (where p.status <> 'cancelled') as planned, count(*) filter (where p.status = 'published') as published
          from content_posts p where p.campaign_id = c.id) pc on true`,
        where: sql`c.starts_on <= ${query.to}::date and c.ends_on >= ${query.from}::date`,
        columns: sql`c.id, pc.planned, pc.published, c.result_reach, c.result_calls, c.result_registrations`,
        aggregates: sql`coalesce(sum(base.planned), 0)::int as planned, coalesce(sum(base.published), 0)::int as published,
        sum(base.result_reach)::int as reach, sum(base.result_calls)::int as calls, sum(base.result_registrations)::int as registrations`,
        measures: CAMPAIGN_MEASURES,
      },
      timeZone,
    );
    return {
      table: {
        id: 'campanas',
        caption: 'Resultados por campaña',
        dimensionLabel: 'Campaña',
        measures: CAMPAIGN_MEASURES,
        rows,
        total,
        partition: true,
        notes: [
          `Campañas activas en algún día del ${longDate(query.from)} al ${longDate(query.to)}. «—»: resultado aún no registrado.`,
        ],
        chart: { kind: 'bar', measures: ['planned', 'published'], axisLabel: 'Publicaciones' },
      },
      lists: [],
    };
  },
};
