import type { Role } from '~db/schema/accounts';
import type { MessageKey } from '~/i18n';
import { mayOpen } from './policy';

/** Staff navigation. Each feature adds its entry; what a role sees is what the policy lets it open. */
export const APP_NAV: ReadonlyArray<{ href: string; label: MessageKey }> = [
  { href: '/app', label: 'app.home' },
  { href: '/app/contenido', label: 'app.content' },
  { href: '/app/solicitudes', label: 'app.requests' },
  { href: '/app/agenda', label: 'app.agenda' },
  { href: '/app/eventos', label: 'app.events' },
  { href: '/app/casos', label: 'app.cases' },
  { href: '/app/seguimientos', label: 'app.followups' },
  { href: '/app/directorio', label: 'app.directory' },
  { href: '/app/bitacora', label: 'app.dailyLog' },
  { href: '/app/reportes', label: 'app.reports' },
  { href: '/app/admin/usuarios', label: 'app.users' },
  { href: '/app/admin/catalogo', label: 'app.catalogue' },
  { href: '/app/admin/categorias', label: 'app.categories' },
  { href: '/app/admin/conservacion', label: 'app.retention' },
  { href: '/app/correo', label: 'app.outbox' },
  { href: '/app/admin/auditoria', label: 'app.audit' },
  { href: '/app/admin/ajustes', label: 'app.settings' },
  { href: '/app/perfil', label: 'app.profile' },
];

export function navFor(role: Role) {
  return APP_NAV.filter((item) => mayOpen({ id: 0, role }, item.href));
}
