import { type SQL, sql } from 'drizzle-orm';
import type { ReportDefinition } from './definition';
import { countCell, recordKey } from './disclosure';
import { type Dimension, runGrouped } from './grouped.server';
import type { Option } from './params';
import type { Measure } from './present';
import { longDate } from './sql';

/**
 * The live floor per shift and person (supervisors and admins only, like every line report):
 * hours on the line (available or on a call), on breaks and in the field, from the state
 * history; help requests and the minutes until someone answered "Voy". Staff personal data
 * under the same disclosure control as the line's figures (disclosure.ts): counts are rounded
 * by their cell key, and hours and the average wait are shown only over a published base of
 * 10 or more state changes or answered requests, so a short shift says nothing about one person.
 */
const SHIFTS: Record<string, string> = {
  matutino: 'Matutino (7 a 15 h)',
  vespertino: 'Vespertino (15 a 23 h)',
  nocturno: 'Nocturno (23 a 7 h)',
};

const GROUPINGS: readonly Option[] = [
  { value: 'persona-turno', label: 'Persona y turno' },
  { value: 'persona', label: 'Persona' },
  { value: 'turno', label: 'Turno' },
];

const MEASURES: readonly Measure[] = [
  { key: 'changes', label: 'Cambios de estado', format: 'count' },
  { key: 'lineHours', label: 'Horas en la línea', format: 'decimal', basis: 'changes' },
  { key: 'breakHours', label: 'Horas en descanso', format: 'decimal', basis: 'changes' },
  { key: 'fieldHours', label: 'Horas en campo', format: 'decimal', basis: 'changes' },
  { key: 'help', label: 'Pidió apoyo', format: 'count' },
  { key: 'answered', label: 'Con respuesta «Voy»', format: 'count' },
  { key: 'waitMinutes', label: 'Minutos hasta «Voy» (promedio)', format: 'decimal', basis: 'answered' },
];

/** The bitácora's shift of a local hour: 7–15 matutino, 15–23 vespertino, otherwise nocturno. */
function shiftOf(instant: SQL, timeZone: string): SQL {
  const hour = sql`extract(hour from ${instant} at time zone ${timeZone})`;
  return sql`(case when ${hour} >= 7 and ${hour} < 15 then 'matutino' when ${hour} >= 15 and ${hour} < 23 then 'vespertino' else 'nocturno' end)`;
}

export const floorReport: ReportDefinition = {
  slug: 'linea-estados',
  title: 'Tiempo en la línea por turno y persona',
  summary:
    'Horas en la línea, en descanso y en campo, y solicitudes de apoyo con el tiempo hasta que alguien respondió «Voy».',
  area: 'line',
  suppress: true,
  groupings: GROUPINGS,
  filters: async () => [],
  async run(db, query, timeZone) {
    const start = sql`(${query.from}::date::timestamp at time zone ${timeZone})`;
    const end = sql`((${query.to}::date + 1)::timestamp at time zone ${timeZone})`;
    // One row per state interval (clipped to the period) and per help request raised in it.
    const stateKey = await recordKey(db, 'floor_states', sql`s.id`);
    const helpKey = await recordKey(db, 'help_requests', sql`h.id`);
    const source = sql`from (
        select 'state' as kind, s.id, s.user_id, s.state::text as state,
          greatest(s.started_at, ${start}) as at,
          extract(epoch from least(coalesce(s.ended_at, now()), ${end}) - greatest(s.started_at, ${start})) / 3600.0 as hours,
          null::float8 as wait, ${stateKey} as rk0
        from floor_states s
        where s.started_at < ${end} and coalesce(s.ended_at, now()) > ${start} and s.state <> 'off'
        union all
        select 'help', h.id, h.user_id, null, h.created_at, null,
          extract(epoch from h.answered_at - h.created_at) / 60.0, ${helpKey}
        from help_requests h
        where h.created_at >= ${start} and h.created_at < ${end}
      ) f join users u on u.id = f.user_id`;
    const shift = shiftOf(sql`f.at`, timeZone);
    const dimension: Dimension =
      query.by === 'turno'
        ? { key: shift, labelOf: (k) => SHIFTS[k] ?? k, partition: true }
        : query.by === 'persona'
          ? { key: sql`f.user_id::text`, label: sql`u.name`, partition: true }
          : {
              key: sql`f.user_id::text || ':' || ${shift}`,
              label: sql`u.name || ' · ' || ${shift}`,
              partition: true,
            };
    const { rows, total } = await runGrouped(
      db,
      query,
      dimension,
      {
        source,
        where: sql`true`,
        columns: sql`f.kind, f.id, f.state, f.hours, f.wait`,
        recordKey: sql`f.rk0`,
        aggregates: sql`${countCell('changes', sql`base.kind = 'state'`)},
        coalesce(sum(base.hours) filter (where base.state in ('online', 'on_call')), 0)::float8 as "lineHours",
        coalesce(sum(base.hours) filter (where base.state = 'break'), 0)::float8 as "breakHours",
        coalesce(sum(base.hours) filter (where base.state = 'field'), 0)::float8 as "fieldHours",
        ${countCell('help', sql`base.kind = 'help'`)},
        ${countCell('answered', sql`base.kind = 'help' and base.wait is not null`)},
        avg(base.wait)::float8 as "waitMinutes"`,
        measures: MEASURES,
      },
      timeZone,
    );
    const by = GROUPINGS.find((g) => g.value === query.by)!.label;
    return {
      table: {
        id: 'linea-estados',
        caption: `La línea por ${by.toLowerCase()}`,
        dimensionLabel: by,
        measures: MEASURES,
        rows,
        total,
        partition: true,
        notes: [
          `Del ${longDate(query.from)} al ${longDate(query.to)}. Cada tramo de estado cuenta en el turno en que empezó (o en que empieza el periodo).`,
          'En la línea: en línea o en llamada. Las horas y el promedio se muestran solo sobre 10 o más cambios de estado o respuestas.',
        ],
        chart: null,
      },
      lists: [],
    };
  },
};
