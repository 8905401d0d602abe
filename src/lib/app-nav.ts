import type { Role } from '../../db/schema/accounts';
import type { MessageKey } from '../i18n';
import { canAccess } from './server/access';

/** Staff navigation. Each feature adds its entry; what a role sees follows ROUTE_ROLES. */
export const APP_NAV: ReadonlyArray<{ href: string; label: MessageKey }> = [
  { href: '/app', label: 'app.home' },
  { href: '/app/casos', label: 'app.cases' },
  { href: '/app/seguimientos', label: 'app.followups' },
  { href: '/app/directorio', label: 'app.directory' },
  { href: '/app/bitacora', label: 'app.dailyLog' },
  { href: '/app/admin/usuarios', label: 'app.users' },
  { href: '/app/admin/categorias', label: 'app.categories' },
  { href: '/app/admin/conservacion', label: 'app.retention' },
  { href: '/app/correo', label: 'app.outbox' },
  { href: '/app/perfil', label: 'app.profile' },
];

export function navFor(role: Role) {
  return APP_NAV.filter((item) => canAccess(role, item.href));
}
