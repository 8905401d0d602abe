import type { AstroCookies } from 'astro';
import { type RequestContext, makeContext } from './context';
import { getDb } from './db';
import { isHttps } from './request';

export type { RequestContext } from './context';

type AstroLike = { locals: App.Locals; request: Request; cookies?: AstroCookies };

const built = new WeakMap<App.Locals, Promise<RequestContext>>();

/** The request's context (built on first use, then the same object for the rest of the request). */
export function requestContext(astro: AstroLike): Promise<RequestContext> {
  let ctx = built.get(astro.locals);
  if (!ctx) {
    ctx = getDb().then((db) =>
      makeContext({
        db,
        user: astro.locals.user,
        session: astro.locals.session,
        ip: astro.locals.ip,
        userAgent: astro.request.headers.get('user-agent'),
        cookies: astro.cookies ?? null,
        https: isHttps(astro.request),
      }),
    );
    // A failed open is not remembered: the next call tries again.
    ctx.catch(() => built.delete(astro.locals));
    built.set(astro.locals, ctx);
  }
  return ctx;
}
