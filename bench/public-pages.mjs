// Benchmark (issue 17): every public page (home, catalogue, a workshop, events, an event, the
// privacy notice, and their English twins) served by the built app with its page cache, against a
// bare node:http server sending the same bytes (the machine's ceiling), in alternating rounds
// (median of BENCH_ROUNDS), with autocannon at 50 connections. Goal per page: ≥ 25% of the
// ceiling and p99 < 50 ms. Prints the app's RSS before and after the load, and what the page
// cache holds. BENCH_DATABASE_URL=postgres://… runs the app on a throwaway PostgreSQL database.
// Run `npm run build` first.  BENCH_SECONDS (2 per round), BENCH_ROUNDS (2), BENCH_CONNECTIONS (50).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  cannon,
  createPgDatabase,
  load1,
  loadClient,
  median,
  result,
  rssMb,
  startApp,
  startBare,
} from './common.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PORT = Number(process.env.BENCH_PORT ?? 4432);
const BARE_PORT = PORT + 1;

const pg = await createPgDatabase();
const kind = pg ? 'postgres' : 'pglite';
const tmp = mkdtempSync(path.join(tmpdir(), 'vinculo-bench-bodies-'));
const app = await startApp(PORT, { DATABASE_URL: pg?.url ?? '' });
let bare;
try {
  const get = async (p) => (await fetch(`${app.base}${p}`)).text();
  const first = async (p, re) => re.exec(await get(p))?.[1];
  const workshop = await first('/talleres', /href="\/talleres\/((?!solicitar)[a-z0-9-]+)"/);
  const event = await first('/eventos', /href="\/eventos\/((?!imagen)[a-z0-9-]+)"/);
  const pages = [
    '/',
    '/talleres',
    `/talleres/${workshop}`,
    '/eventos',
    `/eventos/${event}`,
    '/aviso-de-privacidad',
    '/en',
    '/en/talleres',
    `/en/talleres/${workshop}`,
    '/en/eventos',
    `/en/eventos/${event}`,
    '/en/aviso-de-privacidad',
  ];
  // The ceiling serves each page's exact bytes (as the app sends them without Accept-Encoding).
  const manifest = {};
  for (const [i, p] of pages.entries()) {
    const file = path.join(tmp, `${i}.html`);
    writeFileSync(file, Buffer.from(await (await fetch(`${app.base}${p}`)).arrayBuffer()));
    manifest[p] = file;
  }
  writeFileSync(path.join(tmp, 'manifest.json'), JSON.stringify(manifest));
  bare = await startBare(['--pages', path.join(tmp, 'manifest.json')], BARE_PORT);

  const rssBefore = rssMb(app.pid);
  console.log(
    `[${kind}] public pages: ${loadClient}, ${connections} connections, ${rounds} rounds × ${seconds} s alternating with the ceiling; load average ${load1()}`,
  );
  console.log(`  app RSS before the load: ${rssBefore.toFixed(0)} MB`);
  for (const p of pages) {
    const urls = { bare: `${bare.url}${p}`, app: `${app.base}${p}` };
    await cannon(urls.app, { connections, seconds: 0.5 }); // warm-up (JIT, cache fill)
    const runs = { bare: [], app: [] };
    for (let i = 0; i < rounds; i++)
      for (const [name, url] of Object.entries(urls))
        runs[name].push(await cannon(url, { connections, seconds }));
    const ceiling = median(runs.bare);
    const measured = median(runs.app);
    const ratio = measured.rps / ceiling.rps;
    const met = ratio >= 0.25 && Math.max(...runs.app.map((r) => r.p99)) < 50 && measured.errors === 0;
    console.log(
      `  ${p.padEnd(48)} ${measured.rps.toFixed(0).padStart(7)} req/s  p99 ${String(measured.p99).padStart(4)} ms  ceiling ${ceiling.rps.toFixed(0).padStart(7)}  ${(100 * ratio).toFixed(1).padStart(5)}%  errors ${measured.errors}  ${met ? 'met' : 'NOT met'}`,
    );
    result({
      figure: `${p.replace(/\/(talleres|eventos)\/[a-z0-9-]+$/, '/$1/<slug>')} req/s (p99 ${measured.p99} ms)`,
      db: kind,
      value: Math.round(measured.rps),
      baseline: `ceiling ${Math.round(ceiling.rps)}`,
      ratio: `${(100 * ratio).toFixed(1)}%`,
      goal: '≥ 25%, p99 < 50 ms',
      met,
    });
  }
  const rssAfter = rssMb(app.pid);
  const limit = kind === 'pglite' ? 300 : 200;
  console.log(`  app RSS after the load: ${rssAfter.toFixed(0)} MB (goal < ${limit} MB)`);
  result({
    figure: 'server RSS after the page load (MB)',
    db: kind,
    value: Math.round(rssAfter),
    baseline: `before ${Math.round(rssBefore)}`,
    ratio: `${(rssAfter / rssBefore).toFixed(2)}×`,
    goal: `< ${limit} MB`,
    met: rssAfter < limit,
  });
  // Transferred size of the home page as a browser fetches it (brotli).
  const home = await fetch(`${app.base}/`, { headers: { 'accept-encoding': 'br' } });
  const html = await home.text();
  let bytes = Number(home.headers.get('content-length'));
  for (const m of new Set(
    [...html.matchAll(/<(?:link[^>]+href|script[^>]+src)="(\/_astro\/[^"]+)"/g)].map((x) => x[1]),
  )) {
    const r = await fetch(`${app.base}${m}`, { headers: { 'accept-encoding': 'br' } });
    bytes += Number(r.headers.get('content-length'));
    await r.arrayBuffer();
  }
  console.log(
    `  home transferred (brotli, with its CSS and scripts): ${(bytes / 1024).toFixed(1)} KB (goal ≤ 15 KB)`,
  );
  result({
    figure: 'home transferred, KB (br)',
    db: kind,
    value: Number((bytes / 1024).toFixed(1)),
    baseline: `identity ${(Buffer.byteLength(await get('/')) / 1024).toFixed(1)} KB html`,
    ratio: '',
    goal: '≤ 15 KB',
    met: bytes <= 15 * 1024,
  });
} finally {
  await bare?.stop();
  await app.stop();
  await pg?.drop();
  rmSync(tmp, { recursive: true, force: true });
}
