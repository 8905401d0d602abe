import { beforeAll, expect, it } from 'vitest';
import { contacts, users } from '~db/schema';
import { findReport, loadReport } from '~/features/reports/catalog';
import { preimage } from '~/features/reports/disclosure';
import type { PresentedTable, ReportTableData } from '~/features/reports/present';
import { loadMonthlySummary } from '~/features/reports/summary.server';
import { COMPLEMENT_TEXT, SUPPRESSED_TEXT, suppressionMask, tableGroups } from '~/features/reports/suppress';
import { describeEachDb } from '../helpers/db';
import { CHIHUAHUA, chih } from './reports.fixtures';

/**
 * The attack of the audit, run against the contacts report and the monthly summary the way a
 * supervisor can query them: every allowed period (each month, each quarter, each "January
 * to the end of a month"), grouped by month, channel and risk, unfiltered and filtered by
 * each channel and each risk level. The attacker knows the rule and solves for the counts:
 *
 * - unknowns: the true count of each (month, channel) and (month, risk) atom;
 * - every published figure bounds the sum of the atoms it counts ("<5" is 1–4, "oculto" is
 *   ≥ 5, a number under the rounding rule is v − 4…v + 4, a category not listed is 0 before
 *   and "published 0" now);
 * - interval propagation to a fixpoint: for two known sets A ⊂ B, B − A lies between
 *   lo(B) − hi(A) and hi(B) − lo(A); for disjoint A, B with A ∪ B known, the union's bounds
 *   tighten too. That covers bounds-based solving per table, differencing between periods
 *   (quarter − months, year to date − year to date) and between filters (all − channel).
 *
 * A count from 1 to 4 is "recovered" when some set of people with that true count ends with
 * lo = hi. The control applies the former rule (suppress.ts: "<5" plus complementary
 * "oculto") to the same query results and must recover some; the published reports must
 * recover none.
 */
const MONTHS = 10; // January to October 2026
const CHANNELS = ['phone', 'whatsapp', 'walk_in'] as const;
const RISKS = ['none', 'low', 'high'] as const;
const BIG = 1_000_000;

// Deliberately small cells: walk-ins are 0–4 every month, WhatsApp is small in some months.
const PER_MONTH: Record<(typeof CHANNELS)[number], number[]> = {
  phone: [18, 18, 19, 18, 18, 19, 18, 18, 19, 17],
  whatsapp: [6, 2, 7, 5, 3, 8, 6, 1, 7, 5],
  walk_in: [1, 3, 0, 2, 4, 1, 2, 3, 1, 2],
};
const riskOf = (i: number) => (i % 9 === 0 ? 'high' : i % 3 === 0 ? 'none' : 'low');

interface Record_ {
  month: number;
  channel: (typeof CHANNELS)[number];
  risk: (typeof RISKS)[number];
}
const RECORDS: Record_[] = [];
for (let m = 0; m < MONTHS; m++)
  for (const channel of CHANNELS)
    for (let j = 0; j < PER_MONTH[channel][m]!; j++)
      RECORDS.push({ month: m, channel, risk: riskOf(RECORDS.length) });

type Dimension = 'canal' | 'riesgo';
const VALUES: Record<Dimension, readonly string[]> = { canal: CHANNELS, riesgo: RISKS };
const attrOf = (r: Record_, d: Dimension) => (d === 'canal' ? r.channel : r.risk);

/** Atom index for (month, value) in a dimension's family; sets are 30-bit masks. */
const atom = (month: number, valueIndex: number) => 1 << (month * 3 + valueIndex);
function setOf(months: readonly number[], values: readonly number[]): number {
  let mask = 0;
  for (const m of months) for (const v of values) mask |= atom(m, v);
  return mask;
}
function trueCount(d: Dimension, mask: number): number {
  return RECORDS.filter((r) => mask & atom(r.month, VALUES[d].indexOf(attrOf(r, d)))).length;
}

interface Period {
  desde: string;
  hasta: string;
  months: number[];
}
const iso = (m: number) => `2026-${String(m + 1).padStart(2, '0')}`;
const lastDay = (m: number) => new Date(Date.UTC(2026, m + 1, 0)).toISOString().slice(0, 10);
const range = (a: number, b: number) => [...Array(b - a + 1).keys()].map((i) => a + i);
const PERIODS: Period[] = [];
for (let m = 0; m < MONTHS; m++) PERIODS.push({ desde: `${iso(m)}-01`, hasta: lastDay(m), months: [m] });
for (const q of [0, 3, 6])
  PERIODS.push({ desde: `${iso(q)}-01`, hasta: lastDay(q + 2), months: range(q, q + 2) });
for (let m = 1; m < MONTHS; m++)
  PERIODS.push({ desde: '2026-01-01', hasta: lastDay(m), months: range(0, m) });

/** What the attacker reads in one published count cell. */
type Reading = { text: string; value: number | null } | null;
type Rule = 'legacy' | 'published';

function bounds(rule: Rule, reading: Reading): [number, number] {
  if (rule === 'legacy') {
    if (reading === null) return [0, 0]; // a category that is not listed did not occur
    if (reading.text === SUPPRESSED_TEXT) return [1, 4];
    if (reading.text === COMPLEMENT_TEXT) return [5, BIG];
    return [reading.value!, reading.value!];
  }
  const { lo, hi } = preimage(reading?.value ?? 0); // not listed: published as 0
  return [lo, hi];
}

/** The former rule (suppress.ts) over a query's exact figures, as the old page showed them. */
function legacyTable(data: ReportTableData): PresentedTable {
  const rows = data.total ? [...data.rows, data.total] : data.rows;
  const countCols = data.measures.flatMap((m, i) => (m.format === 'count' ? [i] : []));
  const grid = rows.map((row) =>
    data.measures.map((m) => (m.format === 'count' ? row.values[m.key]! : null)),
  );
  const mask = suppressionMask(
    grid,
    tableGroups({
      rows: data.rows.length,
      countColumns: countCols,
      totalRow: data.total && data.partition ? rows.length - 1 : undefined,
    }),
  );
  const presented = rows.map((row, r) => ({
    key: row.key,
    label: row.label,
    cells: data.measures.map((m, i) => {
      const v = row.values[m.key] ?? null;
      if (mask[r]![i]) return { text: v! < 5 ? SUPPRESSED_TEXT : COMPLEMENT_TEXT, value: null, hidden: true };
      return { text: String(v), value: v, hidden: false };
    }),
  }));
  const total = presented.pop()!;
  return { ...data, columns: [], rows: presented, total, anyHidden: false, protected: false, notes: [] };
}

class Solver {
  readonly known = new Map<number, [number, number]>();
  constructor(readonly dimension: Dimension) {}

  /** Intersects the bounds of a set; true when they got tighter. */
  tighten(mask: number, lo: number, hi: number): boolean {
    if (mask === 0) return false;
    const old = this.known.get(mask) ?? [0, BIG];
    const next: [number, number] = [Math.max(old[0], lo, 0), Math.min(old[1], hi)];
    if (next[0] > next[1]) throw new Error('inconsistent readings: the attacker model is wrong');
    if (next[0] === old[0] && next[1] === old[1] && this.known.has(mask)) return false;
    this.known.set(mask, next);
    return true;
  }

  solve(): void {
    for (let pass = 0; pass < 30; pass++) {
      let changed = false;
      const entries = [...this.known.entries()];
      for (const [a, [loA, hiA]] of entries) {
        for (const [b, [loB, hiB]] of entries) {
          if (a === b) continue;
          if ((a & b) === a) {
            // A ⊂ B: the difference B − A.
            const rest = b & ~a;
            if (this.known.has(rest) || this.known.size < 2500)
              changed = this.tighten(rest, loB - hiA, hiB - loA) || changed;
          } else if ((a & b) === 0 && this.known.has(a | b)) {
            changed = this.tighten(a | b, loA + loB, hiA + hiB) || changed;
          }
        }
      }
      if (!changed) return;
    }
  }

  /** Sets whose true count is 1–4 and whose bounds met. */
  recovered(): { mask: number; count: number }[] {
    const out: { mask: number; count: number }[] = [];
    for (const [mask, [lo, hi]] of this.known) {
      const count = trueCount(this.dimension, mask);
      if (lo === hi) expect(lo).toBe(count); // the attacker is never wrong, only sometimes sure
      if (lo === hi && count >= 1 && count <= 4) out.push({ mask, count });
    }
    return out;
  }
}

describeEachDb('reports: disclosure control against an attacker who solves for small counts', (ctx) => {
  const readings: { rule: Rule; d: Dimension; mask: number; reading: Reading }[] = [];
  let queries = 0;

  beforeAll(async () => {
    const [op] = await ctx.db
      .insert(users)
      .values({ email: 'op-ataque@vinculo.test', name: 'Operadora', role: 'operator' })
      .returning({ id: users.id });
    await ctx.db.insert(contacts).values(
      RECORDS.map((r, i) => ({
        operatorId: op!.id,
        startedAt: chih(`${iso(r.month)}-${String(1 + ((i * 7) % 27)).padStart(2, '0')} 12:00`),
        channel: r.channel,
        callType: 'information' as const,
        riskLevel: r.risk,
        reportStatus: 'not_applicable' as const,
        durationMinutes: 10,
        services: [],
      })),
    );

    const report = findReport('contactos')!;
    const observe = (
      rule: Rule,
      table: PresentedTable,
      period: Period,
      by: string,
      filter?: [Dimension, string],
    ) => {
      const col = 0; // "Contactos"
      for (const d of ['canal', 'riesgo'] as const) {
        // A filter on the other dimension gives sets this family cannot name.
        if (filter && filter[0] !== d) continue;
        const values = filter ? [VALUES[d].indexOf(filter[1])] : VALUES[d].map((_, i) => i);
        const add = (mask: number, reading: Reading) => readings.push({ rule, d, mask, reading });
        if (by === 'mes') {
          for (const [i, m] of period.months.entries()) {
            const row = table.rows.find((r) => r.key === iso(m));
            expect(row, `month ${iso(m)} listed`).toBeDefined();
            add(setOf([m], values), row!.cells[col]!);
            expect(i).toBeGreaterThanOrEqual(0);
          }
        } else if (by === d && !filter) {
          for (const [v, value] of VALUES[d].entries())
            add(setOf(period.months, [v]), table.rows.find((r) => r.key === value)?.cells[col] ?? null);
        }
        if (by === 'mes' || by === d) add(setOf(period.months, values), table.total!.cells[col]!);
      }
    };

    for (const period of PERIODS) {
      const combos: { by: string; filter?: [Dimension, string] }[] = [
        { by: 'mes' },
        { by: 'canal' },
        { by: 'riesgo' },
      ];
      for (const d of ['canal', 'riesgo'] as const)
        for (const value of VALUES[d]) combos.push({ by: 'mes', filter: [d, value] });
      for (const { by, filter } of combos) {
        const params = new URLSearchParams({ desde: period.desde, hasta: period.hasta, por: by });
        if (filter) params.set(filter[0], filter[1]);
        const loaded = await loadReport(ctx.db, report, params, CHIHUAHUA, new Date('2026-11-25T15:00:00Z'));
        queries++;
        // Every one of these periods is allowed as it is: nothing was widened.
        expect([loaded.parsed.query.from, loaded.parsed.query.to]).toEqual([period.desde, period.hasta]);
        observe('published', loaded.table, period, by, filter);
        const raw = await report.run(ctx.db, loaded.parsed.query, CHIHUAHUA);
        observe('legacy', legacyTable(raw.table), period, by, filter);
      }
    }

    // The monthly summary: the month, the month before and the year to date, per month.
    for (let m = 1; m < MONTHS; m++) {
      const sections = await loadMonthlySummary(
        ctx.db,
        'supervisor',
        { from: `${iso(m)}-01`, to: lastDay(m) },
        CHIHUAHUA,
      );
      const cells = sections
        .find((s) => s.area === 'line')!
        .headlines.find((h) => h.label === 'Contactos')!.cells;
      for (const d of ['canal', 'riesgo'] as const) {
        const all = VALUES[d].map((_, i) => i);
        for (const [cell, months] of [
          [cells[0]!, [m]],
          [cells[1]!, [m - 1]],
          [cells[2]!, range(0, m)],
        ] as const)
          readings.push({ rule: 'published', d, mask: setOf(months, all), reading: cell });
      }
    }
  }, 300_000);

  const attack = (rule: Rule) => {
    let recovered = 0;
    const published = new Set<string>();
    for (const d of ['canal', 'riesgo'] as const) {
      const solver = new Solver(d);
      for (const r of readings.filter((x) => x.rule === rule && x.d === d)) {
        const [lo, hi] = bounds(rule, r.reading);
        solver.tighten(r.mask, lo, hi);
        published.add(`${d}:${r.mask}`);
      }
      solver.solve();
      recovered += solver.recovered().length;
    }
    return { recovered, cells: published.size };
  };

  it('covers the allowed queries, with small cells in the data', () => {
    expect(RECORDS.length).toBeGreaterThanOrEqual(250);
    expect(queries).toBe(PERIODS.length * 9);
    expect(PER_MONTH.walk_in.filter((n) => n >= 1 && n <= 4).length).toBeGreaterThan(5);
  });

  it('control: the former rule (<5 and oculto) gives small counts away', () => {
    const { recovered, cells } = attack('legacy');
    console.info(
      `control (former rule): ${recovered} sets of 1–4 people recovered exactly, from ${cells} cells`,
    );
    expect(recovered).toBeGreaterThan(0);
  });

  it('no count from 1 to 4 can be recovered from the published reports and summary', () => {
    const { recovered, cells } = attack('published');
    console.info(
      `published (cell key): ${recovered} sets of 1–4 people recovered exactly, from ${cells} cells`,
    );
    expect(recovered).toBe(0);
  });

  it('never shows 1 to 4, and the same people always get the same figure', () => {
    const byMask = new Map<string, string>();
    for (const r of readings.filter((x) => x.rule === 'published')) {
      const text = r.reading?.text ?? '0';
      expect(text).not.toMatch(/^[1-4]$/);
      // Same set of people (from a month row, a quarter, a filter or the summary): same figure.
      const key = `${r.d}:${r.mask}`;
      const seen = byMask.get(key);
      if (seen !== undefined && r.reading !== null) expect(text).toBe(seen);
      if (r.reading !== null) byMask.set(key, text);
    }
  });
});
