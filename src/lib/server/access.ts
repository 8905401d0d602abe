import type { Role } from '~db/schema';

/**
 * Which roles may open which staff area. The middleware applies it to every /app request and
 * each action checks again with `hasRole`. Longest prefix wins.
 */
export const ROUTE_ROLES: ReadonlyArray<readonly [prefix: string, roles: readonly Role[]]> = [
  ['/app/admin', ['admin']],
  ['/app/correo', ['admin']],
  ['/app/solicitudes', ['admin', 'supervisor']],
  ['/app/reportes', ['admin', 'supervisor', 'comms']],
  ['/app/eventos', ['admin', 'supervisor', 'comms', 'operator']],
  ['/app/contenido', ['admin', 'supervisor', 'comms', 'operator']],
  ['/app/casos', ['admin', 'supervisor', 'operator']],
  ['/app/seguimientos', ['admin', 'supervisor', 'operator']],
  ['/app/directorio', ['admin', 'supervisor', 'operator']],
  ['/app/bitacora', ['admin', 'supervisor', 'operator']],
  ['/app/agenda', ['admin', 'supervisor', 'operator', 'comms']],
  ['/app', ['admin', 'supervisor', 'operator', 'comms']],
];

export function rolesFor(pathname: string): readonly Role[] | null {
  const path = pathname.replace(/\/+$/, '') || '/';
  let best: (typeof ROUTE_ROLES)[number] | undefined;
  for (const rule of ROUTE_ROLES) {
    if ((path === rule[0] || path.startsWith(`${rule[0]}/`)) && (!best || rule[0].length > best[0].length))
      best = rule;
  }
  return best ? best[1] : null;
}

export function canAccess(role: Role, pathname: string): boolean {
  const roles = rolesFor(pathname);
  return roles === null || roles.includes(role);
}

export function hasRole(user: { role: Role } | null | undefined, roles: readonly Role[]): boolean {
  return !!user && roles.includes(user.role);
}
