// Benchmark: the calendar feed's server work (query + JSON) against the real schema, and how it
// grows with the table. Run with `npx tsx bench/scheduling-feed.mjs` (it imports TypeScript).
// PGlite by default; BENCH_DATABASE_URL=postgres://… adds a throwaway PostgreSQL database.
// Baseline in the same run: the same query against a 1,000-activity table.
import os from 'node:os';
import postgres from 'postgres';
import { migrateDatabase, openDatabase } from '../db/client.ts';
import { seedReference } from '../db/seed.ts';
import { activitiesInRange, toFeedEvents } from '../src/features/scheduling/queries.server.ts';
import { BASE, loadActivities } from './scheduling-data.ts';
import { result } from './common.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const DAY = 86_400_000;
const viewer = { id: 1, role: 'supervisor' };

async function feedMs(db, start, end) {
  const times = [];
  let count = 0;
  for (let i = 0; i < RUNS + 2; i++) {
    const t0 = performance.now();
    const rows = await activitiesInRange(db, viewer, { start, end, status: 'all' });
    JSON.stringify(toFeedEvents(viewer, rows));
    if (i >= 2) times.push(performance.now() - t0); // two warm-up runs
    count = rows.length;
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p90: times[Math.floor(times.length * 0.9)], count };
}

async function open(kind) {
  if (kind === 'pglite') {
    const d = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(d);
    await seedReference(d.db);
    return { ...d, destroy: () => d.close() };
  }
  const admin = postgres(process.env.BENCH_DATABASE_URL, { max: 1, onnotice: () => {} });
  const name = `vinculo_bench_${Date.now().toString(36)}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(process.env.BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  const d = await openDatabase({ url: url.toString(), max: 2 });
  await migrateDatabase(d);
  await seedReference(d.db);
  return {
    ...d,
    destroy: async () => {
      await d.close();
      await admin.unsafe(`drop database ${name} with (force)`);
      await admin.end();
    },
  };
}

console.log(
  `node ${process.version}, ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (other work on the machine inflates every figure)`,
);
const kinds = ['pglite', ...(process.env.BENCH_DATABASE_URL ? ['postgres'] : [])];
// One week in the middle of the first 1,000 activities: ~466 events whatever the table size.
const week = [new Date(BASE.getTime() + 3 * DAY), new Date(BASE.getTime() + 10 * DAY)];
// A month holding 2,000 activities: the goal's case.
const month = [new Date(BASE.getTime() + 1), new Date(BASE.getTime() + 30 * DAY)];

for (const kind of kinds) {
  const database = await open(kind);
  try {
    console.log(`\n[${kind}] feed = query + JSON for the visible range; median (p90) of ${RUNS} runs`);
    let loaded = 0;
    let baseline;
    for (const total of [1_000, 10_000, 100_000]) {
      const t0 = performance.now();
      await loadActivities(database.db, total - loaded, loaded);
      loaded = total;
      const load = ((performance.now() - t0) / 1000).toFixed(1);
      const w = await feedMs(database.db, week[0], week[1]);
      baseline ??= w.median;
      console.log(
        `  ${String(total).padStart(7)} activities in total: one week (${w.count} events) ${w.median.toFixed(1)} ms (${w.p90.toFixed(1)})  ×${(w.median / baseline).toFixed(2)} vs 1k  [load ${load} s]`,
      );
    }
    const m = await feedMs(database.db, month[0], month[1]);
    console.log(
      `  goal: ${m.count} events in the visible range of 100k: ${m.median.toFixed(1)} ms (${m.p90.toFixed(1)}) — target ≤ 50 ms: ${m.median <= 50 ? 'met' : 'NOT met'}`,
    );
    result({
      figure: `agenda feed, ${m.count} visible of ${loaded} activities (ms)`,
      db: kind,
      value: Number(m.median.toFixed(1)),
      baseline: `one week of 1k: ${baseline.toFixed(1)} ms`,
      ratio: `${(m.median / baseline).toFixed(2)}×`,
      goal: '≤ 50 ms',
      met: m.median <= 50,
    });
    const plan = await database.db.execute(
      `explain select id from activities where tstzrange(starts_at, ends_at, '[)') && tstzrange('${week[0].toISOString()}'::timestamptz, '${week[1].toISOString()}'::timestamptz, '[)')`,
    );
    const lines = (plan.rows ?? plan).map((r) => r['QUERY PLAN']);
    console.log(`  plan: ${lines.find((l) => /Index Scan on/.test(l))?.trim()}`);
  } finally {
    await database.destroy();
  }
}
