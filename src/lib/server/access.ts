import type { Role } from '~db/schema';
import { areaRoles, mayOpen, routePermission, rolesWith } from '~/lib/policy';

/**
 * Route access, answered by the policy (src/lib/policy.ts). Kept for callers that speak in roles;
 * new code asks `can` / `mayOpen` directly.
 */

/** The roles that may open a staff path: its route's permission, or its area's for unknown paths. */
export function rolesFor(pathname: string): readonly Role[] | null {
  if (pathname !== '/app' && !pathname.startsWith('/app/')) return null;
  const permission = routePermission(pathname);
  return permission ? rolesWith(permission) : areaRoles(pathname);
}

export function canAccess(role: Role, pathname: string): boolean {
  if (pathname !== '/app' && !pathname.startsWith('/app/')) return true;
  return mayOpen({ id: 0, role }, pathname);
}
