// `npm run bench`: builds, runs every benchmark of issue 17 and prints one table — figure,
// baseline measured in the same run, ratio, goal, met — with the machine's load average at the
// start and the end. On the embedded database; with BENCH_DATABASE_URL=postgres://… every
// database benchmark repeats on PostgreSQL (throwaway databases, dropped after). Each script
// stops its own servers. BENCH_SKIP_BUILD=1 skips the build; BENCH_ONLY=pages,signup,feed,http,reports
// runs a subset; `reports` (bench/reports-ab.mjs) needs BENCH_BASELINE_DIR, a checkout of the
// commit before the disclosure control. Figures are only meaningful on a quiet machine.
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const started = Date.now();
const loadStart = load();
const only = process.env.BENCH_ONLY?.split(',');
const wants = (name) => !only || only.includes(name);

if (!process.env.BENCH_SKIP_BUILD) {
  console.log('building…');
  const built = spawnSync(bin('astro'), ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const rows = [];
/** Runs one script, echoing its output, and collects its BENCH_ROW lines. */
function script(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, BENCH_JSON: '1', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffer = '';
    child.stdout.on('data', (d) => {
      buffer += d;
      let nl;
      while ((nl = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('BENCH_ROW ')) rows.push(JSON.parse(line.slice(10)));
        else process.stdout.write(`${line}\n`);
      }
    });
    child.on('exit', (code) => {
      if (code !== 0) rows.push({ figure: `${args.join(' ')} failed (exit ${code})`, met: false });
      resolve();
    });
  });
}

const pgUrl = process.env.BENCH_DATABASE_URL;
const node = process.execPath;
for (const url of ['', ...(pgUrl ? [pgUrl] : [])]) {
  const env = { BENCH_DATABASE_URL: url };
  if (wants('pages')) await script(node, ['bench/public-pages.mjs'], env);
  if (wants('http')) await script(bin('tsx'), ['bench/http-signup.mjs'], env);
  if (wants('feed')) await script(bin('tsx'), ['bench/scheduling-feed.mjs'], env);
}
// Issue 16: the reports against the checkout before the disclosure control, on PostgreSQL
// (BENCH_DATABASE_URL, or the local server), when BENCH_BASELINE_DIR names that checkout.
if (wants('reports')) {
  if (process.env.BENCH_BASELINE_DIR)
    await script(bin('tsx'), ['bench/reports-ab.mjs'], pgUrl ? { BENCH_DATABASE_URL: pgUrl } : {});
  else
    rows.push({
      figure: 'reports vs before disclosure control: skipped (BENCH_BASELINE_DIR unset)',
      met: null,
    });
}
// The sign-up race runs both databases itself.
if (wants('signup'))
  await script(bin('tsx'), ['bench/events-signup.mjs'], {
    BENCH_KINDS: ['pglite', ...(pgUrl ? ['postgres'] : [])].join(','),
  });

const cols = ['figure', 'db', 'value', 'baseline', 'ratio', 'goal', 'met'];
const text = (r, c) => (c === 'met' ? (r.met === null ? '—' : r.met ? 'yes' : 'NO') : String(r[c] ?? ''));
const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => text(r, c).length)));
const line = (cells) => `| ${cells.map((s, i) => s.padEnd(widths[i])).join(' | ')} |`;
console.log(
  `\nVínculo bench, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${os.cpus().length} cores`,
);
console.log(
  `load average at start ${loadStart}, at end ${load()}; ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
console.log(line(cols));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(cols.map((c) => text(r, c))));
