// Shared by the benchmarks: the built app as a child process, a throwaway PostgreSQL database,
// the fastest load client here (wrk if installed, else autocannon), the machine's load and a process's memory.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { SERVER_NODE_FLAGS } from '../scripts/node-flags.mjs';

export const load1 = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** Resident memory of a process in MB (Linux). */
export function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** With BENCH_DATABASE_URL: a fresh database on that server for this run. */
export async function createPgDatabase(adminUrl = process.env.BENCH_DATABASE_URL) {
  if (!adminUrl) return null;
  const { default: postgres } = await import('postgres');
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const name = `vinculo_bench_${Date.now().toString(36)}_${process.pid}`;
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

/** The built app (scripts/start.mjs) on `port`; stop() kills it and removes its data folder. */
export async function startApp(port, env = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vinculo-bench-'));
  // BENCH_APP_NODE_ARGS passes flags to the app's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`
  // to see where a benchmark's server time goes (NODE_OPTIONS refuses --cpu-prof).
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const app = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...nodeArgs, 'scripts/start.mjs'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED_DEMO: '1',
      RESEND_API_KEY: '',
      NO_COLOR: '1',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    app.stdout.on('data', (d) => String(d).includes('está listo') && resolve());
    app.once('exit', (code) => reject(new Error(`the app on ${port} exited (${code})`)));
  });
  const stop = async () => {
    if (app.exitCode === null && app.signalCode === null) {
      const exited = new Promise((r) => app.once('exit', r));
      app.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', () => app.kill('SIGKILL'));
  return { pid: app.pid, base: `http://127.0.0.1:${port}`, stop };
}

/** A bare node:http server in its own process; stop() kills it. */
export async function startBare(args, port) {
  const bare = spawn(process.execPath, ['bench/bare-server.mjs', ...args, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((r) => bare.stdout.once('data', r));
  process.once('exit', () => bare.kill('SIGKILL'));
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      const exited = new Promise((r) => bare.once('exit', r));
      bare.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The load client: wrk (Debian's `wrk`, written in C, two threads) when it is installed, as the
 * fastest client this machine can run; autocannon otherwise, or with BENCH_CLIENT=autocannon.
 * Both keep `connections` keep-alive clients in a closed loop for `seconds`.
 */
const WRK = '/usr/bin/wrk';
export const loadClient = process.env.BENCH_CLIENT !== 'autocannon' && existsSync(WRK) ? 'wrk' : 'autocannon';

/** Load on `url` with the load client: req/s, p50 and p99 in ms, errors, requests. */
export async function cannon(url, { connections = 50, seconds = 3, headers = {} } = {}) {
  if (loadClient === 'wrk') return wrk(url, { connections, seconds, headers });
  const r = await autocannon({ url, connections, duration: seconds, headers });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx + r.timeouts,
    requests: r.requests.total,
  };
}

/** wrk's report parsed: `Requests/sec`, the latency percentiles (--latency), errors. */
async function wrk(url, { connections, seconds, headers }) {
  // wrk takes whole seconds: a 0.5 s warm-up runs for 1 s.
  const args = [
    '-t',
    '2',
    '-c',
    String(connections),
    '-d',
    `${Math.max(1, Math.round(seconds))}s`,
    '--latency',
  ];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  const out = await new Promise((resolve, reject) => {
    execFile(WRK, [...args, url], { maxBuffer: 1 << 20 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });
  const ms = (label) => {
    const m = new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(out);
    if (!m) return NaN;
    const n = Number(m[1]);
    return m[2] === 'us' ? n / 1000 : m[2] === 's' ? n * 1000 : n;
  };
  const num = (re) => Number(re.exec(out)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    rps: num(/Requests\/sec:\s+([\d.]+)/),
    p50: ms('50'),
    p99: ms('99'),
    errors:
      num(/Non-2xx or 3xx responses: (\d+)/) +
      (socketErrors ? socketErrors.slice(1).reduce((a, b) => a + Number(b), 0) : 0),
    requests: num(/(\d+) requests in/),
  };
}

export const median = (runs, key = 'rps') => {
  const sorted = [...runs].sort((a, b) => a[key] - b[key]);
  return sorted[Math.floor(sorted.length / 2)];
};

/**
 * A result row for the table `npm run bench` prints. `met` is decided by the script that
 * measured it; `baseline` is the figure it is compared with, measured in the same run.
 */
export function result(row) {
  if (process.env.BENCH_JSON) console.log(`BENCH_ROW ${JSON.stringify(row)}`);
  return row;
}
