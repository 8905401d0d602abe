import { type SQL, asc, isNull, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { caseCategories, municipalities } from '~db/schema';
import {
  CALLER_ROLE_LABELS,
  CALL_TYPE_LABELS,
  CHANNEL_LABELS,
  RISK_LABELS,
  SERVICE_LABELS,
} from '~/features/cases';
import type { ReportDefinition } from './definition';
import { countCell, recordKey } from './disclosure';
import { type Dimension, runGrouped, timeDimension } from './grouped.server';
import { TIME_GROUPINGS, labelOf, optionsOf } from './labels';
import type { FilterSpec, Option, ReportQuery } from './params';
import type { Measure } from './present';
import { allOf, inLocalDays, longDate } from './sql';

/**
 * The line's statistics: contacts (calls, messages, visits) and cases. These are figures about
 * people in distress, so every table is published under the disclosure control (disclosure.ts) and only
 * supervisors and admins see them. No free text and no names ever reach a report.
 */
const CONTACT_GROUPINGS: readonly Option[] = [
  ...TIME_GROUPINGS,
  { value: 'canal', label: 'Canal' },
  { value: 'tipo', label: 'Tipo de llamada' },
  { value: 'categoria', label: 'Categoría' },
  { value: 'rol', label: 'Quién llama' },
  { value: 'servicio', label: 'Servicio dado' },
  { value: 'riesgo', label: 'Riesgo' },
  { value: 'municipio', label: 'Municipio' },
];
const DIMENSION_LABELS: Record<string, string> = {
  mes: 'Mes',
  dia: 'Día',
  canal: 'Canal',
  tipo: 'Tipo de llamada',
  categoria: 'Categoría',
  rol: 'Quién llama',
  servicio: 'Servicio dado',
  riesgo: 'Riesgo',
  municipio: 'Municipio',
};
const MULTI_NOTE =
  'Un contacto puede tener varias categorías o servicios: cuenta una vez en cada uno, por eso las filas suman más que el total.';

async function contactFilters(db: Executor): Promise<FilterSpec[]> {
  const [categories, munis] = await Promise.all([
    db
      .select({ value: sql<string>`${caseCategories.id}::text`, label: caseCategories.name })
      .from(caseCategories)
      .where(isNull(caseCategories.parentId))
      .orderBy(asc(caseCategories.sortOrder), asc(caseCategories.name)),
    db
      .select({ value: municipalities.id, label: municipalities.name })
      .from(municipalities)
      .orderBy(asc(municipalities.name)),
  ]);
  return [
    { name: 'canal', label: 'Canal', options: optionsOf(CHANNEL_LABELS) },
    { name: 'tipo', label: 'Tipo de llamada', options: optionsOf(CALL_TYPE_LABELS) },
    { name: 'categoria', label: 'Categoría', options: categories },
    { name: 'riesgo', label: 'Riesgo', options: optionsOf(RISK_LABELS) },
    { name: 'municipio', label: 'Municipio', options: munis },
  ];
}

function contactConditions(filters: Record<string, string>): SQL[] {
  const out: SQL[] = [];
  if (filters.canal) out.push(sql`c.channel::text = ${filters.canal}`);
  if (filters.tipo) out.push(sql`c.call_type::text = ${filters.tipo}`);
  if (filters.riesgo) out.push(sql`c.risk_level::text = ${filters.riesgo}`);
  if (filters.municipio) out.push(sql`c.municipality_id = ${filters.municipio}`);
  if (filters.categoria) {
    out.push(sql`exists (select 1 from contact_categories fcc join case_categories fc on fc.id = fcc.category_id
      where fcc.contact_id = c.id and coalesce(fc.parent_id, fc.id) = ${Number(filters.categoria)})`);
  }
  return out;
}

function contactDimension(by: string, query: ReportQuery, timeZone: string): Dimension {
  // Keys stay enums/ids (no per-row text casts); a missing value comes back as '' ("Sin dato").
  const enumDim = (column: SQL, labels: Record<string, string>): Dimension => ({
    key: column,
    labelOf: (k) => (k ? labelOf(labels, k) : 'Sin dato'),
    partition: true,
  });
  switch (by) {
    case 'dia':
      return timeDimension('day', sql`c.started_at`);
    case 'canal':
      return enumDim(sql`c.channel`, CHANNEL_LABELS);
    case 'tipo':
      return enumDim(sql`c.call_type`, CALL_TYPE_LABELS);
    case 'rol':
      return enumDim(sql`c.caller_role`, CALLER_ROLE_LABELS);
    case 'riesgo':
      return enumDim(sql`c.risk_level`, RISK_LABELS);
    case 'municipio':
      return {
        key: sql`c.municipality_id`,
        label: sql`coalesce(dm.name, 'Sin dato')`,
        joins: sql`left join municipalities dm on dm.id = c.municipality_id`,
        partition: true,
      };
    case 'categoria':
      // By the top level of the taxonomy (the SESNSP type or the line's own problem), each
      // contact once per top level (two subtypes of one type are one row): (contact, top) pairs
      // are deduplicated for the period's contacts only, before the join.
      return {
        key: sql`dtop.top`,
        label: sql`coalesce(dp.name, 'Sin categoría')`,
        joins: sql`left join (select distinct x.contact_id, coalesce(xc.parent_id, xc.id) as top
            from contact_categories x join case_categories xc on xc.id = x.category_id join contacts xcon on xcon.id = x.contact_id
            where ${inLocalDays(sql`xcon.started_at`, query.from, query.to, timeZone)}) dtop on dtop.contact_id = c.id
          left join case_categories dp on dp.id = dtop.top`,
        partition: false,
      };
    case 'servicio':
      return {
        key: sql`ds.service`,
        labelOf: (k) => (k ? labelOf(SERVICE_LABELS, k) : 'Ningún servicio registrado'),
        joins: sql`left join lateral unnest(c.services) with ordinality as ds(service, n) on true`,
        partition: false,
        // A contact's first service, or its one row when it has none: the total from the same scan.
        firstOfThing: sql`coalesce(ds.n, 1) = 1`,
      };
    default:
      return timeDimension('month', sql`c.started_at`);
  }
}

const CONTACT_MEASURES: readonly Measure[] = [
  { key: 'contacts', label: 'Contactos', format: 'count' },
  { key: 'attended', label: 'Con atención (con datos)', format: 'count' },
  { key: 'highRisk', label: 'Riesgo alto', format: 'count' },
  { key: 'encouraged', label: 'Se animó a denunciar', format: 'count' },
  { key: 'filed', label: 'Ya había denunciado', format: 'count' },
  { key: 'avgMinutes', label: 'Duración promedio (min)', format: 'decimal', basis: 'contacts' },
];

export const contactsReport: ReportDefinition = {
  slug: 'contactos',
  title: 'Contactos de la línea',
  summary:
    'Llamadas, mensajes y visitas atendidas: por canal, tipo, categoría, quién llama, servicios, riesgo y denuncias.',
  area: 'line',
  suppress: true,
  groupings: CONTACT_GROUPINGS,
  filters: contactFilters,
  async run(db, query, timeZone) {
    const dimension = contactDimension(query.by, query, timeZone);
    const { rows, total } = await runGrouped(
      db,
      query,
      dimension,
      {
        source: sql`from contacts c`,
        where: allOf([
          inLocalDays(sql`c.started_at`, query.from, query.to, timeZone),
          ...contactConditions(query.filters),
        ]),
        columns: sql`c.id, c.call_type, c.risk_level, c.report_status, c.duration_minutes`,
        recordKey: await recordKey(db, 'contacts', sql`c.id`),
        parallelSource: true,
        aggregates: sql`${countCell('contacts')},
        ${countCell('attended', sql`base.call_type = 'data'`)},
        ${countCell('highRisk', sql`base.risk_level = 'high'`)},
        ${countCell('encouraged', sql`base.report_status = 'encouraged'`)},
        ${countCell('filed', sql`base.report_status = 'filed'`)},
        avg(base.duration_minutes)::float8 as "avgMinutes"`,
        measures: CONTACT_MEASURES,
      },
      timeZone,
    );
    const by = DIMENSION_LABELS[query.by]!;
    return {
      table: {
        id: 'contactos',
        caption: `Contactos por ${by.toLowerCase()}`,
        dimensionLabel: by,
        measures: CONTACT_MEASURES,
        rows,
        total,
        partition: dimension.partition,
        notes: [
          `Contactos del ${longDate(query.from)} al ${longDate(query.to)} (días en la zona horaria de la organización).`,
          ...(dimension.partition ? [] : [MULTI_NOTE]),
        ],
        chart: { kind: 'bar', measures: ['contacts', 'attended'], axisLabel: 'Contactos' },
      },
      lists: [],
    };
  },
};

const CASE_MEASURES: readonly Measure[] = [
  { key: 'opened', label: 'Casos abiertos', format: 'count' },
  { key: 'closed', label: 'Casos cerrados', format: 'count' },
  { key: 'stillOpen', label: 'De los abiertos, siguen sin cerrar', format: 'count' },
];

export const casesReport: ReportDefinition = {
  slug: 'casos',
  title: 'Casos abiertos y cerrados',
  summary: 'Cuántos casos se abrieron y cuántos se cerraron en cada periodo.',
  area: 'line',
  suppress: true,
  groupings: TIME_GROUPINGS,
  filters: async () => [],
  async run(db, query, timeZone) {
    // One row per opening and one per closing, each dated by its own moment.
    const moments = sql`(select id, opened_at as at, 'opened' as kind, status from cases
      union all select id, closed_at as at, 'closed' as kind, status from cases where closed_at is not null) ev`;
    const unit = query.by === 'dia' ? 'day' : 'month';
    const { rows, total } = await runGrouped(
      db,
      query,
      timeDimension(unit, sql`ev.at`),
      {
        source: sql`from ${moments}`,
        where: inLocalDays(sql`ev.at`, query.from, query.to, timeZone),
        columns: sql`ev.id, ev.kind, ev.status`,
        recordKey: await recordKey(db, 'cases', sql`ev.id`),
        aggregates: sql`${countCell('opened', sql`base.kind = 'opened'`)},
        ${countCell('closed', sql`base.kind = 'closed'`)},
        ${countCell('stillOpen', sql`base.kind = 'opened' and base.status <> 'closed'`)}`,
        measures: CASE_MEASURES,
      },
      timeZone,
    );
    return {
      table: {
        id: 'casos',
        caption: `Casos abiertos y cerrados por ${query.by === 'dia' ? 'día' : 'mes'}`,
        dimensionLabel: query.by === 'dia' ? 'Día' : 'Mes',
        measures: CASE_MEASURES,
        rows,
        total,
        partition: true,
        notes: [
          `Del ${longDate(query.from)} al ${longDate(query.to)}. Un caso abierto y cerrado en el periodo cuenta en las dos columnas.`,
        ],
        chart: { kind: 'bar', measures: ['opened', 'closed'], axisLabel: 'Casos' },
      },
      lists: [],
    };
  },
};
