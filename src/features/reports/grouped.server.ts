import { type SQL, sql } from 'drizzle-orm';
import { type Executor, runsOneAtATime } from '~db/client';
import type { ReportQuery } from './params';
import { KEY_SUFFIX, unpackCell } from './disclosure';
import type { Measure, ReportRow } from './present';
import { type PeriodUnit, localBuckets, periodLabel, periodSeries, queryRows, toNumber } from './sql';

/**
 * The one shape every report query has: a `base` relation (one row per counted thing, with
 * its grouping key), aggregated by that key, plus the same aggregates without grouping for the
 * total row (from the same scan, by grouping sets, when each thing can be counted once there;
 * otherwise a second query). Time groupings are joined onto the full series of days/months so
 * empty periods read 0; category groupings list only what occurs, largest first.
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
  /**
   * True when every counted thing falls in exactly one group (the total is the sum of rows):
   * the grouping's joins neither repeat nor drop a thing, so the total row comes from the
   * same scan as the groups (`runGrouped`).
   */
  partition: boolean;
  /** List rows in key order (e.g. events by date) instead of largest first. */
  orderByKey?: boolean | undefined;
  /** One base row per (group, thing): for joins that can repeat a thing within a group. */
  distinct?: boolean | undefined;
  /**
   * For a grouping whose joins put a thing in several groups (`partition: false`): true on
   * exactly ONE of each thing's base rows (e.g. the first element of an unnested array, or the
   * row a left join leaves alone). With it the total row comes from the same scan as the
   * groups (`runGrouped`); without it the total is a query of its own.
   */
  firstOfThing?: SQL | undefined;
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
  /**
   * A source large enough that PostgreSQL runs the separate group and total queries with
   * parallel workers (the line's contacts: 100,000 a year is the design's load). There a
   * grouping by category keeps its two queries (see `runGrouped`).
   */
  parallelSource?: boolean | undefined;
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
  // ONE SCAN FOR THE GROUPS AND THE TOTAL. When the rows partition the data (every counted
  // thing in exactly one group, no DISTINCT), the total row is the same aggregates over the
  // same `base`, and `group by grouping sets ((key), ())` computes both from one scan: the rows
  // are read, filtered and keyed once, not twice (half the database's CPU, and on PGlite, which
  // runs one query at a time, half the time). A grouping that repeats things (topics,
  // services) can do the same when it marks one base row per thing (`firstOfThing`): the set
  // `(first)` then gives the total as its `first = true` group (the `false` one is dropped by
  // HAVING). `grouping(key) = 1` marks the total row. Otherwise the total is its own query over
  // the source without the grouping's joins, so each thing counts once.
  const first = dimension.partition ? undefined : dimension.firstOfThing;
  // On PostgreSQL a grouping by category over a large source (`parallelSource`) keeps two
  // queries: each of them can get a parallel plan (grouping sets never do), and over 100,000
  // contacts the pair in parallel answered faster than the one scan (bench/reports-ab.mjs with
  // the server's default max_parallel_workers_per_gather: +18–48 % wall for contacts by type,
  // role, service and municipality as one scan). Time groupings never get a parallel plan here,
  // small sources do not get one either, and the embedded database runs one query at a time:
  // there the one scan is the faster.
  const canMerge = runsOneAtATime(db) || dimension.unit !== undefined || !spec.parallelSource;
  const oneScan = canMerge && !dimension.distinct && (dimension.partition || first !== undefined);
  const setsOf = (key: SQL) =>
    first
      ? sql`grouping sets ((${key}), (base.first)) having grouping(${key}) = 0 or base.first`
      : sql`grouping sets ((${key}), ())`;
  const groupBy = (key: SQL) => (oneScan ? setsOf(key) : key);
  const totalFlag = (key: SQL) => (oneScan ? sql`grouping(${key}) = 1 as is_total, ` : sql``);
  const firstColumn = first ? sql`, ${first} as first` : sql``;
  // `base` is inlined into the aggregates, so every `sum(base.rk) filter (…)` would hash the
  // record's id again. OFFSET 0 keeps `base` a subquery the planner does not pull up: the scan
  // computes each key once and the aggregates read it as a column (the contacts report by
  // month cost +15–20 % CPU over the plain counts without it). Only where no parallel plan is
  // lost: the time-bucket query (it reads the `buckets` CTE) and the one-scan queries (grouping
  // sets never run in parallel). A subquery behind OFFSET 0 gets no parallel plan on PostgreSQL
  // 15, and the separate category and total queries over 100,000 contacts do get one
  // (measured with bench/reports-ab.mjs: +30–55 % wall time for contacts by channel with the
  // fence there, when those were two queries).
  const once = spec.recordKey ? sql` offset 0` : sql``;
  // Aggregate first, then join the (few) groups onto the series: joining 100,000 rows onto the
  // series before grouping made PostgreSQL sort them all.
  let grouped: SQL;
  if (dimension.unit && dimension.instant) {
    const buckets = localBuckets(dimension.unit, query.from, query.to, timeZone);
    const groups = sql`with buckets as ${buckets}, bounds as (select array_agg(lo order by i) as b from buckets),
      base as (${select} width_bucket(${dimension.instant}, (select b from bounds)) as bi, ${columns} ${spec.source} ${dimension.joins ?? sql``} where ${spec.where}${once})
      , agg as (select ${totalFlag(sql`base.bi`)}base.bi, ${spec.aggregates} from base group by ${groupBy(sql`base.bi`)})`;
    grouped = oneScan
      ? sql`${groups}
      select buckets.i as pos, buckets.k as k, null as label, agg.* from buckets left join agg on agg.bi = buckets.i and not agg.is_total
      union all select null, null, null, agg.* from agg where agg.is_total
      order by pos nulls last`
      : sql`${groups}
      select buckets.k as k, null as label, agg.* from buckets left join agg on agg.bi = buckets.i order by buckets.i`;
  } else {
    const fence = oneScan ? once : sql``;
    const base = sql`with base as (${select} ${dimension.key!} as k, ${dimension.label ?? sql`null::text`} as label, ${columns}${firstColumn} ${spec.source} ${dimension.joins ?? sql``} where ${spec.where}${fence})`;
    if (dimension.unit) {
      const series = periodSeries(dimension.unit, query.from, query.to);
      const groups = sql`${base}, agg as (select ${totalFlag(sql`base.k`)}base.k as bk, ${spec.aggregates} from base group by ${groupBy(sql`base.k`)})`;
      grouped = oneScan
        ? sql`${groups}
          select s.k as k, null as label, agg.* from ${series} s left join agg on agg.bk = s.k and not agg.is_total
          union all select null, null, agg.* from agg where agg.is_total
          order by k nulls last`
        : sql`${groups}
          select s.k as k, null as label, agg.* from ${series} s left join agg on agg.bk = s.k order by s.k`;
    } else {
      grouped = sql`${base} select ${totalFlag(sql`base.k`)}base.k as k, min(base.label) as label, ${spec.aggregates} from base group by ${groupBy(sql`base.k`)}`;
    }
  }
  const totalQuery = sql`with base as (select ${columns} ${spec.source} where ${spec.where}) select ${spec.aggregates} from base`;

  let rawRows: Record<string, unknown>[];
  let rawTotal: Record<string, unknown> | undefined;
  if (oneScan) {
    const all = await queryRows(db, grouped);
    rawRows = all.filter((raw) => raw.is_total !== true);
    rawTotal = all.find((raw) => raw.is_total === true);
    // `(first)` has no group when nothing was counted (`()` always has its row): the total
    // query gives the empty period's figures, as it would have anyway.
    if (!rawTotal) rawTotal = (await queryRows(db, totalQuery))[0];
  } else {
    const [rows, totals] = await Promise.all([queryRows(db, grouped), queryRows(db, totalQuery)]);
    rawRows = rows;
    rawTotal = totals[0];
  }
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
    const lead = spec.measures[0]!.key;
    rows.sort(
      (a, b) => (b.values[lead] ?? 0) - (a.values[lead] ?? 0) || a.label.localeCompare(b.label, 'es'),
    );
  }
  // The total row's own key (a one-scan total row has k null, like a group without a key).
  return { rows, total: toRow({ ...rawTotal, k: 'total' }, spec.measures, 'Total') };
}
