// Benchmark for issue 3: `/` and `/talleres` served by the built app with the public page cache,
// against the same app with the cache disabled (PUBLIC_PAGE_CACHE=0, plain SSR) and against a
// bare node:http server sending the same bytes (the machine's ceiling). Then checks that a
// catalogue edit shows at once, under concurrent load, on the cached app.
// The three servers run side by side and are measured in alternating rounds (median of
// BENCH_ROUNDS), so a busy machine slows all of them alike instead of skewing one.
// BENCH_DATABASE_URL=postgres://… (a server; a throwaway database is created and dropped) runs
// both instances on one PostgreSQL database, and the catalogue edit is then made through the
// *other* instance: the several-instances case.
// Run `npm run build` first.  BENCH_SECONDS (3 per round), BENCH_ROUNDS (3), BENCH_CONNECTIONS (50).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { load, row } from './load.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PAGES = ['/', '/talleres'];
const PORT = Number(process.env.BENCH_PORT ?? 4411); // with the page cache
const PLAIN_PORT = PORT + 1; // PUBLIC_PAGE_CACHE=0
const BARE_PORT = PORT + 2;
const base = `http://127.0.0.1:${PORT}`;
const plainBase = `http://127.0.0.1:${PLAIN_PORT}`;

/** With BENCH_DATABASE_URL: a fresh database on that server for this run. */
async function createPgDatabase() {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) return null;
  const { default: postgres } = await import('postgres');
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const name = `vinculo_bench_${Date.now().toString(36)}`;
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function startApp(env, port = PORT) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vinculo-bench-'));
  const app = spawn(process.execPath, ['scripts/start.mjs'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: pg?.url ?? '',
      SEED_DEMO: '1',
      RESEND_API_KEY: '',
      NO_COLOR: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    app.stdout.on('data', (d) => String(d).includes('está listo') && resolve());
    app.on('exit', reject);
  });
  return {
    stop: async () => {
      if (app.exitCode === null && app.signalCode === null) {
        app.kill('SIGTERM');
        await new Promise((r) => app.once('exit', r));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts the bare node:http ceiling with the exact bytes the app sends for `page`. */
async function startBare(page, dir) {
  const body = Buffer.from(await (await fetch(`${base}${page}`)).arrayBuffer());
  const file = path.join(dir, 'body.html');
  writeFileSync(file, body);
  const bare = spawn(process.execPath, ['bench/bare-server.mjs', file, String(BARE_PORT)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((r) => bare.stdout.once('data', r));
  return { bytes: body.byteLength, stop: () => bare.kill('SIGTERM') };
}

const median = (runs) => {
  const sorted = [...runs].sort((a, b) => a.rps - b.rps);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Logs in as the demo admin through the login form and returns the session cookie. */
async function adminCookie(base) {
  const form = new URLSearchParams({
    email: 'coordinacion@vinculo.test',
    password: 'linea-ciudadana-demo',
    next: '/app',
  });
  const res = await fetch(`${base}/login?_action=accounts.login`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { origin: base },
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('vinculo_session='));
  if (!cookie) throw new Error('login failed');
  return cookie.split(';')[0];
}

/** Edits a workshop's title through the admin form while /talleres is under load; counts stale answers after. */
async function freshnessCheck() {
  // On one shared PostgreSQL the edit goes through the other instance; PGlite instances each own a database.
  const editBase = pg ? plainBase : base;
  const cookie = await adminCookie(editBase);
  const background = load(`${base}/talleres`, { connections: 20, seconds: 2 });
  await new Promise((r) => setTimeout(r, 500));
  const title = `Prevención del acoso escolar (edición ${Date.now()})`;
  const form = new URLSearchParams({
    id: '1',
    title,
    slug: 'prevencion-acoso-escolar',
    summary: 'Cómo reconocer el acoso entre pares, qué hacer cuando ocurre y a quién pedir ayuda.',
    description: '',
    audience: 'Alumnado de primaria alta y secundaria; personal docente',
    durationMinutes: '60',
    modality: 'ambas',
    active: 'on',
  });
  const saved = await fetch(`${editBase}/app/admin/catalogo/1?_action=requests.saveWorkshop`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { origin: editBase, cookie },
  });
  if (saved.status !== 303) throw new Error(`edit failed: ${saved.status}`);
  // Every request sent after the edit committed must see it, on the first try.
  const bodies = await Promise.all(
    Array.from({ length: 200 }, () => fetch(`${base}/talleres`).then((r) => r.text())),
  );
  await background;
  return bodies.filter((b) => !b.includes(title.replace(/[()]/g, (c) => c))).length;
}

const tmp = mkdtempSync(path.join(tmpdir(), 'vinculo-bench-bodies-'));
const results = {};
const pg = await createPgDatabase();
// One after the other on PostgreSQL: the first migrates and seeds, the second finds it done.
const cachedApp = await startApp({});
const plainApp = await startApp({ PUBLIC_PAGE_CACHE: '0' }, PLAIN_PORT);
try {
  console.log(`database ${pg ? 'PostgreSQL (both instances share it)' : 'PGlite (one per instance)'}`);
  console.log(
    `connections ${connections}, ${rounds} rounds × ${seconds} s, node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  for (const page of PAGES) {
    const bare = await startBare(page, tmp);
    const urls = {
      bare: `http://127.0.0.1:${BARE_PORT}/`,
      plain: `http://127.0.0.1:${PLAIN_PORT}${page}`,
      cached: `${base}${page}`,
    };
    const runs = { bare: [], plain: [], cached: [] };
    for (const url of Object.values(urls)) await load(url, { connections, seconds: 1 }); // warm-up (JIT, first render)
    for (let i = 0; i < rounds; i++)
      for (const [name, url] of Object.entries(urls))
        runs[name].push(await load(url, { connections, seconds }));
    bare.stop();
    results[page] = {
      bytes: bare.bytes,
      bare: median(runs.bare),
      plain: median(runs.plain),
      cached: median(runs.cached),
    };
  }
  results.stale = await freshnessCheck();

  for (const page of PAGES) {
    const r = results[page];
    console.log(`\n${page}  (${r.bytes} bytes; medians)`);
    console.log(row('bare node:http, same bytes', r.bare));
    console.log(row('plain SSR (cache off)', r.plain, r.bare));
    console.log(row('with page cache', r.cached, r.bare));
    console.log(
      `  cache vs plain SSR: ${(r.cached.rps / r.plain.rps).toFixed(2)}× (goal ≥ 3×) · cache vs ceiling: ${((100 * r.cached.rps) / r.bare.rps).toFixed(1)}% (goal ≥ 20%)`,
    );
  }
  console.log(
    `\nstale /talleres answers after a catalogue edit under load: ${results.stale} of 200 (goal 0)`,
  );
  console.log(
    `load average at the end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  await Promise.all([cachedApp.stop(), plainApp.stop()]);
  await pg?.drop();
  rmSync(tmp, { recursive: true, force: true });
}
