import { ActionError, type ActionAPIContext } from 'astro:actions';
import { type ActionPermission, PUBLIC } from '~/lib/policy';
import { ActionRefusal, checkCaller } from './action-pipeline';

/**
 * The policy check of an action not yet written with `formAction` (./action.ts): a missing session
 * is UNAUTHORIZED, a role without the permission is FORBIDDEN. PUBLIC lets anyone through and
 * says so where the action is declared. Returns the session's user.
 */
export function requirePermission(
  ctx: ActionAPIContext,
  permission: typeof PUBLIC,
): ActionAPIContext['locals']['user'];
export function requirePermission(
  ctx: ActionAPIContext,
  permission: Exclude<ActionPermission, typeof PUBLIC>,
): NonNullable<ActionAPIContext['locals']['user']>;
export function requirePermission(ctx: ActionAPIContext, permission: ActionPermission) {
  try {
    checkCaller(permission, ctx.locals.user);
  } catch (error) {
    if (error instanceof ActionRefusal) throw new ActionError({ code: error.code, message: error.message });
    throw error;
  }
  return ctx.locals.user;
}

export { PUBLIC };
