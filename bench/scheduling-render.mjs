// Benchmark: the agenda in Chromium with 2,000 activities in the visible month (goal: rendered
// in < 1 s) and the feed's server time from its Server-Timing header (goal: ≤ 50 ms), against
// a baseline month with no activities measured in the same run. Build first (`npm run build`),
// then `npx tsx bench/scheduling-render.mjs`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { migrateDatabase, openDatabase } from '../db/client.ts';
import { seedReference } from '../db/seed.ts';
import { users } from '../db/schema/index.ts';
import { hashPassword } from '../src/lib/server/auth/password.ts';
import { loadActivities } from './scheduling-data.ts';
import { SERVER_NODE_FLAGS } from '../scripts/node-flags.mjs';

const PORT = 4451;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PASSWORD = 'contraseña de banco de pruebas';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vinculo-bench-agenda-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// 1. A data folder with 2,000 activities in January 2027 and one supervisor.
const database = await openDatabase({ dataDir });
await migrateDatabase(database);
await seedReference(database.db);
await database.db.insert(users).values({
  name: 'Supervisión de prueba',
  email: 'bench-sup@vinculo.test',
  role: 'supervisor',
  passwordHash: await hashPassword(PASSWORD),
});
await loadActivities(database.db, 2_000);
await database.close();

// 2. The built app on that folder.
const app = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'scripts/start.mjs'], {
  env: {
    ...process.env,
    PORT: String(PORT),
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    RESEND_API_KEY: '',
    SEED_DEMO: '0',
    REMINDER_JOB: '0',
    NO_COLOR: '1',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve, reject) => {
  app.stdout.on('data', (d) => String(d).includes('está listo') && resolve());
  app.on('exit', reject);
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 900 },
    timezoneId: 'America/Chihuahua',
    locale: 'es-MX',
  });
  const base = `http://127.0.0.1:${PORT}`;
  await page.goto(`${base}/login`);
  await page.getByLabel('Correo electrónico').fill('bench-sup@vinculo.test');
  await page.getByLabel('Contraseña', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForURL(/\/app$/);

  // Navigation start → the frame after the calendar has its events, in the page's own clock.
  async function renderMs(date, expected) {
    const times = [];
    for (let i = 0; i < RUNS + 1; i++) {
      await page.goto(`${base}/app/agenda?fecha=${date}&vista=dayGridMonth`);
      const ms = await page.evaluate(
        (n) =>
          new Promise((resolve) => {
            const done = () => {
              const cal = document.querySelector('[data-testid=agenda-calendar]');
              const ready = cal?.querySelector('[role=grid]') && Number(cal.dataset.events ?? -1) >= n;
              // One more frame after the events are set: that frame paints them.
              if (ready) requestAnimationFrame(() => resolve(performance.now()));
              else requestAnimationFrame(done);
            };
            done();
          }),
        expected,
      );
      if (i > 0) times.push(ms); // the first load warms caches
    }
    return median(times);
  }

  async function feedServerMs(start, end) {
    const db = [];
    const json = [];
    let count = 0;
    for (let i = 0; i < RUNS * 2 + 1; i++) {
      const res = await page.request.get(`${base}/app/agenda/feed.json?start=${start}&end=${end}&estado=all`);
      const timing = res.headers()['server-timing'] ?? '';
      count = (await res.json()).length;
      if (i === 0) continue;
      db.push(Number(/db;dur=([\d.]+)/.exec(timing)?.[1]));
      json.push(Number(/json;dur=([\d.]+)/.exec(timing)?.[1]));
    }
    return { count, db: median(db), json: median(json) };
  }

  console.log(
    `node ${process.version}, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; median of ${RUNS}`,
  );
  const empty = await renderMs('2026-06-15', 0);
  const full = await renderMs('2027-01-15', 1_900);
  console.log(`calendar month, no activities (baseline):  ${empty.toFixed(0)} ms from navigation to grid`);
  console.log(
    `calendar month, ~2,000 activities:        ${full.toFixed(0)} ms to events painted (×${(full / empty).toFixed(2)}; goal < 1000 ms: ${full < 1000 ? 'met' : 'NOT met'})`,
  );
  const f = await feedServerMs('2026-12-28T07:00:00Z', '2027-02-08T07:00:00Z');
  const e = await feedServerMs('2026-05-25T06:00:00Z', '2026-07-06T06:00:00Z');
  console.log(
    `feed server time, empty range (baseline):  db ${e.db.toFixed(1)} ms + json ${e.json.toFixed(1)} ms`,
  );
  console.log(
    `feed server time, ${f.count} events:          db ${f.db.toFixed(1)} ms + json ${f.json.toFixed(1)} ms (goal ≤ 50 ms: ${f.db + f.json <= 50 ? 'met' : 'NOT met'})`,
  );
} finally {
  await browser.close();
  app.kill('SIGTERM');
  await new Promise((r) => app.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
