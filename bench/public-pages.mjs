// Benchmark for issue 3: `/` and `/talleres` served by the built app with the public page cache,
// against the same app with the cache disabled (PUBLIC_PAGE_CACHE=0, plain SSR) and against a
// bare node:http server sending the same bytes (the machine's ceiling). Then checks that a
// catalogue edit shows at once, under concurrent load, on the cached app.
// Run `npm run build` first.  BENCH_SECONDS (5), BENCH_CONNECTIONS (50).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load, row } from './load.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PAGES = ['/', '/talleres'];
const PORT = 4393;
const BARE_PORT = 4394;
const base = `http://127.0.0.1:${PORT}`;

async function startApp(env) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vinculo-bench-'));
  const app = spawn(process.execPath, ['scripts/start.mjs'], {
    env: { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '', RESEND_API_KEY: '', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    app.stdout.on('data', (d) => String(d).includes('está listo') && resolve());
    app.on('exit', reject);
  });
  return {
    stop: async () => {
      app.kill('SIGTERM');
      await new Promise((r) => app.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function measure(page) {
  const url = `${base}${page}`;
  await load(url, { connections, seconds: 1 }); // warm-up (JIT, first render into the cache)
  return load(url, { connections, seconds });
}

/** The bare node:http ceiling with the exact bytes the app sends for `page`. */
async function ceiling(page, dir) {
  const body = Buffer.from(await (await fetch(`${base}${page}`)).arrayBuffer());
  const file = path.join(dir, 'body.html');
  writeFileSync(file, body);
  const bare = spawn(process.execPath, ['bench/bare-server.mjs', file, String(BARE_PORT)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((r) => bare.stdout.once('data', r));
  await load(`http://127.0.0.1:${BARE_PORT}/`, { connections, seconds: 1 });
  const result = await load(`http://127.0.0.1:${BARE_PORT}/`, { connections, seconds });
  bare.kill('SIGTERM');
  return { result, bytes: body.byteLength };
}

/** Logs in as the demo admin through the login form and returns the session cookie. */
async function adminCookie() {
  const form = new URLSearchParams({ email: 'coordinacion@vinculo.test', password: 'linea-ciudadana-demo', next: '/app' });
  const res = await fetch(`${base}/login?_action=accounts.login`, { method: 'POST', body: form, redirect: 'manual', headers: { origin: base } });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('vinculo_session='));
  if (!cookie) throw new Error('login failed');
  return cookie.split(';')[0];
}

/** Edits a workshop's title through the admin form while /talleres is under load; counts stale answers after. */
async function freshnessCheck() {
  const cookie = await adminCookie();
  const background = load(`${base}/talleres`, { connections: 20, seconds: 2 });
  await new Promise((r) => setTimeout(r, 500));
  const title = `Prevención del acoso escolar (edición ${Date.now()})`;
  const form = new URLSearchParams({
    id: '1', title, slug: 'prevencion-acoso-escolar', summary: 'Cómo reconocer el acoso entre pares, qué hacer cuando ocurre y a quién pedir ayuda.',
    description: '', audience: 'Alumnado de primaria alta y secundaria; personal docente', durationMinutes: '60', modality: 'ambas', active: 'on',
  });
  const saved = await fetch(`${base}/app/admin/catalogo/1?_action=requests.saveWorkshop`, { method: 'POST', body: form, redirect: 'manual', headers: { origin: base, cookie } });
  if (saved.status !== 303) throw new Error(`edit failed: ${saved.status}`);
  // Every request sent after the edit committed must see it, on the first try.
  const bodies = await Promise.all(Array.from({ length: 200 }, () => fetch(`${base}/talleres`).then((r) => r.text())));
  await background;
  return bodies.filter((b) => !b.includes(title.replace(/[()]/g, (c) => c))).length;
}

const tmp = mkdtempSync(path.join(tmpdir(), 'vinculo-bench-bodies-'));
const results = {};
try {
  console.log(`connections ${connections}, ${seconds} s per run, node ${process.version}`);
  let app = await startApp({ PUBLIC_PAGE_CACHE: '0' });
  for (const page of PAGES) results[page] = { plain: await measure(page) };
  await app.stop();

  app = await startApp({});
  try {
    for (const page of PAGES) {
      results[page].cached = await measure(page);
      const { result, bytes } = await ceiling(page, tmp);
      results[page].bare = result;
      results[page].bytes = bytes;
    }
    results.stale = await freshnessCheck();
  } finally {
    await app.stop();
  }

  for (const page of PAGES) {
    const r = results[page];
    console.log(`\n${page}  (${r.bytes} bytes)`);
    console.log(row('bare node:http, same bytes', r.bare));
    console.log(row('plain SSR (cache off)', r.plain, r.bare));
    console.log(row('with page cache', r.cached, r.bare));
    console.log(`  cache vs plain SSR: ${(r.cached.rps / r.plain.rps).toFixed(2)}× (goal ≥ 3×) · cache vs ceiling: ${((100 * r.cached.rps) / r.bare.rps).toFixed(1)}% (goal ≥ 20%)`);
  }
  console.log(`\nstale /talleres answers after a catalogue edit under load: ${results.stale} of 200 (goal 0)`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
