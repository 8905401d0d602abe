// Benchmark: the live floor across server instances.
//
// PostgreSQL (default): two instances of the built server (dist/, run `npm run build` first) on
// one database, 50 SSE subscribers on /app/linea/stream spread across them. State changes and
// help requests go through the real actions (form posts) on instance A; each event's latency
// is the time from the post until each subscriber on instance B (the *other* one) sees it:
// p50 / p95 / max. Then RSS per instance, idle and with 200 open streams each.
// Goals: p95 < 1 s across instances; RSS growth < 50 MB for 200 streams.
//
// BENCH_DB=pglite: one instance on an embedded database (no cross-instance path: the latency
// is to subscribers on the same instance).
//
// Run: `npx tsx bench/floor.mjs`. Environment: BENCH_DATABASE_URL (default
// postgres://postgres@127.0.0.1:5432/postgres; a database is created and dropped),
// BENCH_PORT (default 4442; instance B uses +1), BENCH_EVENTS (default 40), BENCH_STREAMS
// (default 200). Every server it starts is stopped at the end, also on Ctrl+C.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { migrateDatabase, openDatabase } from '../db/client.ts';
import { seedReference } from '../db/seed.ts';
import { users } from '../db/schema/index.ts';
import { SESSION_COOKIE, createSession } from '../src/lib/server/auth/session.ts';
import { SERVER_NODE_FLAGS } from '../scripts/node-flags.mjs';

const MODE = process.env.BENCH_DB === 'pglite' ? 'pglite' : 'postgres';
const PORT = Number(process.env.BENCH_PORT ?? 4442);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 40);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 200);
const SUBSCRIBERS = 50;
const WRITERS = 10;
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

if (!existsSync('dist/server/entry.mjs')) {
  console.error('Falta dist/: corre `npm run build` antes del benchmark.');
  process.exit(1);
}

const children = [];
const cleanups = [];
async function stopAll() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(
    children.map((child) =>
      child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : null,
    ),
  );
  for (const fn of cleanups.splice(0)) await fn();
}
process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const ms = (x) => `${x.toFixed(1).padStart(7)} ms`;
const mb = (kb) => `${(kb / 1024).toFixed(1).padStart(6)} MB`;
const sleep = (t) => new Promise((resolve) => setTimeout(resolve, t));

function rssKb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

/** Users and sessions straight into the database: no login round-trips or rate limits. */
async function prepare(db) {
  const people = await db
    .insert(users)
    .values([
      ...Array.from({ length: WRITERS }, (_, i) => ({
        name: `Escritora ${i + 1}`,
        email: `writer${i + 1}@bench.test`,
        role: 'operator',
      })),
      { name: 'Supervisión Bench', email: 'sup@bench.test', role: 'supervisor' },
    ])
    .returning({ id: users.id, role: users.role });
  const token = async (userId) => (await createSession(db, userId)).token;
  const writers = [];
  for (const p of people.filter((x) => x.role === 'operator'))
    writers.push({ id: p.id, cookie: await token(p.id) });
  const sup = people.find((x) => x.role === 'supervisor');
  // One session per open stream, like one browser tab each.
  const sessions = [];
  for (let i = 0; i < SUBSCRIBERS + 2 * STREAMS; i++) sessions.push(await token(sup.id));
  return { writers, sessions };
}

function startInstance(port, env) {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'scripts/start.mjs'], {
    env: {
      ...process.env,
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SEED_DEMO: '0',
      MAIL_WORKER: '0',
      RESEND_API_KEY: '',
      NO_COLOR: '1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => String(d).includes('está listo') && resolve(child));
    child.once('exit', (code) => reject(new Error(`la instancia en ${port} terminó (${code})`)));
  });
}

/** One SSE subscriber: calls `onEvent(frame, receivedAt)` for every event frame. */
function subscribe(port, cookie, onEvent) {
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        host: '127.0.0.1',
        port,
        path: '/app/linea/stream',
        headers: { cookie: `${SESSION_COOKIE}=${cookie}`, accept: 'text/event-stream' },
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return reject(new Error(`stream ${port}: HTTP ${res.statusCode}`));
        }
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk) => {
          const at = performance.now();
          buffer += chunk;
          let i;
          while ((i = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            const data = block
              .split('\n')
              .find((l) => l.startsWith('data: '))
              ?.slice(6);
            if (data) onEvent(JSON.parse(data), at);
          }
        });
        resolve({ close: () => req.destroy() });
      },
    );
    req.on('error', (error) => {
      if (error.code !== 'ECONNRESET') reject(error);
    });
  });
}

/** The real action, as the header widget's form posts it. */
async function post(port, cookie, action, fields) {
  const res = await fetch(`http://127.0.0.1:${port}/app/linea?_action=${action}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      cookie: `${SESSION_COOKIE}=${cookie}`,
      origin: `http://127.0.0.1:${port}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(fields),
  });
  await res.arrayBuffer();
  if (res.status !== 303) throw new Error(`${action}: HTTP ${res.status}`);
}

async function main() {
  let url = '';
  let dataDir = '';
  let database;
  if (MODE === 'postgres') {
    const name = `vinculo_bench_floor_${Date.now().toString(36)}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    cleanups.push(async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    });
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    database = await openDatabase({ url, max: 4 });
  } else {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'vinculo-bench-floor-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    database = await openDatabase({ dataDir });
  }
  await migrateDatabase(database);
  await seedReference(database.db);
  const { writers, sessions } = await prepare(database.db);
  // PGlite allows one process: the bench lets go of it before the server opens it.
  if (MODE === 'pglite') await database.close();
  else cleanups.unshift(() => database.close());

  const env = MODE === 'postgres' ? { DATABASE_URL: url } : { DATABASE_URL: '', DATA_DIR: dataDir };
  const portA = PORT;
  const portB = MODE === 'postgres' ? PORT + 1 : PORT;
  const a = await startInstance(portA, env);
  const b = MODE === 'postgres' ? await startInstance(portB, env) : a;

  console.log(
    `floor bench [${MODE}] node ${process.version}, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );

  // 50 subscribers: alternately on A and B.
  const seen = new Map(); // key → [{ instance, at }]
  const keyOf = (e) =>
    e.type === 'state'
      ? `s:${e.userId}:${e.state}:${e.breakKind ?? ''}`
      : `h:${e.helpId}:${e.answeredByName ? 'v' : e.closedAt ? 'c' : 'o'}`;
  const helpIds = new Map(); // writer id → open help id
  const subs = [];
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const instance = MODE === 'postgres' && i % 2 === 1 ? 'B' : 'A';
    subs.push(
      await subscribe(instance === 'A' ? portA : portB, sessions[i], (e, at) => {
        const key = keyOf(e);
        if (!seen.has(key)) seen.set(key, []);
        seen.get(key).push({ instance, at });
        if (e.type === 'help' && !e.closedAt) helpIds.set(e.userId, e.helpId);
      }),
    );
  }
  const onOther = MODE === 'postgres' ? 'B' : 'A';
  const expected = subs.length / (MODE === 'postgres' ? 2 : 1);
  await sleep(500);

  // Events through the real actions on A: state changes, and every fifth a help request and its closing.
  const latencies = [];
  let missed = 0;
  const choices = ['online', 'break:meal', 'on_call', 'break:pause', 'meeting', 'online'];
  const measure = async (key, send) => {
    seen.delete(key);
    const t0 = performance.now();
    await send();
    const deadline = t0 + 5000;
    while ((seen.get(key)?.filter((s) => s.instance === onOther).length ?? 0) < expected) {
      if (performance.now() > deadline) break;
      await sleep(2);
    }
    const got = (seen.get(key) ?? []).filter((s) => s.instance === onOther);
    missed += expected - got.length;
    for (const s of got) latencies.push(s.at - t0);
  };
  for (let i = 0; i < EVENTS; i++) {
    const w = writers[i % writers.length];
    const choice = choices[Math.floor(i / writers.length) % choices.length];
    const [state, kind] = choice.split(':');
    await measure(`s:${w.id}:${state}:${kind ?? ''}`, () =>
      post(portA, w.cookie, 'floor.setState', { choice, next: '/app/linea' }),
    );
    if (i % 5 === 4) {
      // "Pedir apoyo": the event's key is only known when it arrives; wait for it by writer.
      helpIds.delete(w.id);
      const t0 = performance.now();
      await post(portA, w.cookie, 'floor.raiseHelp', { reason: 'crisis', text: '' });
      while (!helpIds.has(w.id) && performance.now() < t0 + 5000) await sleep(2);
      const helpId = helpIds.get(w.id);
      if (helpId) {
        const deadline = t0 + 5000;
        const key = `h:${helpId}:o`;
        while ((seen.get(key)?.filter((s) => s.instance === onOther).length ?? 0) < expected) {
          if (performance.now() > deadline) break;
          await sleep(2);
        }
        const got = (seen.get(key) ?? []).filter((s) => s.instance === onOther);
        missed += expected - got.length;
        for (const s of got) latencies.push(s.at - t0);
        await measure(`h:${helpId}:c`, () =>
          post(portA, w.cookie, 'floor.closeHelp', { id: String(helpId) }),
        );
      } else missed += expected;
    }
  }
  for (const s of subs) s.close();

  console.log(
    `\n${SUBSCRIBERS} subscribers (${MODE === 'postgres' ? '25 on A, 25 on B' : 'one instance'}), ${EVENTS} state changes + ${Math.floor(EVENTS / 5)} help requests raised and closed, posted on A`,
  );
  console.log(
    `latency to each subscriber on ${MODE === 'postgres' ? 'B (the other instance)' : 'the instance'}: ` +
      `p50 ${ms(pct(latencies, 50))}   p95 ${ms(pct(latencies, 95))}   max ${ms(Math.max(...latencies))}   ` +
      `(${latencies.length} deliveries, ${missed} missed)   goal p95 < 1000 ms: ${pct(latencies, 95) < 1000 ? 'ok' : 'NO'}`,
  );

  // RSS idle (warm, after the latency run, its streams closed), then with STREAMS open streams each.
  await sleep(2000);
  const idle = { a: rssKb(a.pid), b: rssKb(b.pid) };
  const open = [];
  let s = SUBSCRIBERS;
  for (const port of new Set([portA, portB]))
    for (let i = 0; i < STREAMS; i++) open.push(await subscribe(port, sessions[s++], () => {}));
  await sleep(3000);
  const busy = { a: rssKb(a.pid), b: rssKb(b.pid) };
  for (const o of open) o.close();
  console.log(`\nRSS with ${STREAMS} open streams per instance (goal: growth < 50 MB)`);
  for (const [label, key] of MODE === 'postgres'
    ? [
        ['instance A', 'a'],
        ['instance B', 'b'],
      ]
    : [['instance', 'a']]) {
    const growth = busy[key] - idle[key];
    console.log(
      `${label.padEnd(12)} idle ${mb(idle[key])}   ${STREAMS} streams ${mb(busy[key])}   growth ${mb(growth)}   ${growth < 50 * 1024 ? 'ok' : 'NO'}`,
    );
  }
}

try {
  await main();
} finally {
  await stopAll();
}
