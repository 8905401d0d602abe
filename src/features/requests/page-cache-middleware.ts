import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'astro';
import { getDatabase } from '~/lib/server/db';
import {
  type NotificationClient,
  PageCache,
  createFingerprintReader,
  isCacheablePath,
  notifiedVersion,
  pageCacheEnabled,
  readFingerprint,
} from './public-cache.server';
import { openingStateKey } from '~/lib/opening-hours';
import { openingStateNow } from './opening-state.server';

const cache = new PageCache();
/** Headers that describe one response, not the page: never replayed from the cache. */
const PER_RESPONSE_HEADERS = new Set([
  'content-length',
  'content-type',
  'date',
  'etag',
  'cache-control',
  'set-cookie',
  'transfer-encoding',
  'connection',
  'x-page-cache',
]);
const enabled = pageCacheEnabled();

let versionSource: Promise<() => Promise<string> | string> | null = null;
let getVersion: (() => Promise<string> | string) | null = null;
/** PostgreSQL (maybe several instances): a fresh shared read per batch. PGlite: pushed by NOTIFY. */
function currentVersion(): Promise<string> | string {
  if (getVersion) return getVersion();
  versionSource ??= (async () => {
    const database = await getDatabase();
    const client = (database.db as unknown as { $client?: Partial<NotificationClient> }).$client;
    if (database.kind === 'pglite' && typeof client?.listen === 'function')
      return notifiedVersion(client as NotificationClient, () => readFingerprint(database.db));
    return createFingerprintReader(() => readFingerprint(database.db));
  })()
    .then((get) => (getVersion = get))
    .catch((error) => {
      versionSource = null;
      throw error;
    });
  return versionSource.then((get) => get());
}

/**
 * Serves public content pages from the in-process cache when the content version in the
 * database still matches (see public-cache.server.ts). Runs after the foundation middleware,
 * so security headers and cookies are handled as for any other page.
 * Browsers get an ETag of the bytes and `no-cache`: a revisit on a slow connection costs a
 * 304, and is still checked against the current version every time.
 */
export const publicPageCache: MiddlewareHandler = async (context, next) => {
  if (
    !enabled ||
    context.request.method !== 'GET' ||
    !isCacheablePath(context.url.pathname, context.url.search)
  )
    return next();
  let current: string;
  try {
    current = await currentVersion();
  } catch {
    return next(); // database down: let the page render its own fallback
  }
  // The after-hours notice is part of the page: one cached copy per state (open, closed until
  // 8:00…), the state taken from the clock on every request and handed to the layout.
  try {
    context.locals.openingState = await openingStateNow(current);
  } catch {
    return next();
  }
  const key = `${context.url.pathname}#${openingStateKey(context.locals.openingState)}`;
  let page = cache.get(key, current);
  let state = 'hit';
  if (!page) {
    const response = await next();
    const contentType = response.headers.get('content-type') ?? '';
    if (response.status !== 200 || !contentType.startsWith('text/html') || response.headers.has('set-cookie'))
      return response;
    const body = new Uint8Array(await response.arrayBuffer());
    page = {
      fingerprint: current,
      body,
      contentType,
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      headers: [...response.headers].filter(([name]) => !PER_RESPONSE_HEADERS.has(name.toLowerCase())),
    };
    cache.set(key, page);
    state = 'miss';
  }
  const headers = {
    ...Object.fromEntries(page.headers ?? []),
    'Content-Type': page.contentType,
    ETag: page.etag,
    'Cache-Control': 'no-cache',
    'X-Page-Cache': state,
  };
  if (context.request.headers.get('if-none-match') === page.etag)
    return new Response(null, { status: 304, headers });
  return new Response(page.body, { status: 200, headers });
};
