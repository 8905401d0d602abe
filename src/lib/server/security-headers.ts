import { FALLBACK_CSP } from '~/lib/csp';

/**
 * The security headers every response carries (moved here from src/middleware.ts so the public
 * page cache, which may answer before Astro, sends exactly what the middleware sends).
 */
export const SECURITY_HEADERS: Record<string, string> = {
  // Astro sends its own CSP (with the page's script hashes) on what it renders; every other
  // response gets the same directives with `script-src 'self'`.
  'Content-Security-Policy': FALLBACK_CSP,
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export function withSecurityHeaders(response: Response, https: boolean, isPrivate: boolean): Response {
  // Responses from redirects or fetch() may have immutable headers: copy when needed.
  let res = response;
  try {
    res.headers.set('X-Content-Type-Options', 'nosniff');
  } catch {
    res = new Response(response.body, response);
  }
  for (const [name, value] of Object.entries(SECURITY_HEADERS))
    if (!res.headers.has(name)) res.headers.set(name, value);
  if (https) res.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  if (isPrivate) {
    res.headers.set('Cache-Control', 'no-store');
    // Private links (password, status, manage pages) must not leak through the Referer header
    // to other sites. Not 'no-referrer': browsers then send `Origin: null` on form posts and
    // the origin check (CSRF defence) refuses them.
    res.headers.set('Referrer-Policy', 'same-origin');
  }
  return res;
}
