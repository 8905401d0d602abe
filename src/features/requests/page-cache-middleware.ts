import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MiddlewareHandler } from 'astro';
import { getDatabase } from '~/lib/server/db';
import { SESSION_COOKIE } from '~/lib/server/auth/session';
import { isHttps } from '~/lib/server/request';
import { withSecurityHeaders } from '~/lib/server/security-headers';
import {
  type CachedPage,
  type NotificationClient,
  PageCache,
  VERSION_CHANNELS,
  type Versions,
  cachedResponse,
  compressPage,
  createFingerprintReader,
  dependsOnEvents,
  etagOf,
  isCacheablePath,
  notifiedVersion,
  pageCacheEnabled,
  readFingerprint,
  readVersions,
} from './public-cache.server';
import { type OpeningState, openingStateKey } from '~/lib/opening-hours';
import { openingStateNow } from './opening-state.server';

const cacheMb = Number(process.env.PUBLIC_PAGE_CACHE_MB ?? 24);
const cache = new PageCache(500, (Number.isFinite(cacheMb) && cacheMb > 0 ? cacheMb : 24) * 1024 * 1024);
/** Headers that describe one response, not the page: never replayed from the cache. */
const PER_RESPONSE_HEADERS = new Set([
  'content-length',
  'content-type',
  'content-encoding',
  'vary',
  'date',
  'etag',
  'cache-control',
  'set-cookie',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'x-page-cache',
]);
const enabled = pageCacheEnabled();

let versionSource: Promise<() => Promise<Versions> | Versions> | null = null;
let getVersions: (() => Promise<Versions> | Versions) | null = null;
/** PostgreSQL (maybe several instances): a fresh shared read per batch. PGlite: pushed by NOTIFY. */
function currentVersions(): Promise<Versions> | Versions {
  if (getVersions) return getVersions();
  versionSource ??= (async () => {
    const database = await getDatabase();
    const client = (database.db as unknown as { $client?: Partial<NotificationClient> }).$client;
    if (database.kind === 'pglite' && typeof client?.listen === 'function') {
      const listener = client as NotificationClient;
      const [pub, ev] = await Promise.all([
        notifiedVersion(listener, () => readFingerprint(database.db, 'public'), VERSION_CHANNELS.public),
        notifiedVersion(listener, () => readFingerprint(database.db, 'events'), VERSION_CHANNELS.events),
      ]);
      return (): Versions => ({ public: pub(), events: ev() });
    }
    return createFingerprintReader(() => readVersions(database.db));
  })()
    .then((get) => (getVersions = get))
    .catch((error) => {
      versionSource = null;
      throw error;
    });
  return versionSource.then((get) => get());
}

/** Event pages also change with every sign-up, cancellation or edit of an event. */
const fingerprintFor = (pathname: string, v: Versions) =>
  dependsOnEvents(pathname) ? `${v.public}.${v.events}` : v.public;

/** One render per page and version at a time: concurrent misses wait for it instead of rendering too. */
const filling = new Map<string, Promise<CachedPage | null>>();

interface Lookup {
  key: string;
  fingerprint: string;
  page: CachedPage | null;
  openingState: OpeningState;
}

/** Finds the page for this path, version and opening state; null when the cache cannot be used. */
async function lookup(pathname: string): Promise<Lookup | null> {
  let versions: Versions;
  let openingState: OpeningState;
  try {
    versions = await currentVersions();
    // The after-hours notice is part of the page: one cached copy per state (open, closed until
    // 8:00…), the state taken from the clock on every request and handed to the layout.
    openingState = await openingStateNow(versions.public);
  } catch {
    return null; // database down: let the page render its own fallback
  }
  const key = `${pathname}#${openingStateKey(openingState)}`;
  const fingerprint = fingerprintFor(pathname, versions);
  let page = cache.get(key, fingerprint);
  if (!page) {
    const inFlight = filling.get(`${key}@${fingerprint}`);
    if (inFlight) page = await inFlight;
  }
  return { key, fingerprint, page, openingState };
}

/** The page's headers with the security headers applied exactly as the middleware applies them. */
const finalHeaders = new WeakMap<CachedPage, { http?: [string, string][]; https?: [string, string][] }>();
function pageHeaders(page: CachedPage, https: boolean): [string, string][] {
  let memo = finalHeaders.get(page);
  if (!memo) finalHeaders.set(page, (memo = {}));
  const known = https ? memo.https : memo.http;
  if (known) return known;
  const response = withSecurityHeaders(new Response(null, { headers: page.headers ?? [] }), https, false);
  const list = [...response.headers].filter(([name]) => !PER_RESPONSE_HEADERS.has(name));
  if (https) memo.https = list;
  else memo.http = list;
  return list;
}

/**
 * Serves public pages from the in-process cache when the content versions in the database still
 * match (see public-cache.server.ts). Runs after the foundation middleware, so security headers
 * and cookies are handled as for any other page. The server in front of Astro
 * (scripts/server.mjs) answers most hits itself through `servePublicPageFromCache`, with the
 * same bytes and headers.
 */
export const publicPageCache: MiddlewareHandler = async (context, next) => {
  if (
    !enabled ||
    context.request.method !== 'GET' ||
    !isCacheablePath(context.url.pathname, context.url.search)
  )
    return next();
  const found = await lookup(context.url.pathname);
  if (!found) return next();
  context.locals.openingState = found.openingState;
  const https = isHttps(context.request);
  const accept = context.request.headers.get('accept-encoding');
  const ifNoneMatch = context.request.headers.get('if-none-match');
  if (found.page)
    return toResponse(cachedResponse(found.page, pageHeaders(found.page, https), accept, ifNoneMatch));

  const flight = `${found.key}@${found.fingerprint}`;
  let settle: (page: CachedPage | null) => void = () => {};
  filling.set(flight, new Promise((resolve) => (settle = resolve)));
  let page: CachedPage | null = null;
  try {
    const response = await next();
    const contentType = response.headers.get('content-type') ?? '';
    if (response.status !== 200 || !contentType.startsWith('text/html') || response.headers.has('set-cookie'))
      return response;
    const body = new Uint8Array(await response.arrayBuffer());
    const until = context.locals.pageCacheUntil;
    page = {
      fingerprint: found.fingerprint,
      body,
      ...(await compressPage(body)),
      contentType,
      etag: etagOf(body),
      headers: [...response.headers].filter(([name]) => !PER_RESPONSE_HEADERS.has(name.toLowerCase())),
      validUntil: until,
    };
    // A page whose clock-driven state already changed while it rendered is served, not kept.
    if (until === undefined || Date.now() < until) cache.set(found.key, page);
    const miss = cachedResponse(page, pageHeaders(page, https), accept, ifNoneMatch);
    miss.headers = miss.headers.map(([n, v]) => [n, n === 'x-page-cache' ? 'miss' : v]);
    return toResponse(miss);
  } finally {
    filling.delete(flight);
    settle(page);
  }
};

function toResponse(r: ReturnType<typeof cachedResponse>): Response {
  return new Response(r.body as BodyInit | null, { status: r.status, headers: r.headers });
}

const SESSION_PREFIX = `${SESSION_COOKIE}=`;

/**
 * The same cache, for the node:http server in front of Astro: answers a hit without Astro's
 * pipeline (routing, middleware, a Request object), and returns false for anything else — a
 * miss, a query string, a signed-in visitor (whose session the middleware must refresh) — which
 * then goes to Astro as usual. The raw request path must match exactly (no decoding), so
 * nothing reaches a page here that the middleware's guard would have refused.
 */
export async function servePublicPageFromCache(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = req.url ?? '';
  if (!enabled || req.method !== 'GET' || !isCacheablePath(url, '')) return false;
  const cookie = req.headers.cookie;
  if (cookie && cookie.includes(SESSION_PREFIX)) return false;
  const found = await lookup(url);
  if (!found?.page) return false;
  const https = isHttps({
    url: (req.socket as { encrypted?: boolean }).encrypted ? 'https://x/' : 'http://x/',
    headers: { get: (name: string) => (req.headers[name] as string | undefined) ?? null },
  } as unknown as Request);
  const hit = cachedResponse(
    found.page,
    pageHeaders(found.page, https),
    req.headers['accept-encoding'],
    req.headers['if-none-match'],
  );
  res.writeHead(hit.status, hit.headers.flat());
  res.end(hit.body ?? undefined);
  return true;
}

/** What the cache holds, for the bench's memory report. */
export function publicPageCacheStats() {
  return { entries: cache.size, bytes: cache.bytes };
}

// The server in front of Astro finds the cache here (it cannot import the bundle's modules).
(globalThis as Record<symbol, unknown>)[Symbol.for('vinculo.publicPageCache')] = {
  serve: servePublicPageFromCache,
  stats: publicPageCacheStats,
};
