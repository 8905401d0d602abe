// The HTTP server in front of the built Astro app (dist/). Astro's node adapter runs as a plain
// request handler (its standalone server is not started); this server answers two things itself,
// before Astro's pipeline, and hands everything else to Astro unchanged:
//  - cache hits for public pages (src/features/requests/page-cache-middleware.ts registers the
//    cache on globalThis once Astro has loaded its middleware), with the same headers Astro's path
//    sends (a test compares them), brotli or gzip chosen from Accept-Encoding;
//  - /_astro/ assets that the build precompressed (astro.config.mjs writes .br and .gz beside
//    them), with `Vary: Accept-Encoding`; anything else under /_astro/ still goes to Astro's
//    static handler, with the same Vary.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = await import(path.join(root, 'dist/server/entry.mjs'));

const TYPES = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
};
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** `/_astro/name.js` → its bytes and precompressed copies, read once at start-up (about 1.5 MB). */
function loadAssets(dir) {
  const assets = new Map();
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return assets; // not built with precompressed assets: Astro serves them as before
  }
  const set = new Set(names);
  for (const name of names) {
    const type = TYPES[path.extname(name)];
    if (!type || (!set.has(`${name}.br`) && !set.has(`${name}.gz`))) continue;
    const file = path.join(dir, name);
    const stat = statSync(file);
    const tag = `${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}`;
    const variant = (suffix, encoding) =>
      set.has(name + suffix)
        ? { body: readFileSync(file + suffix), encoding, etag: `"${tag}-${encoding}"` }
        : null;
    assets.set(`/_astro/${name}`, {
      type,
      lastModified: stat.mtime.toUTCString(),
      br: variant('.br', 'br'),
      gzip: variant('.gz', 'gzip'),
    });
  }
  return assets;
}
const assets = loadAssets(path.join(root, 'dist/client/_astro'));

/** Accept-Encoding → 'br', 'gzip' or null; a `;q=0` refuses. */
function accepted(header, name) {
  if (!header) return false;
  for (const part of header.toLowerCase().split(',')) {
    const [token, ...params] = part.trim().split(';');
    if (token !== name && token !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

function serveAsset(req, res, pathname) {
  const asset = assets.get(pathname);
  res.setHeader('Vary', 'Accept-Encoding');
  if (!asset || req.headers.range) return false;
  const ae = req.headers['accept-encoding'];
  const variant =
    (asset.br && accepted(ae, 'br') && asset.br) || (asset.gzip && accepted(ae, 'gzip') && asset.gzip);
  if (!variant) return false; // the plain file: Astro's static handler, as before
  const headers = {
    'Content-Type': asset.type,
    'Content-Encoding': variant.encoding,
    'Cache-Control': IMMUTABLE,
    'Last-Modified': asset.lastModified,
    ETag: variant.etag,
  };
  if (req.headers['if-none-match'] === variant.etag) {
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  res.writeHead(200, { ...headers, 'Content-Length': variant.body.byteLength });
  res.end(req.method === 'HEAD' ? undefined : variant.body);
  return true;
}

const CACHE = Symbol.for('vinculo.publicPageCache');

/**
 * An address that cannot be decoded (`%` without two hex digits, bytes that are not UTF-8) is
 * answered by src/pages/direccion-no-valida.astro, a 400 in the site's layout, instead of the
 * adapter's bare English "Bad request.". The body of such a request is not read.
 */
function damagedAddress(req) {
  const raw = req.url ?? '/';
  try {
    decodeURI(raw);
    return false;
  } catch {
    const where = raw.startsWith('/en/') ? '?en' : raw.startsWith('/app') ? '?equipo' : '';
    req.url = `/direccion-no-valida${where}`;
    req.method = 'GET';
    for (const name of ['content-type', 'content-length', 'transfer-encoding']) delete req.headers[name];
    return true;
  }
}

async function listener(req, res) {
  damagedAddress(req);
  const url = req.url ?? '/';
  if ((req.method === 'GET' || req.method === 'HEAD') && url.startsWith('/_astro/')) {
    const q = url.indexOf('?');
    if (serveAsset(req, res, q === -1 ? url : url.slice(0, q))) return;
  } else if (req.method === 'GET') {
    const cache = globalThis[CACHE];
    if (cache) {
      try {
        if (await cache.serve(req, res)) return;
      } catch {
        if (res.headersSent) return void res.destroy();
      }
    }
  }
  handler(req, res);
}

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 4321);
export const server = http.createServer(listener);
// Idle keep-alive connections stay open longer than a client's or a proxy's own idle timeout
// (undici's is 4 s, nginx's upstream 60 s), so a client never sends on a socket this server has
// just closed; with Node's 5 s, a loaded machine's timers let that race through as "fetch failed".
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, host);
await new Promise((resolve, reject) => {
  server.once('listening', resolve);
  server.once('error', reject);
});
