// Benchmark: every report over a year of data on PostgreSQL, at 10 %, 50 % and 100 % of the
// data, against a baseline measured in the same run (a bare `select 1` round trip and a full
// count of the table). Goal: each report < 200 ms at 100 %. Run with
//   npx tsx bench/reports.mjs            (BENCH_DATABASE_URL, default the local server)
// A throwaway database is created and dropped.
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../db/client.ts';
import { seedReference } from '../db/seed.ts';
import { REPORTS } from '../src/features/reports/catalog.ts';
import { loadMonthlySummary } from '../src/features/reports/summary.server.ts';
import {
  ensureBenchWorkshops,
  exec,
  hasTable,
  insertActivities,
  insertContent,
  insertEvents,
  insertLine,
  insertRequests,
} from './reports-data.mjs';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const FULL_REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5000);
// A year of the other features' data, generated when their tables exist.
const FULL = {
  activities: Number(process.env.BENCH_ACTIVITIES ?? 5000),
  contacts: Number(process.env.BENCH_CONTACTS ?? 100_000),
  events: Number(process.env.BENCH_EVENTS ?? 150),
  posts: Number(process.env.BENCH_POSTS ?? 1500),
};
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TZ = 'America/Chihuahua';
const YEAR = { from: '2026-01-01', to: '2026-12-31' };
const GOAL_MS = 200;
// Not one report but a page of them (every section × month, previous month, year to date).
const SUMMARY_LABEL = 'resumen mensual (página entera)';

const name = `vinculo_bench_${Date.now().toString(36)}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const database = await openDatabase({ url: url.toString(), max: 4 });

/** The table whose size drives a report's cost (the baseline scan it is compared with). */
function tableOf(area, slug) {
  if (area === 'line') return 'contacts';
  if (area === 'content') return 'content_posts';
  if (area === 'events') return 'events';
  return slug === 'actividades' ? 'activities' : 'workshop_requests';
}

/** Median wall time of `fn` over RUNS runs after two warm-ups, in ms. */
async function time(fn) {
  await fn();
  await fn();
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

try {
  await migrateDatabase(database);
  await seedReference(database.db);
  await ensureBenchWorkshops(database.db);
  const db = database.db;
  const fractions = [0.1, 0.5, 1];
  const generators = [
    { table: 'workshop_requests', full: FULL_REQUESTS, insert: insertRequests },
    { table: 'activities', full: FULL.activities, insert: insertActivities },
    { table: 'contacts', full: FULL.contacts, insert: insertLine },
    { table: 'events', full: FULL.events, insert: insertEvents },
    { table: 'content_posts', full: FULL.posts, insert: insertContent },
  ];
  const present = [];
  for (const g of generators) if (await hasTable(db, g.table)) present.push({ ...g, inserted: 0 });
  console.log(`data at 100 %: ${present.map((g) => `${g.full} ${g.table}`).join(', ')}`);
  const results = []; // { fraction, ping, scan, reports: Map<label, ms> }
  for (const fraction of fractions) {
    const loadStart = performance.now();
    for (const g of present) {
      const target = Math.round(g.full * fraction);
      await g.insert(db, g.inserted + 1, target);
      g.inserted = target;
    }
    console.log(`loaded ${fraction * 100} % in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);
    const ping = await time(() => exec(db, sql`select 1`));
    // Baseline per table: a bare count(*) (one scan, no work per row) at this size.
    const scans = new Map();
    for (const g of present)
      scans.set(g.table, await time(() => exec(db, sql`select count(*) from ${sql.identifier(g.table)}`)));
    const reports = new Map();
    for (const report of REPORTS) {
      for (const grouping of report.groupings) {
        if (grouping.value === 'dia') continue; // a year cannot be grouped by day (≤ 93 days)
        const query = { ...YEAR, by: grouping.value, filters: {} };
        reports.set(`${report.slug} por ${grouping.value}`, {
          table: tableOf(report.area, report.slug),
          ms: await time(() => report.run(db, query, TZ)),
        });
      }
    }
    // The board's monthly page runs every section's reports for three periods (an admin sees all).
    reports.set(SUMMARY_LABEL, {
      table: 'contacts',
      ms: await time(() => loadMonthlySummary(db, 'admin', { from: '2026-06-01', to: '2026-06-30' }, TZ)),
    });
    results.push({ fraction, ping, scans, reports });
  }

  const [first] = results;
  const last = results.at(-1);
  console.log(`PostgreSQL, ${RUNS} runs per figure (median), one year of data; node ${process.version}`);
  console.log(
    `\nbaseline`.padEnd(36) + results.map((r) => `${r.fraction * 100} % data`.padStart(14)).join(''),
  );
  console.log(
    'select 1 (round trip)'.padEnd(35) + results.map((r) => `${r.ping.toFixed(2)} ms`.padStart(14)).join(''),
  );
  for (const g of present) {
    console.log(
      `count(*) ${g.table}`.padEnd(35) +
        results.map((r) => `${r.scans.get(g.table).toFixed(2)} ms`.padStart(14)).join(''),
    );
  }
  console.log(
    `\nreport (median ms; × = vs the 10 % run; ÷scan = vs count(*) of its main table at that size)`,
  );
  let worst = 0;
  for (const [label, { table }] of first.reports) {
    const cells = results.map((r) => {
      const { ms } = r.reports.get(label);
      return `${ms.toFixed(1)} ms ${(ms / first.reports.get(label).ms).toFixed(2)}× ${(ms / r.scans.get(table)).toFixed(1)}÷scan`.padStart(
        30,
      );
    });
    if (label !== SUMMARY_LABEL) worst = Math.max(worst, last.reports.get(label).ms);
    console.log(label.padEnd(35) + cells.join(''));
  }
  console.log(
    `\ndata grew 10×; slowest report at 100 %: ${worst.toFixed(1)} ms (goal < ${GOAL_MS} ms) → ${worst < GOAL_MS ? 'OK' : 'OVER GOAL'}`,
  );
} finally {
  await database.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
