// Lighthouse on every public page (the sitemap's, es and en): SEO, performance, accessibility
// and best practices, printed as one Markdown table. Not part of the test suite (about 20 s a page).
//   npm run build && node scripts/lighthouse.mjs            every page of the sitemap
//   node scripts/lighthouse.mjs / /en/talleres                only these paths
//   BASE=http://127.0.0.1:4321 node scripts/lighthouse.mjs   against a server already running
// Without BASE it starts the built app on a throwaway embedded database with demo data
// (LH_PORT, default 4463) and stops it at the end. Chromium: CHROME_PATH (default /usr/bin/chromium).
// Exits 1 when a score is below 100, listing the audits that cost points.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';

const CATEGORIES = ['seo', 'performance', 'accessibility', 'best-practices'];
const port = Number(process.env.LH_PORT ?? 4463);

async function startApp() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vinculo-lh-'));
  const base = `http://127.0.0.1:${port}`;
  const app = spawn(process.execPath, ['scripts/start.mjs'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      SEED_DEMO: '1',
      PUBLIC_URL: base,
      RESEND_API_KEY: '',
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    app.stdout.on('data', (d) => String(d).includes('está listo') && resolve());
    app.on('exit', (code) => reject(new Error(`the server stopped (${code})`)));
  });
  return {
    base,
    stop: async () => {
      if (app.exitCode === null && app.signalCode === null) {
        app.kill('SIGTERM');
        await new Promise((r) => app.once('exit', r));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const server = process.env.BASE ? { base: process.env.BASE, stop: async () => {} } : await startApp();
/** Chromium with its DevTools port open for Lighthouse (LH_PORT + 1). */
async function startChrome() {
  const devtools = port + 1;
  const profile = mkdtempSync(path.join(tmpdir(), 'vinculo-lh-chrome-'));
  const child = spawn(
    process.env.CHROME_PATH ?? '/usr/bin/chromium',
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
      `--remote-debugging-port=${devtools}`,
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${devtools}/json/version`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    port: devtools,
    kill: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r()));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
const chrome = await startChrome();
// Stopped by hand (Ctrl+C): still stop Chromium and the server, and remove their folders.
for (const signal of ['SIGINT', 'SIGTERM'])
  process.once(signal, async () => {
    await chrome.kill();
    await server.stop();
    process.exit(130);
  });
let failed = false;
try {
  const paths = process.argv.slice(2).length
    ? process.argv.slice(2)
    : [...(await (await fetch(`${server.base}/sitemap.xml`)).text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map(
        (m) => new URL(m[1]).pathname,
      );
  console.log(
    `load average at start: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  console.log('| page | SEO | performance | accessibility | best practices |');
  console.log('| --- | --- | --- | --- | --- |');
  const lost = [];
  for (const page of paths) {
    const result = await lighthouse(
      new URL(page, server.base).href,
      { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES },
      // Mobile (the default form factor) with simulated throttling: a phone on a slow connection.
      undefined,
    );
    const { categories, audits } = result.lhr;
    const scores = CATEGORIES.map((c) => Math.round((categories[c]?.score ?? 0) * 100));
    console.log(`| ${page} | ${scores.join(' | ')} |`);
    for (const c of CATEGORIES) {
      if ((categories[c]?.score ?? 0) >= 1) continue;
      failed = true;
      for (const ref of categories[c].auditRefs) {
        const audit = audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1)
          lost.push(
            `${page} · ${c} · ${audit.id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}`,
          );
      }
    }
  }
  console.log(
    `load average at end: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  if (lost.length) console.log(`\nWhat cost points:\n${lost.map((l) => `- ${l}`).join('\n')}`);
} finally {
  await chrome.kill();
  await server.stop();
}
process.exit(failed ? 1 : 0);
