import { defineMiddleware, sequence } from 'astro:middleware';
import { publicPageCache } from '~/features/requests/page-cache-middleware';
import { mayOpen } from '~/lib/policy';
import { SESSION_COOKIE, sessionCookieOptions, validateSessionToken } from '~/lib/server/auth/session';
import { getDb } from '~/lib/server/db';
import { log } from '~/lib/server/log';
// The composition root registers the database before the first request (and binds shutdown).
import '~/server/boot';
import { clientIp, isHttps } from '~/lib/server/request';
import { renderErrorPage } from '~/lib/server/error-page';
// Zod speaks Spanish on every server path.
import '~/lib/zod';

const SECURITY_HEADERS: Record<string, string> = {
  // Astro puts script/style hashes in a <meta> CSP; what a <meta> cannot say goes here.
  'Content-Security-Policy': "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function withSecurityHeaders(response: Response, https: boolean, isPrivate: boolean): Response {
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

const PRIVATE_PREFIXES = ['/app', '/login', '/logout', '/contrasena', '/solicitud/', '/registro/', '/ical/'];

const guard = defineMiddleware(async (context, next) => {
  const { pathname } = context.url;
  const https = isHttps(context.request);
  const isPrivate = PRIVATE_PREFIXES.some((p) => pathname === p || pathname.startsWith(p));
  context.locals.user = null;
  context.locals.session = null;
  context.locals.ip = clientIp(context);

  const token = context.cookies.get(SESSION_COOKIE)?.value;
  const isApp = pathname === '/app' || pathname.startsWith('/app/');
  if (token) {
    try {
      const db = await getDb();
      const result = await validateSessionToken(db, token);
      if (result) {
        context.locals.user = result.user;
        context.locals.session = result.session;
        context.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(https, result.session.expiresAt));
      } else {
        context.cookies.delete(SESSION_COOKIE, { path: '/' });
      }
    } catch (error) {
      log.error({ area: 'sesión', err: error }, 'no se pudo validar la sesión');
      if (isApp) return withSecurityHeaders(renderErrorPage(503, 'db'), https, true);
    }
  }

  if (isApp) {
    const user = context.locals.user;
    if (!user) {
      const nextPath = context.request.method === 'GET' ? pathname + context.url.search : '/app';
      const reason = token ? '&motivo=expirada' : '';
      return withSecurityHeaders(
        context.redirect(`/login?next=${encodeURIComponent(nextPath)}${reason}`, 303),
        https,
        true,
      );
    }
    if (!mayOpen(user, pathname)) {
      return withSecurityHeaders(renderErrorPage(403, 'forbidden'), https, true);
    }
  }

  const response = await next();
  return withSecurityHeaders(response, https, isPrivate);
});

// Public content pages may come from the page cache, after the guard set headers and cookies.
export const onRequest = sequence(guard, publicPageCache);
