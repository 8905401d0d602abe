// Benchmark: the built app's public home page against a bare node:http server sending the
// same bytes (the ceiling on this machine). Run `npm run build` first; prints both and the ratio.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load, row } from './load.mjs';

const APP_PORT = 4391;
const BARE_PORT = 4392;
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const pages = (process.env.BENCH_PATHS ?? '/').split(',');

const dataDir = mkdtempSync(path.join(tmpdir(), 'vinculo-bench-'));
const app = spawn(process.execPath, ['scripts/start.mjs'], {
  env: {
    ...process.env,
    PORT: String(APP_PORT),
    DATA_DIR: dataDir,
    DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '',
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
  console.log(`connections ${connections}, ${seconds} s per run, node ${process.version}`);
  for (const page of pages) {
    const url = `http://127.0.0.1:${APP_PORT}${page}`;
    const body = await (await fetch(url)).arrayBuffer();
    // The ceiling runs in its own process, like the app, so neither shares the load generator's core.
    const bodyFile = path.join(dataDir, 'body.html');
    writeFileSync(bodyFile, Buffer.from(body));
    const bare = spawn(process.execPath, ['bench/bare-server.mjs', bodyFile, String(BARE_PORT)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise((r) => bare.stdout.once('data', r));
    await load(url, { connections, seconds: 1 }); // warm-up
    const ceiling = await load(`http://127.0.0.1:${BARE_PORT}/`, { connections, seconds });
    const measured = await load(url, { connections, seconds });
    bare.kill('SIGTERM');
    console.log(`\n${page}  (${body.byteLength} bytes)`);
    console.log(row('bare node:http, same bytes', ceiling));
    console.log(row('Vínculo (Astro SSR)', measured, ceiling));
  }
} finally {
  app.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
