import type { APIContext } from 'astro';
import { config } from './config';

/**
 * The client's address. Behind a trusted reverse proxy (TRUST_PROXY=1) it is the last address
 * the proxy appended to X-Forwarded-For; earlier entries can be forged by the client.
 */
export function clientIp(context: Pick<APIContext, 'request' | 'clientAddress'>): string | null {
  if (config().trustProxy) {
    const forwarded = context.request.headers.get('x-forwarded-for');
    const last = forwarded?.split(',').at(-1)?.trim();
    if (last) return last;
  }
  try {
    return context.clientAddress ?? null;
  } catch {
    return null;
  }
}

/** Whether the visitor reached us over https (directly, or through a trusted proxy). */
export function isHttps(request: Request): boolean {
  if (new URL(request.url).protocol === 'https:') return true;
  return config().trustProxy && request.headers.get('x-forwarded-proto') === 'https';
}
