import { eq, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { contentVersions } from '~db/schema';

/**
 * Cache of rendered public content pages (home, catalogue, privacy notice), correct across
 * several instances:
 *
 * - Each entry is stamped with the `content_versions` 'public' counter it was rendered under.
 *   Triggers (migration 0004) bump that counter in the same transaction as any change to
 *   workshops, settings or privacy notices, whoever makes it.
 * - Every request reads the counter afresh from the database (one primary-key lookup), but
 *   concurrent requests share one read — a request only joins a read that *started after it
 *   arrived*, so it sees every edit committed before it came in (no stale page, on any instance).
 * Under load one cheap query serves a whole batch of requests instead of a full render each.
 * With the embedded database the version is pushed instead (see `notifiedVersion`).
 */

export async function readFingerprint(db: Executor): Promise<string> {
  const [row] = await db
    .select({ v: contentVersions.version })
    .from(contentVersions)
    .where(eq(contentVersions.key, 'public'));
  return String(row?.v ?? 0);
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
export function createFingerprintReader(read: () => Promise<string>) {
  let inFlight: Promise<string> | null = null;
  let queued: Promise<string> | null = null;
  const start = () => {
    const p = read().finally(() => {
      if (inFlight === p) inFlight = null;
    });
    inFlight = p;
    return p;
  };
  return (): Promise<string> => {
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

/**
 * For the embedded database (PGlite), which one process alone can open: every write goes through
 * this process, and PGlite runs a NOTIFY listener before the writer's COMMIT returns to it. So
 * the version can be kept in memory, updated by the trigger's notification, with no query per
 * request and still no stale page. Returns a getter for the current version.
 */
export async function notifiedVersion(
  client: NotificationClient,
  read: () => Promise<string>,
): Promise<() => string> {
  let version = -1;
  await client.listen('public_content', (payload) => {
    const n = Number(payload);
    if (n > version) version = n;
  });
  const initial = Number(await read());
  if (initial > version) version = initial;
  return () => String(version);
}

export interface CachedPage {
  fingerprint: string;
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  etag: string;
  /**
   * The headers the page was rendered with that hold for every visitor, replayed on a hit:
   * above all Astro's `Content-Security-Policy` with the hashes of this page's scripts.
   */
  headers?: [string, string][];
}

/** A bounded map; the oldest entry goes first when full (there are only a few dozen public pages). */
export class PageCache {
  readonly #entries = new Map<string, CachedPage>();
  constructor(readonly maxEntries = 200) {}
  get(key: string, fingerprint: string): CachedPage | null {
    const entry = this.#entries.get(key);
    return entry && entry.fingerprint === fingerprint ? entry : null;
  }
  set(key: string, page: CachedPage): void {
    this.#entries.delete(key);
    if (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, page);
  }
  clear(): void {
    this.#entries.clear();
  }
}

const CACHEABLE = [
  /^\/$/,
  /^\/en\/?$/,
  /^(\/en)?\/talleres\/?$/,
  /^(\/en)?\/talleres\/[a-z0-9-]{1,80}$/,
  /^(\/en)?\/aviso-de-privacidad$/,
];

/** Public content pages that look the same for everyone (no query, no form, no private data). */
export function isCacheablePath(pathname: string, search: string): boolean {
  if (search !== '' || pathname === '/talleres/solicitar' || pathname === '/en/talleres/solicitar')
    return false;
  return CACHEABLE.some((re) => re.test(pathname));
}

export function pageCacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !['0', 'false', 'no', 'off'].includes((env.PUBLIC_PAGE_CACHE ?? '').toLowerCase());
}
