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
import { checkRequestBody } from '~/lib/server/body-guard';
import { withSecurityHeaders } from '~/lib/server/security-headers';
// Zod speaks Spanish on every server path.
import '~/lib/zod';

const PRIVATE_PREFIXES = [
  '/app',
  '/login',
  '/logout',
  '/contrasena',
  '/solicitud/',
  '/en/solicitud/',
  '/registro/',
  '/ical/',
  '/constancia/',
  '/en/constancia/',
];

const guard = defineMiddleware(async (context, next) => {
  const { pathname } = context.url;
  const https = isHttps(context.request);
  const isPrivate = PRIVATE_PREFIXES.some((p) => pathname === p || pathname.startsWith(p));
  context.locals.user = null;
  context.locals.session = null;
  context.locals.ip = clientIp(context);

  // No page has a control character (NUL, CR, LF…) in its address: such a path is a 404 here,
  // before it can reach a query as a route parameter.
  // The raw address: Astro's context.url has been decoded and re-parsed, which drops CR/LF.
  const rawPath = new URL(context.request.url).pathname;
  // eslint-disable-next-line no-control-regex
  if (/%(?:[01][0-9a-f]|7f)/i.test(rawPath) || /[\u0000-\u001F\u007F]/.test(pathname))
    return withSecurityHeaders(
      renderErrorPage(404, 'notFound', { staff: pathname.startsWith('/app') }),
      https,
      true,
    );

  // Size, field count and content type of a posted body, before anything parses it.
  const refused = await checkRequestBody(context.request, context.url);
  if (refused) return withSecurityHeaders(refused, https, true);

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
