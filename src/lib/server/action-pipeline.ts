import type { z } from 'astro/zod';
import type { Db } from '~db/client';
import { type Locale, t } from '~/i18n';
import { fieldErrors, formToObject, invalid, safeValues } from '~/lib/forms';
import {
  type ActionPermission,
  type Permission,
  type Resource,
  PUBLIC,
  can,
  hasGrantFor,
  rolesWith,
} from '~/lib/policy';
import '~/lib/zod';
import type { RequestContext } from './context';
import { withDb } from './context';
import { noteDatabaseUnavailable } from './db';
import { log, sqlState } from './log';
import { isRetryable } from './retry';

/**
 * The one path every form action takes (wrapped for Astro by `formAction` in ./action.ts):
 *
 *   policy (who) → formToObject → zod → policy (which record) → run, in a transaction when it
 *   writes, retried on deadlock → one mapping of results and errors to `FormResult`.
 *
 * It knows nothing of Astro, so tests drive it with a FormData and a context.
 */

type Failure = { ok: false; errors?: Record<string, string> | undefined; formError?: string | undefined };

/**
 * What `run` returns: `{ ok: true, data }`, or Spanish messages (by field, and/or for the form)
 * with any extra flags the page reads (`expired`, `needsOverride`).
 */
export type RunResult = { ok: true; data: unknown } | (Failure & { [extra: string]: unknown });

/** What the page receives: the data, or the messages plus what was typed (secrets removed). */
export type FormOutcome<R> =
  | (R extends { ok: true; data: infer T } ? { ok: true; data: T } : never)
  | ({
      ok: false;
      errors: Record<string, string>;
      formError?: string;
      values: Record<string, string | string[]>;
    } & Partial<Omit<Extract<R, { ok: false }>, 'ok' | 'errors' | 'formError' | 'data' | 'values'>>);

export interface FormActionDef<S extends z.ZodType, R extends RunResult> {
  /** What the action needs from the policy, or PUBLIC for forms anyone may send. */
  permission: ActionPermission;
  input: S;
  /** Log area ("usuarios", "eventos"): a fixed word, never a value. */
  area: string;
  /** Fields that may repeat (checkbox groups): they arrive as arrays. */
  multi?: readonly string[];
  /** Fields never sent back to the form ('password'), or 'all' to send nothing back. */
  secret?: readonly string[] | 'all';
  /**
   * For forms whose fields are all hidden (an id in a button's form): input that does not parse
   * was tampered with, so it is refused as BAD_REQUEST with this message, not shown beside fields.
   */
  malformed?: string;
  /** Runs `run` inside one transaction (and retries it on deadlock). */
  write?: boolean;
  /** The language of the form that was sent (public forms in English): for "database unavailable". */
  locale?: (values: Record<string, string | string[]>) => Locale;
  /** Attributes of the record, for permissions that depend on it (see `Resource`). */
  resource?: (ctx: RequestContext, input: z.output<S>) => Promise<Resource | null>;
  /**
   * The action itself. `typed` is the form as sent, for a field the schema does not keep;
   * `form` the FormData itself, for uploaded files.
   */
  run: (
    ctx: RequestContext,
    input: z.output<S>,
    typed: Record<string, string | string[]>,
    form: FormData,
  ) => Promise<R>;
}

/** Thrown by `run` (or by the pipeline) for answers that are not a form to show again. */
export class ActionRefusal extends Error {
  constructor(
    readonly code: 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_REQUEST' | 'SERVICE_UNAVAILABLE',
    message: string,
  ) {
    super(message);
    this.name = 'ActionRefusal';
  }
}

/** Thrown by `run` when a change collides with another one; shown beside the form, input kept. */
export class Conflict extends Error {
  constructor(readonly formMessage: string) {
    super('conflict');
    this.name = 'Conflict';
  }
}

/** Thrown by a feature when the mail provider cannot take a message that must go now. */
export class MailUnavailable extends Error {
  constructor() {
    super('mail unavailable');
    this.name = 'MailUnavailable';
  }
}

export const notFound = (message = 'No encontramos lo que buscas.') =>
  new ActionRefusal('NOT_FOUND', message);
export const badRequest = (message: string) => new ActionRefusal('BAD_REQUEST', message);

export const MESSAGES = {
  unauthorized: 'Tu sesión terminó. Vuelve a entrar.',
  concurrent: 'Alguien más cambió esto al mismo tiempo; inténtalo de nuevo.',
  conflict: 'Esto choca con un registro que ya existe. Revisa los datos e inténtalo de nuevo.',
  mail: 'No pudimos enviar el correo en este momento. Lo que escribiste sigue aquí: inténtalo en unos minutos.',
  badData: 'No pudimos guardar estos datos tal como están. Revisa lo que escribiste e inténtalo de nuevo.',
} as const;

export const MAX_RETRIES = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** 15, 30, 60 ms plus up to as much again at random, so two retrying requests drift apart. */
const backoff = (attempt: number) => {
  const base = 15 * 2 ** attempt;
  return base + Math.floor(Math.random() * base);
};

export interface PipelineHooks {
  /** Errors that already are the framework's answer (Astro's ActionError): thrown on unchanged. */
  passthrough?: (error: unknown) => boolean;
  /** Test seam for the backoff. */
  sleep?: (ms: number) => Promise<void>;
}

/** The policy's first question, before anything is read: who is asking. */
export function checkCaller(permission: ActionPermission, user: RequestContext['user']): void {
  if (permission === PUBLIC) return;
  if (!user) throw new ActionRefusal('UNAUTHORIZED', MESSAGES.unauthorized);
  if (!rolesWith(permission).includes(user.role) || !hasGrantFor(user, permission))
    throw new ActionRefusal('FORBIDDEN', t('es', 'error.forbidden'));
}

/** The steps after parsing, shared by form and JSON actions: record policy, run, retry, classify. */
type Executed<R> = { result: R } | { failed: string };

interface ExecuteDef<I, R> {
  permission: ActionPermission;
  area: string;
  write?: boolean;
  resource?: (ctx: RequestContext, input: I) => Promise<Resource | null>;
  run: (ctx: RequestContext, input: I) => Promise<R>;
}

async function execute<I, R>(
  def: ExecuteDef<I, R>,
  input: I,
  context: () => Promise<RequestContext>,
  hooks: PipelineHooks,
  locale: Locale,
): Promise<Executed<R>> {
  const wait = hooks.sleep ?? sleep;
  for (let attempt = 0; ; attempt++) {
    try {
      const ctx = await context();
      if (def.resource && def.permission !== PUBLIC) {
        const resource = await def.resource(ctx, input);
        if (!resource) throw notFound();
        if (!can(ctx.user, def.permission as Permission, resource))
          throw new ActionRefusal('FORBIDDEN', t('es', 'error.forbidden'));
      }
      const result = def.write
        ? await ctx.db.transaction((tx) => def.run(withDb(ctx, tx as unknown as Db), input))
        : await def.run(ctx, input);
      return { result };
    } catch (error) {
      if (error instanceof ActionRefusal || hooks.passthrough?.(error)) throw error;
      if (error instanceof Conflict) return { failed: error.formMessage };
      if (error instanceof MailUnavailable) {
        log.error({ area: def.area, err: error }, 'el correo no está disponible');
        return { failed: MESSAGES.mail };
      }
      const code = sqlState(error);
      // Deadlock or serialization failure: the transaction was rolled back and may simply run again.
      if (isRetryable(error)) {
        if (def.write && attempt < MAX_RETRIES) {
          log.warn({ area: def.area, code, attempt: attempt + 1 }, 'transacción en conflicto; se reintenta');
          await wait(backoff(attempt));
          continue;
        }
        log.error({ area: def.area, err: error }, 'transacción en conflicto tras los reintentos');
        return { failed: MESSAGES.concurrent };
      }
      log.error({ area: def.area, err: error }, 'la acción falló');
      // The page read after the action then fails at once instead of waiting for its own timeout.
      noteDatabaseUnavailable(error);
      // Unique or exclusion constraint a feature did not turn into its own message.
      if (code === '23505' || code === '23P01') return { failed: MESSAGES.conflict };
      // The database refused the value itself (bad encoding, out of range): not an outage.
      if (code?.startsWith('22')) return { failed: MESSAGES.badData };
      return { failed: t(locale, 'error.db') };
    }
  }
}

export async function runFormAction<S extends z.ZodType, R extends RunResult>(
  def: FormActionDef<S, R>,
  form: FormData,
  context: () => Promise<RequestContext>,
  user: RequestContext['user'],
  hooks: PipelineHooks = {},
): Promise<FormOutcome<R>> {
  checkCaller(def.permission, user);

  const values = formToObject(form, def.multi ?? []);
  const kept = def.secret === 'all' ? {} : safeValues(values, def.secret ?? []);
  const parsed = def.input.safeParse(values);
  if (!parsed.success) {
    if (def.malformed) throw badRequest(def.malformed);
    return invalid(fieldErrors(parsed.error), kept) as FormOutcome<R>;
  }
  const steps = {
    ...def,
    run: (ctx: RequestContext, input: z.output<S>) => def.run(ctx, input, values, form),
  };
  const done = await execute(steps, parsed.data as z.output<S>, context, hooks, def.locale?.(values) ?? 'es');
  if ('failed' in done) return invalid({}, kept, done.failed) as FormOutcome<R>;
  const result = done.result;
  if (result.ok) return { ok: true, data: result.data } as FormOutcome<R>;
  const { ok: _ok, errors, formError, ...extra } = result as Failure & Record<string, unknown>;
  return { ...extra, ...invalid(errors ?? {}, kept, formError) } as FormOutcome<R>;
}

/**
 * A JSON action (an island's drag and drop): Astro has parsed `input` with the action's schema;
 * the rest is the same pipeline. A failure the pipeline classifies comes back as `onFailure`.
 */
export interface JsonActionDef<I, R> extends ExecuteDef<I, R> {
  /** The island's answer for a failure; without it the call fails (SERVICE_UNAVAILABLE, the message). */
  onFailure?: (message: string) => R;
}

export async function runJsonAction<I, R>(
  def: JsonActionDef<I, R>,
  input: I,
  context: () => Promise<RequestContext>,
  user: RequestContext['user'],
  hooks: PipelineHooks = {},
): Promise<R> {
  checkCaller(def.permission, user);
  const done = await execute(def, input, context, hooks, 'es');
  if (!('failed' in done)) return done.result;
  if (def.onFailure) return def.onFailure(done.failed);
  throw new ActionRefusal('SERVICE_UNAVAILABLE', done.failed);
}
