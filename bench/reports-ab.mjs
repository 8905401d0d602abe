// Benchmark A/B: the reports as they are against the reports of another checkout, over the SAME
// generated database in ONE run, so a shared machine's load hits both sides alike. Issue 16
// asks that report load times stay within 10 % of what they were before the disclosure
// control (the commit before 60f9182). Run with
//   git worktree add --detach /work/wt-reports-base 60f9182^   (plus a node_modules symlink)
//   BENCH_BASELINE_DIR=/work/wt-reports-base npx tsx bench/reports-ab.mjs
// Without BENCH_BASELINE_DIR it says so and stops (exit 0).
//
// What is compared: the baseline's src/features/reports (catalog, report SQL, presentation,
// monthly summary) against this tree's. Everything the reports import with `~/` or `~db/`
// (database client, schema, labels, time module) resolves to THIS tree, as tsx applies this
// tree's tsconfig paths to every file, so both sides run on one database handle and one pool.
// A report's time is `report.run` plus `presentTable` (where the perturbation happens), the
// summary's is `loadMonthlySummary` for June (an admin sees every section).
//
// Rounds alternate A,B then B,A (each report in turn), after two warm-ups per side. Per report:
// the median wall time of each side, and the median of the paired ratios current ÷ baseline
// (two adjacent samples see the same machine load); the same for CPU time, node's plus the
// database backends' (Linux schedstat of the pool's backends, when the server is local), which
// a shared machine disturbs much less than wall time. The overall figure is the geometric mean
// of the per-report ratios. BENCH_PARALLEL_WORKERS=n sets max_parallel_workers_per_gather on the
// throwaway database (for both sides: they share its connections); unset, the server's setting
// applies and is printed. A parallel worker's CPU is not counted: use 0 for the CPU figure.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../db/client.ts';
import { seedReference } from '../db/seed.ts';
import { result } from './common.mjs';
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

const baseDir = process.env.BENCH_BASELINE_DIR;
if (!baseDir) {
  console.log('reports A/B: BENCH_BASELINE_DIR is not set (a checkout of the baseline); skipped.');
  process.exit(0);
}
const adminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);
const LIMIT = 1.1; // issue 16: within 10 % of the baseline
const TZ = 'America/Chihuahua';
const YEAR = { from: '2026-01-01', to: '2026-12-31' };
const JUNE = { from: '2026-06-01', to: '2026-06-30' };
const SUMMARY = 'resumen mensual (página entera)';
const FULL = [
  { table: 'workshop_requests', n: Number(process.env.BENCH_REQUESTS ?? 5000), insert: insertRequests },
  { table: 'activities', n: Number(process.env.BENCH_ACTIVITIES ?? 5000), insert: insertActivities },
  { table: 'contacts', n: Number(process.env.BENCH_CONTACTS ?? 100_000), insert: insertLine },
  { table: 'events', n: Number(process.env.BENCH_EVENTS ?? 150), insert: insertEvents },
  { table: 'content_posts', n: Number(process.env.BENCH_POSTS ?? 1500), insert: insertContent },
];
const loadavg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** One side's reports feature: its catalogue, presentation and monthly summary. */
async function side(dir) {
  const mod = (file) => import(pathToFileURL(path.join(dir, 'src/features/reports', file)).href);
  const [catalog, present, summary] = await Promise.all([
    mod('catalog.ts'),
    mod('present.ts'),
    mod('summary.server.ts'),
  ]);
  return {
    reports: catalog.REPORTS,
    presentTable: present.presentTable,
    summary: summary.loadMonthlySummary,
  };
}

const loadStart = loadavg();
const [current, baseline] = await Promise.all([side(path.resolve('.')), side(path.resolve(baseDir))]);

const name = `vinculo_bench_ab_${Date.now().toString(36)}_${process.pid}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const parallel = process.env.BENCH_PARALLEL_WORKERS;
if (parallel !== undefined && parallel !== '')
  await admin.unsafe(`alter database ${name} set max_parallel_workers_per_gather = ${Number(parallel)}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const database = await openDatabase({ url: url.toString(), max: 4 });

/** Every (report, grouping) both sides have over a year, plus the monthly summary. */
function cases(db) {
  const out = [];
  for (const a of current.reports) {
    const b = baseline.reports.find((r) => r.slug === a.slug);
    if (!b) continue; // a report the baseline did not have (no figure to compare with)
    for (const grouping of a.groupings) {
      if (grouping.value === 'dia') continue; // a year cannot be grouped by day
      if (!b.groupings.some((g) => g.value === grouping.value)) continue;
      const query = { ...YEAR, by: grouping.value, filters: {} };
      const run = (s, report) => async () =>
        s.presentTable((await report.run(db, query, TZ)).table, { suppress: report.suppress });
      out.push({ label: `${a.slug} por ${grouping.value}`, a: run(baseline, b), b: run(current, a) });
    }
  }
  out.push({
    label: SUMMARY,
    a: () => baseline.summary(db, 'admin', JUNE, TZ),
    b: () => current.summary(db, 'admin', JUNE, TZ),
  });
  return out;
}

/** CPU time so far, in ms, of the database backends serving `pids` (Linux schedstat, ns). */
function backendCpu(pids) {
  let ns = 0;
  for (const pid of pids) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      return NaN; // a remote server, or a backend that went away: no CPU figure
    }
  }
  return ns / 1e6;
}
const nodeCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const geomean = (xs) => Math.exp(xs.reduce((sum, x) => sum + Math.log(x), 0) / xs.length);

try {
  await migrateDatabase(database);
  const db = database.db;
  await seedReference(db);
  await ensureBenchWorkshops(db);
  const loaded = [];
  const loadData = performance.now();
  for (const g of FULL) {
    if (!(await hasTable(db, g.table))) continue;
    await g.insert(db, 1, g.n);
    loaded.push(`${g.n} ${g.table}`);
  }
  await exec(db, sql`analyze`);
  console.log(`data: ${loaded.join(', ')} (${((performance.now() - loadData) / 1000).toFixed(1)} s)`);
  const [{ setting }] = await exec(
    db,
    sql`select current_setting('max_parallel_workers_per_gather') as setting`,
  );
  const [{ version }] = await exec(db, sql`select current_setting('server_version') as version`);

  const pairs = cases(db);
  for (const p of pairs) {
    p.samples = { a: [], b: [] };
    for (let i = 0; i < 2; i++) {
      await p.a();
      await p.b();
    }
  }
  // The pool's backends (all open after the warm-ups, which run the summary's parallel reports).
  const pids = (
    await admin`select pid from pg_stat_activity where datname = ${name} and backend_type = 'client backend'`
  ).map((r) => r.pid);
  console.log(`database backends measured: ${pids.length}`);
  const sample = async (fn) => {
    const db0 = backendCpu(pids);
    const cpu0 = nodeCpu();
    const t0 = performance.now();
    await fn();
    const wall = performance.now() - t0;
    return { wall, cpu: nodeCpu() - cpu0 + (backendCpu(pids) - db0) };
  };
  for (let round = 0; round < ROUNDS; round++) {
    for (const p of pairs) {
      // A then B on even rounds, B then A on odd ones; each pair of samples is adjacent in time.
      const first = round % 2 ? 'b' : 'a';
      const second = first === 'a' ? 'b' : 'a';
      const s1 = await sample(p[first]);
      const s2 = await sample(p[second]);
      p.samples[first].push(s1);
      p.samples[second].push(s2);
    }
  }

  const loadEnd = loadavg();
  const cpuKnown = pairs.every((p) => p.samples.a.every((s) => Number.isFinite(s.cpu)));
  console.log(
    `\nreports A/B, ${new Date().toISOString()}, PostgreSQL ${version}, max_parallel_workers_per_gather = ${setting}` +
      `${parallel ? ' (set by BENCH_PARALLEL_WORKERS)' : ' (server default)'}, node ${process.version}, ${os.cpus().length} cores`,
  );
  console.log(`baseline: ${path.resolve(baseDir)} (src/features/reports only; the rest is this tree)`);
  console.log(
    `${ROUNDS} alternating rounds after 2 warm-ups; load average at start ${loadStart}, at end ${loadEnd}`,
  );
  console.log(
    'wall: median ms per side, ratio = median of the paired ratios current ÷ baseline (adjacent samples);' +
      `\ncpu: ${cpuKnown ? 'node + database backend CPU ms per load (schedstat), same statistics' : 'not available (server not local)'}` +
      `${cpuKnown && setting !== '0' ? "; a parallel worker's CPU is not counted (BENCH_PARALLEL_WORKERS=0 for a fair CPU figure)" : ''}`,
  );
  const width = Math.max(...pairs.map((p) => p.label.length)) + 2;
  const head = ['wall A', 'wall B', 'ratio', ...(cpuKnown ? ['cpu A', 'cpu B', 'ratio'] : [])];
  console.log(
    `\n${'report (A = baseline, B = current)'.padEnd(width)}${head.map((h) => h.padStart(9)).join('')}`,
  );
  const paired = (p, key) => median(p.samples.b.map((s, i) => s[key] / p.samples.a[i][key]));
  const wallRatios = [];
  const cpuRatios = [];
  let worst = { ratio: 0, label: '' };
  for (const p of pairs) {
    const wr = paired(p, 'wall');
    wallRatios.push(wr);
    const cells = [median(p.samples.a.map((s) => s.wall)), median(p.samples.b.map((s) => s.wall)), wr];
    let judged = wr;
    if (cpuKnown) {
      const cr = paired(p, 'cpu');
      cpuRatios.push(cr);
      cells.push(median(p.samples.a.map((s) => s.cpu)), median(p.samples.b.map((s) => s.cpu)), cr);
      judged = cr;
    }
    if (judged > worst.ratio) worst = { ratio: judged, label: p.label };
    console.log(
      `${p.label.padEnd(width)}${cells.map((c, i) => (i % 3 === 2 ? c.toFixed(2) : c.toFixed(1)).padStart(9)).join('')}${judged > LIMIT ? '  > 1.10' : ''}`,
    );
  }
  const wallGeo = geomean(wallRatios);
  const cpuGeo = cpuKnown ? geomean(cpuRatios) : NaN;
  console.log(
    `\noverall (geometric mean of ${pairs.length} ratios): wall ${wallGeo.toFixed(3)}` +
      `${cpuKnown ? `, cpu ${cpuGeo.toFixed(3)}` : ''}; worst ${worst.label} ${worst.ratio.toFixed(2)} (${cpuKnown ? 'cpu' : 'wall'}; limit ${LIMIT.toFixed(2)})`,
  );
  const dbLabel = `postgres, parallel ${setting}`;
  const row = (figure, value) =>
    result({
      figure,
      db: dbLabel,
      value: value.toFixed(3),
      baseline: '1',
      ratio: value.toFixed(3),
      goal: `≤ ${LIMIT}`,
      met: value <= LIMIT,
    });
  row('reports vs before disclosure control, wall (geo. mean)', wallGeo);
  if (cpuKnown) row('reports vs before disclosure control, cpu (geo. mean)', cpuGeo);
  row(`reports vs before, worst (${worst.label}, ${cpuKnown ? 'cpu' : 'wall'})`, worst.ratio);
} finally {
  await database.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
