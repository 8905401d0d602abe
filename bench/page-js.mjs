// JavaScript a page makes the browser download: every <script src>, <link rel=modulepreload> and,
// recursively, every static `import` of those modules (what the browser fetches before running
// them). Prints raw and gzip bytes per page. Against a running server:
//   BASE=http://127.0.0.1:4321 node bench/page-js.mjs [/path …]
// Default pages: the public ones, es and en.
import { gzipSync } from 'node:zlib';

const base = process.env.BASE ?? 'http://127.0.0.1:4321';
const pages = process.argv.slice(2).length
  ? process.argv.slice(2)
  : [
      '/',
      '/talleres',
      '/talleres/solicitar',
      '/eventos',
      '/aviso-de-privacidad',
      '/en/',
      '/en/talleres/solicitar',
    ];

async function get(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${res.status} ${url}`);
  return Buffer.from(await res.arrayBuffer());
}

/** Module URLs a page loads: its scripts and what they import, each once. */
export async function pageScripts(page) {
  const html = String(await get(new URL(page, base)));
  const queue = [];
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g))
    queue.push(new URL(m[1], new URL(page, base)).href);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g))
    queue.push(new URL(m[1], new URL(page, base)).href);
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  for (const code of inline)
    for (const m of code.matchAll(/import\s*(?:[^'"]*from\s*)?["']([^"']+)["']/g))
      queue.push(new URL(m[1], new URL(page, base)).href);
  const seen = new Map();
  while (queue.length) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    const body = await get(url);
    seen.set(url, body);
    for (const m of String(body).matchAll(/(?:^|[;}\s])import\s*(?:[\w*{}\s,$]*from\s*)?["']([^"']+)["']/g))
      queue.push(new URL(m[1], url).href);
  }
  const inlineBytes = Buffer.byteLength(inline.join(''));
  let raw = 0;
  let gzip = 0;
  for (const body of seen.values()) {
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { files: seen.size, raw, gzip, inlineBytes };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('| page | files | raw | gzip | inline |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const page of pages) {
    const r = await pageScripts(page);
    console.log(`| ${page} | ${r.files} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.inlineBytes)} |`);
  }
}
