import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import type { ReportQuery } from './params';
import { KEY_SUFFIX, unpackCell } from './disclosure';
import type { Measure, ReportRow } from './present';
import { type PeriodUnit, localBuckets, periodLabel, periodSeries, queryRows, toNumber } from './sql';

/**
 * The one shape every report query has: a `base` relation (one row per counted thing, with
 * its grouping key), aggregated by that key, plus the same aggregates without grouping for the
 * total row. Time groupings are joined onto the full series of days/months so empty periods
 * read 0; category groupings list only what occurs, largest first.
 */
export interface Dimension {
  /** Set for time groupings. */
  unit?: PeriodUnit | undefined;
  /**
   * Time groupings in the organisation's zone: the timestamptz to bucket. The bucket bounds
   * are computed once per query (`localBucketBounds`) and each row is placed with
   * width_bucket, a binary search, instead of converting every row's zone: ~2× cheaper over
   * 100,000 contacts, and exact across DST changes.
   */
  instant?: SQL | undefined;
  /** Grouping key over the source tables (text). For time: 'YYYY-MM' / 'YYYY-MM-DD'. */
  key?: SQL | undefined;
  /** Row label over the source tables, or null to label with `labelOf`. */
  label?: SQL | undefined;
  /** Joins the grouping needs beyond the source (e.g. topics). */
  joins?: SQL | undefined;
  labelOf?: ((key: string) => string) | undefined;
  /** True when every counted thing falls in exactly one group (the total is the sum of rows). */
  partition: boolean;
  /** List rows in key order (e.g. events by date) instead of largest first. */
  orderByKey?: boolean | undefined;
  /** One base row per (group, thing): for joins that can repeat a thing within a group. */
  distinct?: boolean | undefined;
}

export interface GroupedSpec {
  /** `from … join …` of the counted things (no where). */
  source: SQL;
  /** Conditions: period and filters. */
  where: SQL;
  /** Columns of `base` the aggregates read, e.g. sql`wr.id, wr.status`. */
  columns: SQL;
  /** Select list over `base`, one alias per measure key, e.g. sql`count(base.id)::int as total`. */
  aggregates: SQL;
  measures: readonly Measure[];
  /**
   * Protected reports: the record key of each counted thing (`recordKey` in disclosure.ts).
   * Available to the aggregates as `base.rk`; `countCell` sums it next to each count.
   */
  recordKey?: SQL | undefined;
}

/** Time grouping in the organisation's zone over a timestamptz column. */
export function timeDimension(unit: PeriodUnit, instant: SQL): Dimension {
  return { unit, instant, partition: true };
}

function toRow(raw: Record<string, unknown>, measures: readonly Measure[], label: string): ReportRow {
  const values: Record<string, number | null> = {};
  let keys: Record<string, number> | undefined;
  for (const m of measures) {
    // Only a query that summed record keys has them (an empty period row: key sum 0, count 0).
    if (m.format === 'count' && m.key + KEY_SUFFIX in raw) {
      const cell = unpackCell(raw[m.key + KEY_SUFFIX]);
      values[m.key] = cell.count;
      (keys ??= {})[m.key] = cell.keySum;
    } else values[m.key] = toNumber(raw[m.key]) ?? (m.format === 'count' && !m.nullable ? 0 : null);
  }
  return keys
    ? { key: String(raw.k ?? ''), label, values, keys }
    : { key: String(raw.k ?? ''), label, values };
}

export async function runGrouped(
  db: Executor,
  query: ReportQuery,
  dimension: Dimension,
  spec: GroupedSpec,
  timeZone: string,
): Promise<{ rows: ReportRow[]; total: ReportRow }> {
  const select = dimension.distinct ? sql`select distinct` : sql`select`;
  const columns = spec.recordKey ? sql`${spec.columns}, ${spec.recordKey} as rk` : spec.columns;
  // `base` is inlined into the aggregates, so every `sum(base.rk) filter (…)` hashes the
  // record's id again. In the time-bucket query, which reads the `buckets` CTE and so never
  // gets a parallel plan, OFFSET 0 keeps `base` a subquery the planner does not pull up: the
  // scan computes each key once and the aggregates read it as a column (the contacts report by
  // month cost +15–20 % CPU over the plain counts, now about the same). Not in the other two
  // queries: a subquery behind OFFSET 0 gets no parallel plan on PostgreSQL 15, and the plain
  // counts' category and total queries over 100,000 contacts do get one (measured with
  // bench/reports-ab.mjs: +30–55 % wall time for contacts by channel with the fence there).
  const once = spec.recordKey ? sql` offset 0` : sql``; // time buckets only (see above)
  // Aggregate first, then join the (few) groups onto the series: joining 100,000 rows onto the
  // series before grouping made PostgreSQL sort them all.
  let grouped: SQL;
  if (dimension.unit && dimension.instant) {
    const buckets = localBuckets(dimension.unit, query.from, query.to, timeZone);
    grouped = sql`with buckets as ${buckets}, bounds as (select array_agg(lo order by i) as b from buckets),
      base as (${select} width_bucket(${dimension.instant}, (select b from bounds)) as bi, ${columns} ${spec.source} ${dimension.joins ?? sql``} where ${spec.where}${once})
      , agg as (select base.bi, ${spec.aggregates} from base group by base.bi)
      select buckets.k as k, null as label, agg.* from buckets left join agg on agg.bi = buckets.i order by buckets.i`;
  } else {
    const base = sql`with base as (${select} ${dimension.key!} as k, ${dimension.label ?? sql`null::text`} as label, ${columns} ${spec.source} ${dimension.joins ?? sql``} where ${spec.where})`;
    grouped = dimension.unit
      ? sql`${base}, agg as (select base.k as bk, ${spec.aggregates} from base group by base.k)
          select s.k as k, null as label, agg.* from ${periodSeries(dimension.unit, query.from, query.to)} s left join agg on agg.bk = s.k order by s.k`
      : sql`${base} select base.k as k, min(base.label) as label, ${spec.aggregates} from base group by base.k`;
  }
  const totalQuery = sql`with base as (select ${columns} ${spec.source} where ${spec.where}) select ${spec.aggregates} from base`;

  const [rawRows, rawTotal] = await Promise.all([queryRows(db, grouped), queryRows(db, totalQuery)]);
  const unit = dimension.unit;
  const rows = rawRows.map((raw) => {
    const key = String(raw.k ?? '');
    const label = unit
      ? periodLabel(key, unit)
      : ((raw.label as string | null) ?? dimension.labelOf?.(key) ?? key);
    return toRow(raw, spec.measures, label);
  });
  if (!unit && dimension.orderByKey) rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  else if (!unit) {
    const first = spec.measures[0]!.key;
    rows.sort(
      (a, b) => (b.values[first] ?? 0) - (a.values[first] ?? 0) || a.label.localeCompare(b.label, 'es'),
    );
  }
  return { rows, total: toRow({ k: 'total', ...rawTotal[0] }, spec.measures, 'Total') };
}
