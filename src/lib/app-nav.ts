import type { Role } from '~db/schema/accounts';
import type { MessageKey } from '~/i18n';
import { mayOpen } from './policy';

/** The groups of the phone menu, in order. Inicio and Perfil sit outside every group. */
export const NAV_GROUPS = [
  'Atención',
  'Agenda',
  'Eventos',
  'Contenido',
  'Reportes',
  'Administración',
] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

export interface NavItem {
  href: string;
  label: MessageKey;
  group?: NavGroup;
}

/** Staff navigation. Each feature adds its entry; what a role sees is what the policy lets it open. */
export const APP_NAV: ReadonlyArray<NavItem> = [
  { href: '/app', label: 'app.home' },
  { href: '/app/contenido', label: 'app.content', group: 'Contenido' },
  { href: '/app/solicitudes', label: 'app.requests', group: 'Agenda' },
  { href: '/app/agenda', label: 'app.agenda', group: 'Agenda' },
  { href: '/app/eventos', label: 'app.events', group: 'Eventos' },
  { href: '/app/casos', label: 'app.cases', group: 'Atención' },
  { href: '/app/seguimientos', label: 'app.followups', group: 'Atención' },
  { href: '/app/directorio', label: 'app.directory', group: 'Atención' },
  { href: '/app/bitacora', label: 'app.dailyLog', group: 'Atención' },
  { href: '/app/reportes', label: 'app.reports', group: 'Reportes' },
  { href: '/app/admin/usuarios', label: 'app.users', group: 'Administración' },
  { href: '/app/admin/catalogo', label: 'app.catalogue', group: 'Administración' },
  { href: '/app/admin/categorias', label: 'app.categories', group: 'Administración' },
  { href: '/app/admin/conservacion', label: 'app.retention', group: 'Administración' },
  { href: '/app/privacidad', label: 'app.privacy', group: 'Administración' },
  { href: '/app/correo', label: 'app.outbox', group: 'Administración' },
  { href: '/app/admin/auditoria', label: 'app.audit', group: 'Administración' },
  { href: '/app/admin/ajustes', label: 'app.settings', group: 'Administración' },
  { href: '/app/perfil', label: 'app.profile' },
];

/** `grants`: the person's grants beyond the role (a supervisor with 'privacy' sees Derechos ARCO). */
export function navFor(role: Role, grants: readonly string[] = []) {
  return APP_NAV.filter((item) => mayOpen({ id: 0, role, grants }, item.href));
}

/**
 * The phone menu: what `navFor` shows, in NAV_GROUPS order, empty groups left out; the
 * ungrouped entries (Inicio, Perfil) come first and last.
 */
export function navGroupsFor(role: Role, grants: readonly string[] = []) {
  const items = navFor(role, grants);
  const groups = NAV_GROUPS.map((group) => ({ group, items: items.filter((i) => i.group === group) })).filter(
    (g) => g.items.length > 0,
  );
  return {
    first: items.filter((i) => !i.group && i.href === '/app'),
    groups,
    last: items.filter((i) => !i.group && i.href !== '/app'),
  };
}
