import { type SQL, sql } from 'drizzle-orm';
import { FOLLOW_UP_TYPE_LABELS } from '~/features/cases';
import type { ReportDefinition } from './definition';
import { countCell, recordKey } from './disclosure';
import { type Dimension, runGrouped, timeDimension } from './grouped.server';
import { TIME_GROUPINGS, labelOf } from './labels';
import type { Option, ReportQuery } from './params';
import type { Measure } from './present';
import { type PeriodUnit, inLocalDays, longDate } from './sql';

/**
 * What the line promised and did: follow-up calls against their due day, referrals to the
 * directory's services and what came of them, and letters to authorities (oficios) against
 * their response deadline. Counts about people: published under the disclosure control (disclosure.ts) like every line report.
 */
const KEY_FORMAT: Record<PeriodUnit, string> = { day: 'YYYY-MM-DD', month: 'YYYY-MM' };

/** Grouping by a `date` column (a calendar day already, no zone to convert). */
function dateDimension(by: string, column: SQL): Dimension {
  const unit: PeriodUnit = by === 'dia' ? 'day' : 'month';
  return { unit, key: sql`to_char(${column}, ${KEY_FORMAT[unit]})`, partition: true };
}
function inDays(column: SQL, query: ReportQuery): SQL {
  return sql`${column} between ${query.from}::date and ${query.to}::date`;
}
/**
 * Today on the organisation's calendar, in SQL: a scalar subquery, which PostgreSQL evaluates
 * once per query (an InitPlan) instead of converting the zone again on every row.
 */
const today = (timeZone: string) => sql`(select (now() at time zone ${timeZone})::date)`;

const FOLLOW_UP_GROUPINGS: readonly Option[] = [
  ...TIME_GROUPINGS,
  { value: 'tipo', label: 'Tipo de seguimiento' },
];

const FOLLOW_UP_MEASURES: readonly Measure[] = [
  { key: 'due', label: 'Programados', format: 'count' },
  { key: 'onTime', label: 'Hechos a tiempo', format: 'count' },
  { key: 'late', label: 'Hechos con retraso', format: 'count' },
  { key: 'overdue', label: 'Vencidos sin hacer', format: 'count' },
  { key: 'pending', label: 'Por hacer', format: 'count' },
  {
    key: 'compliance',
    label: 'Cumplimiento a tiempo (%)',
    format: 'percent',
    rate: { numerator: 'onTime', denominator: ['onTime', 'late', 'overdue'] },
  },
];

export const followUpsReport: ReportDefinition = {
  slug: 'seguimientos',
  title: 'Cumplimiento de los seguimientos',
  summary: 'Seguimientos con fecha en el periodo: cuántos se hicieron a tiempo, tarde, o siguen vencidos.',
  area: 'line',
  suppress: true,
  groupings: FOLLOW_UP_GROUPINGS,
  filters: async () => [],
  async run(db, query, timeZone) {
    const dimension: Dimension =
      query.by === 'tipo'
        ? { key: sql`f.type::text`, labelOf: (k) => labelOf(FOLLOW_UP_TYPE_LABELS, k), partition: true }
        : dateDimension(query.by, sql`f.due_on`);
    // On time: done on or before its due day (local). Compliance counts only follow-ups whose
    // day has come: on time ÷ (on time + late + overdue).
    const { rows, total } = await runGrouped(
      db,
      query,
      dimension,
      {
        source: sql`from follow_ups f`,
        where: inDays(sql`f.due_on`, query),
        columns: sql`f.id, f.due_on, (f.done_at at time zone ${timeZone})::date as done_on, ${today(timeZone)} as today`,
        recordKey: await recordKey(db, 'follow_ups', sql`f.id`),
        aggregates: sql`${countCell('due')},
        ${countCell('onTime', sql`base.done_on <= base.due_on`)},
        ${countCell('late', sql`base.done_on > base.due_on`)},
        ${countCell('overdue', sql`base.done_on is null and base.due_on < base.today`)},
        ${countCell('pending', sql`base.done_on is null and base.due_on >= base.today`)},
        (100.0 * count(base.id) filter (where base.done_on <= base.due_on)
          / nullif(count(base.id) filter (where base.done_on is not null or base.due_on < base.today), 0))::float8 as compliance`,
        measures: FOLLOW_UP_MEASURES,
      },
      timeZone,
    );
    return {
      table: {
        id: 'seguimientos',
        caption: `Seguimientos por ${query.by === 'tipo' ? 'tipo' : query.by === 'dia' ? 'día' : 'mes'} de vencimiento`,
        dimensionLabel: query.by === 'tipo' ? 'Tipo de seguimiento' : query.by === 'dia' ? 'Día' : 'Mes',
        measures: FOLLOW_UP_MEASURES,
        rows,
        total,
        rowTotal: { total: 'due', parts: ['onTime', 'late', 'overdue', 'pending'] },
        partition: true,
        notes: [
          `Seguimientos con fecha del ${longDate(query.from)} al ${longDate(query.to)}.`,
          'Cumplimiento: hechos a tiempo entre los que ya debían hacerse (a tiempo, con retraso o vencidos).',
        ],
        chart: {
          kind: 'stacked',
          measures: ['onTime', 'late', 'overdue', 'pending'],
          axisLabel: 'Seguimientos',
        },
      },
      lists: [],
    };
  },
};

const REFERRAL_GROUPINGS: readonly Option[] = [
  ...TIME_GROUPINGS,
  { value: 'servicio', label: 'Servicio' },
  { value: 'organizacion', label: 'Institución' },
];
const REFERRAL_MEASURES: readonly Measure[] = [
  { key: 'referrals', label: 'Canalizaciones', format: 'count' },
  { key: 'attended', label: 'Fue atendida', format: 'count' },
  { key: 'notAttended', label: 'No fue atendida', format: 'count' },
  { key: 'declined', label: 'No quiso ir', format: 'count' },
  { key: 'open', label: 'Sin resultado aún', format: 'count' },
];

export const referralsReport: ReportDefinition = {
  slug: 'canalizaciones',
  title: 'Canalizaciones por servicio',
  summary: 'A qué servicios del directorio se canalizó a las personas y qué resultado se registró.',
  area: 'line',
  suppress: true,
  groupings: REFERRAL_GROUPINGS,
  filters: async () => [],
  async run(db, query, timeZone) {
    const dimension: Dimension =
      query.by === 'servicio'
        ? { key: sql`s.id::text`, label: sql`s.name || ' (' || o.name || ')'`, partition: true }
        : query.by === 'organizacion'
          ? { key: sql`o.id::text`, label: sql`o.name`, partition: true }
          : timeDimension(query.by === 'dia' ? 'day' : 'month', sql`r.referred_at`);
    const { rows, total } = await runGrouped(
      db,
      query,
      dimension,
      {
        source: sql`from referrals r join dir_services s on s.id = r.service_id join dir_organizations o on o.id = s.organization_id`,
        where: inLocalDays(sql`r.referred_at`, query.from, query.to, timeZone),
        columns: sql`r.id, r.outcome`,
        recordKey: await recordKey(db, 'referrals', sql`r.id`),
        aggregates: sql`${countCell('referrals')},
        ${countCell('attended', sql`base.outcome = 'attended'`)},
        ${countCell('notAttended', sql`base.outcome = 'not_attended'`)},
        ${countCell('declined', sql`base.outcome = 'declined'`)},
        ${countCell('open', sql`base.outcome in ('pending', 'unknown')`)}`,
        measures: REFERRAL_MEASURES,
      },
      timeZone,
    );
    const by = REFERRAL_GROUPINGS.find((g) => g.value === query.by)!.label;
    return {
      table: {
        id: 'canalizaciones',
        caption: `Canalizaciones por ${by.toLowerCase()}`,
        dimensionLabel: by,
        measures: REFERRAL_MEASURES,
        rows,
        total,
        rowTotal: { total: 'referrals', parts: ['attended', 'notAttended', 'declined', 'open'] },
        partition: true,
        notes: [
          `Canalizaciones hechas del ${longDate(query.from)} al ${longDate(query.to)}, con el resultado registrado hoy.`,
        ],
        chart: {
          kind: 'stacked',
          measures: ['attended', 'notAttended', 'declined', 'open'],
          axisLabel: 'Canalizaciones',
        },
      },
      lists: [],
    };
  },
};

const OFICIO_GROUPINGS: readonly Option[] = [...TIME_GROUPINGS, { value: 'autoridad', label: 'Autoridad' }];
const OFICIO_MEASURES: readonly Measure[] = [
  { key: 'sent', label: 'Enviados', format: 'count' },
  { key: 'answered', label: 'Respondidos', format: 'count' },
  { key: 'answeredLate', label: 'Respondidos fuera de plazo', format: 'count' },
  { key: 'overdue', label: 'Vencidos sin respuesta', format: 'count' },
  { key: 'waiting', label: 'En plazo, sin respuesta', format: 'count' },
];

export const oficiosReport: ReportDefinition = {
  slug: 'oficios',
  title: 'Oficios respondidos y vencidos',
  summary: 'Oficios enviados a autoridades en el periodo: cuántos se respondieron y cuántos siguen vencidos.',
  area: 'line',
  suppress: true,
  groupings: OFICIO_GROUPINGS,
  filters: async () => [],
  async run(db, query, timeZone) {
    const dimension: Dimension =
      query.by === 'autoridad'
        ? {
            key: sql`coalesce(o.addressee_organization_id::text, '')`,
            label: sql`coalesce(dorg.name, 'Otra autoridad')`,
            joins: sql`left join dir_organizations dorg on dorg.id = o.addressee_organization_id`,
            partition: true,
          }
        : dateDimension(query.by, sql`o.sent_on`);
    const { rows, total } = await runGrouped(
      db,
      query,
      dimension,
      {
        source: sql`from oficios o`,
        where: sql`o.status <> 'draft' and ${inDays(sql`o.sent_on`, query)}`,
        columns: sql`o.id, o.response_on, o.response_due_on, ${today(timeZone)} as today`,
        recordKey: await recordKey(db, 'oficios', sql`o.id`),
        aggregates: sql`${countCell('sent')},
        ${countCell('answered', sql`base.response_on is not null`)},
        ${countCell('answeredLate', sql`base.response_on > base.response_due_on`)},
        ${countCell('overdue', sql`base.response_on is null and base.response_due_on < base.today`)},
        ${countCell('waiting', sql`base.response_on is null and (base.response_due_on is null or base.response_due_on >= base.today)`)}`,
        measures: OFICIO_MEASURES,
      },
      timeZone,
    );
    const by = OFICIO_GROUPINGS.find((g) => g.value === query.by)!.label;
    return {
      table: {
        id: 'oficios',
        caption: `Oficios por ${by.toLowerCase()} de envío`.replace('autoridad de envío', 'autoridad'),
        dimensionLabel: by,
        measures: OFICIO_MEASURES,
        rows,
        total,
        rowTotal: { total: 'sent', parts: ['answered', 'overdue', 'waiting'] },
        partition: true,
        notes: [
          `Oficios enviados del ${longDate(query.from)} al ${longDate(query.to)}; vencido: pasó la fecha límite de respuesta sin respuesta.`,
        ],
        chart: { kind: 'stacked', measures: ['answered', 'overdue', 'waiting'], axisLabel: 'Oficios' },
      },
      lists: [],
    };
  },
};
