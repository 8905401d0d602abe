import type { MiddlewareHandler } from 'astro';
import { getDb } from '../../lib/server/db';
import { PageCache, createFingerprintReader, isCacheablePath, pageCacheEnabled, readFingerprint } from './public-cache.server';

const cache = new PageCache();
const fingerprint = createFingerprintReader(async () => readFingerprint(await getDb()));
const enabled = pageCacheEnabled();

/**
 * Serves public content pages from the in-process cache when the content fingerprint in the
 * database still matches (see public-cache.server.ts). Runs after the foundation middleware,
 * so security headers and cookies are handled as for any other page.
 */
export const publicPageCache: MiddlewareHandler = async (context, next) => {
  if (!enabled || context.request.method !== 'GET' || !isCacheablePath(context.url.pathname, context.url.search)) return next();
  let current: string;
  try {
    current = await fingerprint();
  } catch {
    return next(); // database down: let the page render its own fallback
  }
  const key = context.url.pathname;
  const hit = cache.get(key, current);
  if (hit) return new Response(hit.body, { status: 200, headers: { 'Content-Type': hit.contentType, 'X-Page-Cache': 'hit' } });
  const response = await next();
  const contentType = response.headers.get('content-type') ?? '';
  if (response.status !== 200 || !contentType.startsWith('text/html') || response.headers.has('set-cookie')) return response;
  const body = new Uint8Array(await response.arrayBuffer());
  cache.set(key, { fingerprint: current, body, contentType });
  const headers = new Headers(response.headers);
  headers.set('X-Page-Cache', 'miss');
  return new Response(body, { status: 200, headers });
};
