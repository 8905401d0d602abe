import { ActionError, type ActionAPIContext } from 'astro:actions';
import type { Role } from '~db/schema';
import { t } from '~/i18n';
import { hasRole } from './access';

/**
 * Every staff action's server-side role check: a missing session is UNAUTHORIZED, a role
 * outside `roles` is FORBIDDEN. The middleware guards routes; this guards each action again.
 */
export function requireUser(ctx: ActionAPIContext, roles: readonly Role[]) {
  const user = ctx.locals.user;
  if (!user) throw new ActionError({ code: 'UNAUTHORIZED', message: 'Tu sesión terminó. Vuelve a entrar.' });
  if (!hasRole(user, roles))
    throw new ActionError({ code: 'FORBIDDEN', message: t('es', 'error.forbidden') });
  return user;
}
