// Benchmark: /eventos (live seat counts: one query with a per-event aggregate) against plain SSR
// of the home page and the bare node:http ceiling sending the same /eventos bytes, all in one
// run. Run `npm run build` first. BENCH_SECONDS (default 5) and BENCH_CONNECTIONS (default 50).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load, row } from './load.mjs';

const APP_PORT = 4393;
const BARE_PORT = 4394;
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

const dataDir = mkdtempSync(path.join(tmpdir(), 'vinculo-bench-events-'));
const app = spawn(process.execPath, ['scripts/start.mjs'], {
  env: {
    ...process.env,
    PORT: String(APP_PORT),
    DATA_DIR: dataDir,
    DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '',
    SEED_DEMO: '1',
    RESEND_API_KEY: '',
    NO_COLOR: '1',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve, reject) => {
  app.stdout.on('data', (d) => String(d).includes('está listo') && resolve());
  app.on('exit', reject);
});

try {
  console.log(
    `connections ${connections}, ${seconds} s per run, node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const eventsUrl = `http://127.0.0.1:${APP_PORT}/eventos`;
  const homeUrl = `http://127.0.0.1:${APP_PORT}/`;
  const body = await (await fetch(eventsUrl)).arrayBuffer();
  if (!Buffer.from(body).toString().includes('lugares'))
    throw new Error('/eventos no muestra cupos: ¿hay datos de demostración?');
  const bodyFile = path.join(dataDir, 'body.html');
  writeFileSync(bodyFile, Buffer.from(body));
  const bare = spawn(process.execPath, ['bench/bare-server.mjs', bodyFile, String(BARE_PORT)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((r) => bare.stdout.once('data', r));
  await load(eventsUrl, { connections, seconds: 1 }); // warm-up
  await load(homeUrl, { connections, seconds: 1 });
  const ceiling = await load(`http://127.0.0.1:${BARE_PORT}/`, { connections, seconds });
  const home = await load(homeUrl, { connections, seconds });
  const list = await load(eventsUrl, { connections, seconds });
  bare.kill('SIGTERM');
  console.log(`\n/eventos (${body.byteLength} bytes)`);
  console.log(row('bare node:http, same bytes', ceiling));
  console.log(row('plain SSR (home page)', home, ceiling));
  console.log(row('/eventos, live seat counts', list, ceiling));
  console.log(`/eventos vs plain SSR: ${(list.rps / home.rps).toFixed(3)}×`);
} finally {
  app.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
