import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { contentVersions } from '~db/schema';

/**
 * Cache of rendered public pages (home, catalogue, privacy notice, events), correct across
 * several instances:
 *
 * - Each entry is stamped with the `content_versions` counters it was rendered under: 'public'
 *   (workshops, settings, privacy notices; migration 0005) and, for event pages, 'events' too
 *   (events and their registrations). Triggers bump a counter in the same transaction as any
 *   change, whoever makes it — a sign-up or a cancellation included.
 * - Every request reads the counters afresh from the database (one primary-key lookup), but
 *   concurrent requests share one read — a request only joins a read that *started after it
 *   arrived*, so it sees every change committed before it came in (no stale page, on any instance).
 * - What a page shows may also change with the clock alone (a registration window opens or
 *   closes, an event ends): such a page carries the instant it stops being right (`validUntil`).
 * Under load one cheap query serves a whole batch of requests instead of a full render each.
 * With the embedded database the versions are pushed instead (see `notifiedVersion`).
 */

/** Content a page depends on: 'public' for every page, 'events' for the event pages as well. */
export type VersionKey = 'public' | 'events';
export type Versions = Record<VersionKey, string>;

export async function readFingerprint(db: Executor, key: VersionKey = 'public'): Promise<string> {
  const [row] = await db
    .select({ v: contentVersions.version })
    .from(contentVersions)
    .where(eq(contentVersions.key, key));
  return String(row?.v ?? 0);
}

/** Both counters in one primary-key lookup. */
export async function readVersions(db: Executor): Promise<Versions> {
  const rows = await db
    .select({ key: contentVersions.key, v: contentVersions.version })
    .from(contentVersions)
    .where(inArray(contentVersions.key, ['public', 'events']))
    // Named: under load every batch of public requests runs it.
    .prepare('content_versions_read')
    .execute();
  const versions: Versions = { public: '0', events: '0' };
  for (const row of rows) versions[row.key as VersionKey] = String(row.v);
  return versions;
}

/** For public content kept in a table without a trigger: call inside the transaction that changes it. */
export async function bumpContentVersion(tx: Executor, key = 'public'): Promise<void> {
  await tx
    .insert(contentVersions)
    .values({ key, version: 2 })
    .onConflictDoUpdate({
      target: contentVersions.key,
      set: { version: sql`${contentVersions.version} + 1`, updatedAt: sql`now()` },
    });
}

/**
 * Single-flight fingerprint reads: a caller joins the read in flight only if none is running;
 * otherwise it waits for the next read, which starts after the current one ends (and so after
 * the caller arrived).
 */
export function createFingerprintReader<T = string>(read: () => Promise<T>) {
  let inFlight: Promise<T> | null = null;
  let queued: Promise<T> | null = null;
  const start = () => {
    const p = read().finally(() => {
      if (inFlight === p) inFlight = null;
    });
    inFlight = p;
    return p;
  };
  return (): Promise<T> => {
    if (!inFlight) return start();
    queued ??= inFlight
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        queued = null;
        return start();
      });
    return queued;
  };
}

/** The part of PGlite's client the cache needs. */
export interface NotificationClient {
  listen(channel: string, callback: (payload: string) => void): Promise<unknown>;
}

/** The NOTIFY channel each counter's trigger speaks on. */
export const VERSION_CHANNELS: Record<VersionKey, string> = {
  public: 'public_content',
  events: 'events_content',
};

/**
 * For the embedded database (PGlite), which one process alone can open: every write goes through
 * this process, and PGlite runs a NOTIFY listener before the writer's COMMIT returns to it. So
 * the version can be kept in memory, updated by the trigger's notification, with no query per
 * request and still no stale page. Returns a getter for the current version.
 */
export async function notifiedVersion(
  client: NotificationClient,
  read: () => Promise<string>,
  channel = VERSION_CHANNELS.public,
): Promise<() => string> {
  let version = -1;
  await client.listen(channel, (payload) => {
    const n = Number(payload);
    if (n > version) version = n;
  });
  const initial = Number(await read());
  if (initial > version) version = initial;
  return () => String(version);
}

/** Encodings a cached page is kept in, compressed once when the entry is filled. */
export type Encoding = 'br' | 'gzip' | 'identity';

export interface CachedPage {
  fingerprint: string;
  body: Uint8Array<ArrayBuffer>;
  /** The same bytes compressed (absent when compression would not make them smaller). */
  br?: Uint8Array<ArrayBuffer> | undefined;
  gzip?: Uint8Array<ArrayBuffer> | undefined;
  contentType: string;
  etag: string;
  /**
   * The headers the page was rendered with that hold for every visitor, replayed on a hit:
   * above all Astro's `Content-Security-Policy` with the hashes of this page's scripts.
   */
  headers?: [string, string][];
  /** Epoch ms from which the page may render differently with no data change (clock-driven). */
  validUntil?: number | undefined;
}

/** Bytes an entry holds, for the cache's bound. */
export function pageBytes(page: CachedPage): number {
  return page.body.byteLength + (page.br?.byteLength ?? 0) + (page.gzip?.byteLength ?? 0) + 512;
}

/**
 * A bounded LRU map of pages, bounded both by entries and by bytes (identity + compressed
 * copies), so neither many event pages nor large ones can grow the process without limit.
 */
export class PageCache {
  readonly #entries = new Map<string, CachedPage>();
  #bytes = 0;
  constructor(
    readonly maxEntries = 500,
    readonly maxBytes = 24 * 1024 * 1024,
  ) {}
  get(key: string, fingerprint: string, now = Date.now()): CachedPage | null {
    const entry = this.#entries.get(key);
    if (!entry || entry.fingerprint !== fingerprint) return null;
    if (entry.validUntil !== undefined && now >= entry.validUntil) return null;
    // Most recently used goes last (Map keeps insertion order).
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }
  set(key: string, page: CachedPage): void {
    this.delete(key);
    const size = pageBytes(page);
    if (size > this.maxBytes) return;
    while (this.#entries.size >= this.maxEntries || this.#bytes + size > this.maxBytes) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
    this.#entries.set(key, page);
    this.#bytes += size;
  }
  delete(key: string): void {
    const old = this.#entries.get(key);
    if (!old) return;
    this.#entries.delete(key);
    this.#bytes -= pageBytes(old);
  }
  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }
  get size(): number {
    return this.#entries.size;
  }
  get bytes(): number {
    return this.#bytes;
  }
}

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Compresses a page once, when it enters the cache (in the thread pool, not on the event
 * loop). Brotli quality 9 is within a few per cent of 11 on HTML at a fraction of the time,
 * which matters because a sign-up refills an event page.
 */
export async function compressPage(
  body: Uint8Array,
): Promise<{ br?: Uint8Array<ArrayBuffer>; gzip?: Uint8Array<ArrayBuffer> }> {
  if (body.byteLength < 256) return {};
  const [b, g] = await Promise.all([
    brotli(body, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: 9,
        [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
      },
    }),
    gz(body, { level: 9 }),
  ]);
  const copy = (buf: Buffer): Uint8Array<ArrayBuffer> => {
    const out = new Uint8Array(buf.byteLength);
    out.set(buf);
    return out;
  };
  return {
    ...(b.byteLength < body.byteLength ? { br: copy(b) } : {}),
    ...(g.byteLength < body.byteLength ? { gzip: copy(g) } : {}),
  };
}

/** A strong ETag of the page's bytes; each encoding gets its own (RFC 9110 §8.8.3). */
export function etagOf(body: Uint8Array): string {
  return createHash('sha1').update(body).digest('base64url');
}

/**
 * The best encoding the client accepts among those the page has: brotli, then gzip, then the
 * plain bytes. Honours `;q=0` (refused) and `*`.
 */
export function chooseEncoding(
  acceptEncoding: string | null | undefined,
  page: Pick<CachedPage, 'br' | 'gzip'>,
): Encoding {
  if (!acceptEncoding) return 'identity';
  let br = false;
  let gzipOk = false;
  let star: boolean | null = null;
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [token, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const ok = q === undefined || Number(q.slice(2)) > 0;
    if (token === 'br') br = ok;
    else if (token === 'gzip' || token === 'x-gzip') gzipOk = ok;
    else if (token === '*') star = ok;
  }
  if (star && !/\bbr\b/.test(acceptEncoding)) br = true;
  if (star && !/gzip/.test(acceptEncoding)) gzipOk = true;
  if (br && page.br) return 'br';
  if (gzipOk && page.gzip) return 'gzip';
  return 'identity';
}

export interface CachedResponse {
  status: 200 | 304;
  /** Lower-case names, in the order they are sent. */
  headers: [string, string][];
  body: Uint8Array | null;
}

/**
 * The response for a cache hit, the same whether Astro or the server in front of it answers:
 * the page's own headers (security headers and CSP as the uncached path sends them), then the
 * representation's. Browsers get `no-cache` with an ETag: a revisit on a slow connection costs
 * a 304, and is still checked against the current version every time.
 */
export function cachedResponse(
  page: CachedPage,
  pageHeaders: [string, string][],
  acceptEncoding: string | null | undefined,
  ifNoneMatch: string | null | undefined,
): CachedResponse {
  const encoding = chooseEncoding(acceptEncoding, page);
  const body = encoding === 'br' ? page.br! : encoding === 'gzip' ? page.gzip! : page.body;
  const tag =
    encoding === 'identity' ? `"${page.etag}"` : `"${page.etag}-${encoding === 'br' ? 'br' : 'gz'}"`;
  const headers: [string, string][] = [
    ...pageHeaders,
    ['content-type', page.contentType],
    ['etag', tag],
    ['cache-control', 'no-cache'],
    ['vary', 'Accept-Encoding'],
    ['x-page-cache', 'hit'],
  ];
  if (
    ifNoneMatch &&
    ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '').startsWith(`"${page.etag}`))
  )
    return { status: 304, headers, body: null };
  if (encoding !== 'identity') headers.push(['content-encoding', encoding]);
  headers.push(['content-length', String(body.byteLength)]);
  return { status: 200, headers, body };
}

const CACHEABLE = [
  /^\/$/,
  /^\/en\/?$/,
  /^(\/en)?\/talleres\/?$/,
  /^(\/en)?\/talleres\/[a-z0-9-]{1,80}$/,
  /^(\/en)?\/aviso-de-privacidad$/,
  /^(\/en)?\/eventos\/?$/,
  /^(\/en)?\/eventos\/[a-z0-9-]{1,120}$/,
];

/** Public pages that look the same for everyone (no query, no form result, no private data). */
export function isCacheablePath(pathname: string, search: string): boolean {
  if (search !== '' || pathname === '/talleres/solicitar' || pathname === '/en/talleres/solicitar')
    return false;
  if (pathname === '/eventos/imagen' || pathname === '/en/eventos/imagen') return false;
  return CACHEABLE.some((re) => re.test(pathname));
}

/** What a cacheable page depends on besides the public content: the event pages, on events. */
export function dependsOnEvents(pathname: string): boolean {
  return /^(\/en)?\/eventos(\/|$)/.test(pathname);
}

export function pageCacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !['0', 'false', 'no', 'off'].includes((env.PUBLIC_PAGE_CACHE ?? '').toLowerCase());
}
