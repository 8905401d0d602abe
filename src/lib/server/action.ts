import { ActionError, defineAction, isActionError } from 'astro:actions';
import type { ActionAPIContext, ActionClient, ActionReturnType } from 'astro:actions';
import type { AstroGlobal } from 'astro';
import type { z } from 'astro/zod';
import { type Locale, t } from '~/i18n';
import {
  ActionRefusal,
  type FormActionDef,
  type FormOutcome,
  type JsonActionDef,
  type RunResult,
  runFormAction,
  runJsonAction,
} from './action-pipeline';
import { requestContext } from './request-context';

export { Conflict, MailUnavailable, badRequest, notFound } from './action-pipeline';
export type { RunResult } from './action-pipeline';

/**
 * Defines a form action: `formAction({ permission, input, area, write, run })`. See
 * ./action-pipeline.ts for the steps; this wraps them for Astro and turns refusals into
 * ActionError (UNAUTHORIZED, FORBIDDEN, NOT_FOUND, BAD_REQUEST).
 */
export function formAction<S extends z.ZodType, R extends RunResult>(def: FormActionDef<S, R>) {
  return defineAction({
    accept: 'form',
    handler: async (form, actx): Promise<FormOutcome<R>> => {
      try {
        return await runFormAction(def, form, () => requestContext(actx), actx.locals.user, {
          passthrough: isActionError,
        });
      } catch (error) {
        if (error instanceof ActionRefusal)
          throw new ActionError({ code: error.code, message: error.message });
        throw error;
      }
    },
  });
}

/**
 * Defines a JSON action (for islands): `jsonAction({ permission, input, area, write, run,
 * onFailure })`. Same policy, transaction, retry and error classification as `formAction`.
 */
export function jsonAction<S extends z.ZodType, R>(def: { input: S } & JsonActionDef<z.output<S>, R>) {
  return defineAction<R, 'json', S>({
    accept: 'json',
    input: def.input,
    // Astro's handler type is conditional on the schema; with a generic one it cannot resolve.
    handler: (async (input: z.output<S>, actx: ActionAPIContext): Promise<R> => {
      try {
        return await runJsonAction(def, input, () => requestContext(actx), actx.locals.user, {
          passthrough: isActionError,
        });
      } catch (error) {
        if (error instanceof ActionRefusal)
          throw new ActionError({ code: error.code, message: error.message });
        throw error;
      }
    }) as never,
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyAction = ActionClient<any, any, any>;
type Outcome<A extends AnyAction> = NonNullable<Extract<ActionReturnType<A>, { error: undefined }>['data']>;
type Failed<A extends AnyAction> = Extract<Outcome<A>, { ok: false }>;
type Succeeded<A extends AnyAction> = Extract<Outcome<A>, { ok: true }>;

export interface FormState<A extends AnyAction> {
  /** The action ran and succeeded: its data. */
  done: Succeeded<A>['data'] | null;
  /** The action answered with messages: show them beside the fields, with `values`. */
  failed: Failed<A> | null;
  /** The action was refused (no session, forbidden, not found): its error. */
  error: ActionError | null;
  errors: Record<string, string>;
  formError: string | undefined;
  values: Record<string, string | string[]>;
  /** The failure was the database being unreachable (the page answers 503). */
  unavailable: boolean;
}

/**
 * How a page reads an action's result. It sets the response status (400 for messages, 503 when
 * the database was unreachable, the refusal's status otherwise), so every page answers a failed
 * post the same way.
 */
export function formState<A extends AnyAction>(astro: AstroGlobal, action: A): FormState<A> {
  const result = astro.getActionResult(action);
  const data = result?.data as Outcome<A> | undefined;
  const failed = data && data.ok === false ? (data as Failed<A>) : null;
  const done = data && data.ok === true ? (data as Succeeded<A>).data : null;
  const error = (result?.error as ActionError | undefined) ?? null;
  // Messages about what was typed are a 400; "the database is unreachable" is the server's 503.
  const unavailable =
    !!failed && (failed.formError === t('es', 'error.db') || failed.formError === t('en', 'error.db'));
  if (failed) astro.response.status = unavailable ? 503 : 400;
  if (error) astro.response.status = error.status;
  return {
    done,
    failed,
    error,
    errors: failed?.errors ?? {},
    formError: failed?.formError,
    values: failed?.values ?? {},
    unavailable,
  };
}

/**
 * What to tell the visitor about a refused action (`formState(...).error`). Our refusals carry a
 * Spanish sentence; Astro's own (a body over its limit, a wrong content type) do not, and neither
 * is "something went wrong on our side" when the request itself was at fault (issue 12 #10).
 */
export function refusalMessage(error: ActionError, locale: Locale = 'es'): string {
  if (error.status === 413) return t(locale, 'error.tooLarge');
  if (error.status === 415) return t(locale, 'error.unsupportedType');
  const ours =
    error.message &&
    !/^[A-Z_]+$/.test(error.message) &&
    !/\b(the|request|body|invalid)\b/i.test(error.message);
  if (ours) return error.message;
  return t(locale, error.status >= 500 ? 'error.server' : 'error.badRequest');
}
