// Runs the built server (dist/) and opens the database at once, so migrations and reference data
// happen at start-up rather than on the first visit. On an embedded database (no DATABASE_URL), or
// with SEED_DEMO=1, it first runs the seed script, which loads demo data into an empty database and
// prints the demo logins; the server itself never imports the demo data.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

process.env.HOST ??= '127.0.0.1';
process.env.PORT ??= '4321';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const flag = (v) => ['1', 'true', 'yes', 'on', 'si', 'sí'].includes(String(v ?? '').toLowerCase());
const wantsDemo =
  process.env.SEED_DEMO === undefined || process.env.SEED_DEMO === ''
    ? !process.env.DATABASE_URL
    : flag(process.env.SEED_DEMO);
const tsx = path.join(root, 'node_modules/.bin/tsx');
if (wantsDemo && existsSync(tsx)) {
  const seeded = spawnSync(tsx, [path.join(root, 'scripts/seed.ts'), '--quiet-if-seeded'], {
    stdio: 'inherit',
    env: process.env,
  });
  if (seeded.status !== 0) {
    console.error('No se pudieron cargar los datos de demostración; el servidor arranca sin ellos.');
  }
}

// The project's own server in front of Astro (page-cache hits and precompressed assets).
await import('./server.mjs');
const base = `http://${process.env.HOST === '0.0.0.0' ? '127.0.0.1' : process.env.HOST}:${process.env.PORT}`;
for (let i = 0; i < 60; i++) {
  try {
    const res = await fetch(`${base}/healthz`);
    if (res.ok) {
      console.log(`\nVínculo está listo en ${base}/  ·  equipo: ${base}/login\n`);
      break;
    }
    const body = await res.text();
    if (i === 59) console.error('La base de datos no respondió:', body);
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 500));
}
