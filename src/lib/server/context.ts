import type { AstroCookies } from 'astro';
import type { Db } from '~db/client';
import type { Session, SessionUser } from './auth/session';
import { config } from './config';
import { getSettings } from './settings';
import type { Settings } from '~db/settings-defaults';

/** What a mail needs to say who sent it and where to go back. */
export interface MailContext {
  publicUrl: string;
  orgName: string;
  phone: string;
}

/**
 * One request's context, built once and passed to feature functions as one argument instead of
 * six to eight positional ones. Inside a writing action `db` is the action's transaction.
 */
export interface RequestContext {
  db: Db;
  user: SessionUser | null;
  session: Session | null;
  ip: string | null;
  userAgent: string | null;
  /** The response's cookies (null outside a request, e.g. in tests and jobs). */
  cookies: AstroCookies | null;
  /** Whether the visitor reached us over https (for the session cookie). */
  https: boolean;
  /** The organisation's time zone (ORG_TIMEZONE). A place's own zone comes from the place. */
  zone: string;
  /** The clock: one place to read "now", so tests can fix it. */
  now(): Date;
  /** The organisation's settings, read once per request on first use. */
  settings(): Promise<Settings>;
  /** Public URL, organisation name and phone, for mails. */
  mail(): Promise<MailContext>;
}

export interface ContextFields {
  db: Db;
  user?: SessionUser | null;
  session?: Session | null;
  ip?: string | null;
  userAgent?: string | null;
  cookies?: AstroCookies | null;
  https?: boolean;
  zone?: string;
  now?: () => Date;
  publicUrl?: string;
}

/** A context from its parts (the request's, or a test's). Settings are read through `db`. */
export function makeContext(fields: ContextFields): RequestContext {
  let settings: Promise<Settings> | undefined;
  const ctx: RequestContext = {
    db: fields.db,
    user: fields.user ?? null,
    session: fields.session ?? null,
    ip: fields.ip ?? null,
    userAgent: fields.userAgent ?? null,
    cookies: fields.cookies ?? null,
    https: fields.https ?? false,
    zone: fields.zone ?? config().timeZone,
    now: fields.now ?? (() => new Date()),
    settings: () => (settings ??= getSettings(ctx.db)),
    mail: async () => {
      const s = await ctx.settings();
      return { publicUrl: fields.publicUrl ?? config().publicUrl, orgName: s.orgName, phone: s.hotlinePhone };
    },
  };
  return ctx;
}

/**
 * The same request over another executor (the action's transaction). Settings are read again
 * through it: on the embedded database a query outside an open transaction would wait for it.
 */
export function withDb(ctx: RequestContext, db: Db): RequestContext {
  return makeContext({
    db,
    user: ctx.user,
    session: ctx.session,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    cookies: ctx.cookies,
    https: ctx.https,
    zone: ctx.zone,
    now: ctx.now,
  });
}

/**
 * What a staff feature function takes: the request's context with its signed-in user, narrowed to
 * what the feature needs of that user (`{ id, role }` for most). One argument instead of db,
 * actor, meta, zone and clock. Actions pass `signedIn(ctx)`; pages `signedIn(await requestContext(Astro))`.
 */
export type StaffContext<U extends { id: number } = SessionUser> = Omit<RequestContext, 'user'> & { user: U };

/**
 * The context of a request whose user the policy has already let in. Throws for an anonymous one:
 * a staff feature called without a user is a programming error, not a visitor's.
 */
export function signedIn(ctx: RequestContext): StaffContext {
  if (!ctx.user) throw new Error('a staff feature function needs a signed-in user');
  return ctx as StaffContext;
}

/** A staff context from its parts, for jobs, scripts and tests (any user shape with an id). */
export function makeStaffContext<U extends { id: number }>(
  fields: Omit<ContextFields, 'user'> & { user: U },
): StaffContext<U> {
  const base = makeContext({ ...fields, user: null });
  return Object.assign(base, { user: fields.user }) as unknown as StaffContext<U>;
}
