import { defineMiddleware, sequence } from 'astro:middleware';
import { publicPageCache } from '~/features/requests/page-cache-middleware';
import { mayOpen } from '~/lib/policy';
import { SESSION_COOKIE, sessionCookieOptions, validateSessionToken } from '~/lib/server/auth/session';
import { getDb, isDatabaseUnavailable, noteDatabaseUnavailable } from '~/lib/server/db';
import { log } from '~/lib/server/log';
// The composition root registers the database before the first request (and binds shutdown).
import '~/server/boot';
import { clientIp, isHttps } from '~/lib/server/request';
import { type Problem, keptForm, renderErrorPage } from '~/lib/server/error-page';
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

type Context = Parameters<Parameters<typeof defineMiddleware>[0]>[0];

/**
 * Answers with src/pages/problema.astro, in the site's layout: what happened and, for a form
 * posted while the database was unreachable, everything that was typed. The rewrite is a GET
 * without the body, so an oversized upload is never read again.
 */
async function showProblem(context: Context, problem: Problem): Promise<Response> {
  // A refusal without a form to show is the same page every time: rendered once in a while, so
  // a flood of hostile bodies costs a scan and a copy, not a page render each (issue 12 #2).
  const key = problem.kept ? null : `${problem.status}:${problem.kind}:${problem.staff}`;
  const cached = key ? problemPages.get(key) : undefined;
  if (cached && cached.until > Date.now())
    return new Response(cached.body, { status: problem.status, headers: cached.headers });
  context.locals.problem = problem;
  const headers = new Headers(context.request.headers);
  for (const name of ['content-type', 'content-length', 'transfer-encoding']) headers.delete(name);
  const response = await context.rewrite(new Request(new URL('/problema', context.url), { headers }));
  if (!key || response.headers.has('set-cookie')) return response;
  const body = await response.text();
  problemPages.set(key, { body, headers: new Headers(response.headers), until: Date.now() + 30_000 });
  return new Response(body, { status: response.status, headers: response.headers });
}
const problemPages = new Map<string, { body: string; headers: Headers; until: number }>();

const isFormPost = (request: Request) =>
  request.method === 'POST' &&
  /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(
    request.headers.get('content-type') ?? '',
  );

const guard = defineMiddleware(async (context, next) => {
  const { pathname } = context.url;
  const https = isHttps(context.request);
  const isPrivate = PRIVATE_PREFIXES.some((p) => pathname === p || pathname.startsWith(p));
  // The rewrite to the problem page comes through here again: it is answered as it is.
  if (context.locals.problem) return next();
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
  if (refused) {
    const kind =
      refused.status === 413 ? 'tooLarge' : refused.status === 415 ? 'unsupportedType' : 'badRequest';
    return withSecurityHeaders(
      await showProblem(context, {
        status: refused.status as Problem['status'],
        kind,
        staff: pathname.startsWith('/app'),
      }),
      https,
      true,
    );
  }
  // A copy of a posted form, read only if the database turns out to be unreachable: the 503 page
  // then shows again what was typed (the action or page that failed has consumed the original).
  const copy = isFormPost(context.request) ? context.request.clone() : null;
  const unavailable = async () =>
    withSecurityHeaders(
      await showProblem(context, {
        status: 503,
        kind: 'db',
        staff: pathname.startsWith('/app'),
        kept: await keptForm(copy, context.url),
      }),
      https,
      true,
    );

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
      noteDatabaseUnavailable(error);
      // Staff pages cannot be shown without knowing who asks; a staff form keeps what was typed.
      if (isApp) return unavailable();
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

  let response: Response;
  try {
    response = await next();
  } catch (error) {
    // A page that could not read the database (its action may have said so already): the 503
    // page in the layout, with what was typed. Anything else stays Astro's 500.
    if (!isDatabaseUnavailable(error)) throw error;
    noteDatabaseUnavailable(error);
    log.error({ area: 'páginas', err: error }, 'la base de datos no está disponible');
    return unavailable();
  }
  // Release the copy of a form nobody needed.
  if (copy && !copy.bodyUsed) copy.body?.cancel().catch(() => {});
  return withSecurityHeaders(response, https, isPrivate);
});

// Public content pages may come from the page cache, after the guard set headers and cookies.
export const onRequest = sequence(guard, publicPageCache);
