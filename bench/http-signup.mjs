// Benchmark (issue 17): 1,000 real no-JS registration posts (form-encoded, as a browser without
// JavaScript sends them) to one event with 100 seats and no waiting list, mixed group sizes,
// against the built app over HTTP. Goal on PostgreSQL: all settled in < 3 s wall, exactly 100
// seats confirmed. To show where the time goes, the same 1,000 posts are then sent to the JSON
// action endpoint (the same action and transaction, no page rendered after it), and one by one.
// Run with `npx tsx bench/http-signup.mjs` after `npm run build`. BENCH_DATABASE_URL=postgres://…
// for PostgreSQL (else the embedded database). BENCH_POSTS (1000), BENCH_CONCURRENCY (200).
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../db/client.ts';
import { seedReference } from '../db/seed.ts';
import { createPgDatabase, load1, result, startApp } from './common.mjs';

const POSTS = Number(process.env.BENCH_POSTS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200);
const SEATS = 100;
const PORT = Number(process.env.BENCH_PORT ?? 4436);

const pg = await createPgDatabase();
const kind = pg ? 'postgres' : 'pglite';
const dataDir = mkdtempSync(path.join(tmpdir(), 'vinculo-bench-http-'));

/** Prepares the database before the server opens it (PGlite: one process at a time). */
async function prepare() {
  const database = await openDatabase(pg ? { url: pg.url, max: 2 } : { dataDir });
  await migrateDatabase(database);
  await seedReference(database.db);
  const now = Date.now();
  const at = (ms) => sql`${new Date(ms).toISOString()}::timestamptz`;
  const slugs = ['bench-http-form', 'bench-http-json', 'bench-http-serial'];
  for (const slug of slugs)
    await database.db.execute(sql`insert into events (slug, title, place, municipality_id, starts_at, ends_at,
      capacity, waitlist_enabled, registration_opens_at, registration_closes_at, status)
      values (${slug}, 'Feria de prevención', 'Plaza Mayor', '08019', ${at(now + 7 * 86_400_000)},
      ${at(now + 7 * 86_400_000 + 7_200_000)}, ${SEATS}, false, ${at(now - 86_400_000)},
      ${at(now + 6 * 86_400_000)}, 'published')`);
  const notice = await database.db.execute(
    sql`select id from privacy_notices where kind = 'integral' order by published_at desc, id desc limit 1`,
  );
  const noticeId = String((notice.rows ?? notice)[0].id);
  await database.close();
  return noticeId;
}

const sizes = [1, 1, 1, 2, 1, 3, 1, 1, 5, 2];
function body(slug, noticeId, i) {
  const size = sizes[i % sizes.length];
  return new URLSearchParams({
    slug,
    locale: 'es',
    privacyNoticeId: noticeId,
    name: 'Ana Lucía Portillo',
    email: `http${i}@correo.test`,
    phone: '',
    municipalityId: '08019',
    heardFrom: 'redes_sociales',
    registrationType: size === 1 ? 'individual' : 'group',
    institutionName: size === 1 ? '' : 'Secundaria Técnica 12',
    groupSize: String(size),
    accessibilityNeeds: '',
    consent: 'on',
  }).toString();
}

function post(agent, url, payload, i, headers) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          origin: new URL(url).origin,
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(payload),
          // One address per visitor (the app trusts the proxy header here), as 1,000 phones would be.
          'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            ms: performance.now() - t0,
            text: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', (e) => resolve({ status: 0, ms: performance.now() - t0, text: String(e) }));
    req.end(payload);
  });
}

async function run(app, slug, noticeId, { json = false, concurrency = CONCURRENCY } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const url = json
    ? `${app.base}/_actions/events.register`
    : `${app.base}/eventos/${slug}?_action=events.register`;
  const headers = json ? { accept: 'application/json' } : {};
  const t0 = performance.now();
  const results = await Promise.all(
    Array.from({ length: POSTS }, (_, i) =>
      post(agent, url, body(slug, noticeId, i + (json ? 10_000 : 0) + concurrency * 100_000), i, headers),
    ),
  );
  const wall = performance.now() - t0;
  agent.destroy();
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  let seats = 0;
  let confirmed = 0;
  for (const [i, r] of results.entries()) {
    const ok = json ? /"confirmed"/.test(r.text) : r.text.includes('Tu lugar está confirmado');
    if (ok) {
      confirmed++;
      seats += sizes[i % sizes.length];
    }
  }
  return {
    wall,
    median: ms[Math.floor(ms.length / 2)],
    p99: ms[Math.floor(ms.length * 0.99)],
    // A refusal (full) is a 4xx page with its message; only a server error or a dropped connection fails.
    failed: results.filter((r) => r.status === 0 || r.status >= 500).length,
    confirmed,
    seats,
  };
}

const noticeId = await prepare();
const app = await startApp(PORT, {
  DATABASE_URL: pg?.url ?? '',
  DATA_DIR: dataDir,
  SEED_DEMO: '0',
  TRUST_PROXY: '1',
});
try {
  console.log(
    `[${kind}] ${POSTS} no-JS sign-up posts to one event (${SEATS} seats), ${CONCURRENCY} at a time; load average ${load1()}`,
  );
  // Warm-up: plans, pool, JIT (a different event's page is not needed: the full event refuses).
  await run(app, 'bench-http-serial', noticeId, { concurrency: 20 });
  const form = await run(app, 'bench-http-form', noticeId);
  const json = await run(app, 'bench-http-json', noticeId, { json: true });
  const show = (name, r) =>
    console.log(
      `  ${name.padEnd(44)} wall ${(r.wall / 1000).toFixed(2)} s  median ${r.median.toFixed(0)} ms  p99 ${r.p99.toFixed(0)} ms  errors ${r.failed}  confirmed ${r.confirmed} (${r.seats} seats)`,
    );
  show('form posts, page rendered after each', form);
  show('JSON action, same transaction, no page', json);
  console.log(
    `  the page render after the post costs ${(((form.wall - json.wall) / form.wall) * 100).toFixed(0)}% of the wall time`,
  );
  result({
    figure: `${POSTS} no-JS sign-up posts over HTTP (s wall), ${form.seats} seats confirmed`,
    db: kind,
    value: Number((form.wall / 1000).toFixed(2)),
    baseline: `JSON action ${(json.wall / 1000).toFixed(2)} s`,
    ratio: `${(form.wall / json.wall).toFixed(2)}×`,
    goal: kind === 'postgres' ? '< 3 s, exactly 100' : '(goal on PostgreSQL)',
    met: kind === 'postgres' ? form.wall < 3000 && form.seats === SEATS && form.failed === 0 : null,
  });
} finally {
  await app.stop();
  await pg?.drop();
  rmSync(dataDir, { recursive: true, force: true });
}
