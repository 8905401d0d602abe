import type { Role } from '~db/schema/accounts';

/**
 * The one answer to "may this user do this to this resource".
 *
 * - `PERMISSIONS`: every action a person can take, by name ('cases.read', 'events.manage'…), with
 *   the roles that may take it and, where the answer depends on the record, a rule that reads
 *   attributes the caller passes in (`can(user, 'agenda.edit', { mine, live })`).
 * - `ROUTES`: every staff page and endpoint (one entry per file under src/pages/app) with the
 *   permission it needs. The middleware asks `mayOpen` on every /app request.
 * - An area's roles (what the middleware lets into /app/eventos/…) are not written anywhere:
 *   they are the union of the roles of the routes in it, so a route and its area cannot disagree.
 *
 * Actions declare their permission in the action factory (`formAction({ permission })`), pages
 * ask `can` for their edit/view switches, and the navigation shows what `mayOpen` allows. Record
 * level scope (an operator's own or assigned cases) stays inside the queries.
 *
 * This module names every feature's resources but imports none of them; it stays pure so the
 * policy matrix test (tests/unit/policy-matrix.test.ts) can walk it without a database.
 */

export const ROLES = ['admin', 'supervisor', 'operator', 'comms'] as const satisfies readonly Role[];

/**
 * Permissions an admin grants to a person beyond their role (stored in users.grants):
 * 'privacy' lets a supervisor work the ARCO queue (/app/privacidad).
 */
export const GRANTS = ['privacy'] as const;
export type Grant = (typeof GRANTS)[number];

/** Who is asking: the session's user, or nobody. */
export type PolicyUser = { id: number; role: Role; grants?: readonly string[] } | null | undefined;

/** Attributes of the record an action touches, passed in by the caller. */
export interface Resource {
  /** content.approve: the asking comms user is on the content_approvers list. */
  listedApprover?: boolean;
  /** agenda.edit: the asking user is one of the activity's people; agenda.certificate: it is their own. */
  mine?: boolean;
  /** agenda.edit: the activity is tentative or confirmed (not cancelled or done). */
  live?: boolean;
  /** cases.assign: the case's owner. */
  ownerId?: number | null;
  /** agenda.timeOff.delete: whose absence it is. */
  operatorId?: number;
  /** reports.read: which area the report belongs to. */
  area?: 'outreach' | 'events' | 'content' | 'line';
}

interface Rule {
  /** Roles that may take the action at all (the ceiling; the matrix and the route areas use it). */
  roles: readonly Role[];
  /** Narrows the answer for one record, from attributes the caller passes in. */
  when?: (user: { id: number; role: Role }, resource: Resource | undefined) => boolean;
  /** What the permission covers, for people reading the table. */
  note: string;
  /** Roles other than admin also need this grant (users.grants), given by an admin. */
  grant?: Grant;
}

const ALL: readonly Role[] = ROLES;
const A: readonly Role[] = ['admin'];
const AS: readonly Role[] = ['admin', 'supervisor'];
const ASO: readonly Role[] = ['admin', 'supervisor', 'operator'];
const ASC: readonly Role[] = ['admin', 'supervisor', 'comms'];

const planner = (role: Role) => role === 'admin' || role === 'supervisor';

export const PERMISSIONS = {
  'app.home': { roles: ALL, note: 'Inicio del área de personal' },
  'profile.self': { roles: ALL, note: 'Su propio perfil, contraseña y calendario' },

  'admin.users': { roles: A, note: 'Cuentas del personal' },
  'admin.settings': { roles: A, note: 'Ajustes de la organización' },
  'admin.audit': { roles: A, note: 'Bitácora de auditoría' },
  'admin.catalogue': { roles: A, note: 'Catálogo de talleres' },
  'admin.categories': { roles: A, note: 'Categorías de casos' },
  'admin.retention': { roles: A, note: 'Conservación y anonimización de casos' },
  'admin.outbox': { roles: A, note: 'Correo saliente' },

  'requests.read': { roles: AS, note: 'Solicitudes de talleres' },
  'requests.manage': { roles: AS, note: 'Cambiar el estado de una solicitud' },

  'agenda.read': { roles: ALL, note: 'Ver la agenda' },
  'agenda.write': { roles: ASO, note: 'Crear actividades y ausencias propias' },
  'agenda.plan': { roles: AS, note: 'Programar solicitudes, asignar a otras personas' },
  'agenda.edit': {
    roles: ASO,
    when: (user, r) => (r?.live ?? true) && (planner(user.role) || (user.role === 'operator' && !!r?.mine)),
    note: 'Editar una actividad viva: planeación siempre; operación si es suya',
  },
  'agenda.timeOff.delete': {
    roles: ASO,
    when: (user, r) => planner(user.role) || r?.operatorId === user.id,
    note: 'Quitar una ausencia: planeación cualquiera; cada quien la suya',
  },
  'agenda.certificate': {
    roles: ASO,
    when: (user, r) => planner(user.role) || (user.role === 'operator' && r?.mine === true),
    note: 'Constancia de quien impartió una actividad: la propia; planeación la de cualquiera',
  },

  'events.read': { roles: ALL, note: 'Ver los eventos' },
  'events.manage': { roles: ASC, note: 'Crear, publicar, cancelar eventos y mover registros' },
  'events.checkin': { roles: ALL, note: 'Pasar lista en un evento' },

  'content.read': { roles: ALL, note: 'Ver el calendario de contenido' },
  'content.edit': { roles: ASC, note: 'Escribir y planear contenido' },
  'content.approve': {
    roles: ASC,
    when: (user, r) => planner(user.role) || (user.role === 'comms' && r?.listedApprover === true),
    note: 'Aprobar: coordinación y supervisión; Comunicación si está en la lista de aprobadores',
  },
  'content.approvers': { roles: A, note: 'Quién de Comunicación aprueba' },

  'cases.read': { roles: ASO, note: 'Casos (operación: los suyos o asignados, en la consulta)' },
  'cases.write': { roles: ASO, note: 'Registrar atenciones, notas, canalizaciones, oficios' },
  'cases.oversee': { roles: AS, note: 'Ver todos los casos y su historial de acceso' },
  'cases.assign': {
    roles: ASO,
    when: (user, r) => planner(user.role) || (r?.ownerId != null && r.ownerId === user.id),
    note: 'Asignar personas a un caso: supervisión o quien lo lleva',
  },
  'followups.read': { roles: ASO, note: 'Seguimientos' },
  'dailylog.read': { roles: ASO, note: 'Bitácora del turno' },
  'dailylog.write': { roles: ASO, note: 'Escribir la bitácora propia' },
  'dailylog.signoff': { roles: AS, note: 'Firmar la bitácora de un turno' },
  'directory.read': { roles: ASO, note: 'Directorio de servicios' },
  'directory.edit': { roles: ASO, note: 'Editar el directorio' },

  'floor.board': { roles: ASO, note: 'Tablero de la línea (operación: quién está disponible)' },
  'floor.full': { roles: AS, note: 'Tablero completo: tiempos, sin confirmar, actividades, historial' },
  'floor.state': { roles: ASO, note: 'Cambiar el estado propio, pedir apoyo y responder «Voy»' },

  'privacy.manage': {
    roles: AS,
    grant: 'privacy',
    note: 'Derechos ARCO: coordinación, y supervisión con el permiso «privacidad»',
  },

  'reports.read': {
    roles: ASC,
    when: (user, r) => r?.area !== 'line' || planner(user.role),
    note: 'Informes; los de la Línea solo coordinación y supervisión',
  },
} as const satisfies Record<string, Rule>;

export type Permission = keyof typeof PERMISSIONS;

/** Marks an action anyone may call (a public form, or one proven by a token in the form). */
export const PUBLIC = 'public' as const;
export type ActionPermission = Permission | typeof PUBLIC;

/** May this user take this action, on this record? No user: never (public actions skip this). */
export function can(user: PolicyUser, permission: Permission, resource?: Resource): boolean {
  if (!user) return false;
  const rule: Rule = PERMISSIONS[permission];
  if (!rule.roles.includes(user.role)) return false;
  if (!hasGrantFor(user, permission)) return false;
  return rule.when ? rule.when(user, resource) : true;
}

/**
 * Whether the user holds the grant a permission needs beyond the role (admins always do);
 * true for permissions that need none.
 */
export function hasGrantFor(user: NonNullable<PolicyUser>, permission: Permission): boolean {
  const rule: Rule = PERMISSIONS[permission];
  return !rule.grant || user.role === 'admin' || (user.grants ?? []).includes(rule.grant);
}

/** The roles that may take an action on some record (the ceiling, before record attributes). */
export function rolesWith(permission: Permission): readonly Role[] {
  return PERMISSIONS[permission].roles;
}

/**
 * Every staff route (one per file under src/pages/app, as Astro names it) and the permission it
 * needs. The policy matrix test fails when a file has no entry here, or an entry no file.
 */
export const ROUTES = {
  '/app': 'app.home',
  '/app/perfil': 'profile.self',
  '/app/perfil/calendario': 'profile.self',

  '/app/admin/ajustes': 'admin.settings',
  '/app/admin/auditoria': 'admin.audit',
  '/app/admin/catalogo': 'admin.catalogue',
  '/app/admin/catalogo/[id]': 'admin.catalogue',
  '/app/admin/categorias': 'admin.categories',
  '/app/admin/conservacion': 'admin.retention',
  '/app/admin/usuarios': 'admin.users',
  '/app/admin/usuarios/[id]': 'admin.users',
  '/app/correo': 'admin.outbox',
  '/app/correo/[id]': 'admin.outbox',

  '/app/solicitudes': 'requests.read',
  '/app/solicitudes/[id]': 'requests.read',

  '/app/agenda': 'agenda.read',
  '/app/agenda/[id]': 'agenda.read',
  '/app/agenda/[id]/constancia.pdf': 'agenda.certificate',
  '/app/agenda/lista': 'agenda.read',
  '/app/agenda/ausencias': 'agenda.read',
  '/app/agenda/exportar': 'agenda.read',
  '/app/agenda/exportar.csv': 'agenda.read',
  '/app/agenda/feed.json': 'agenda.read',
  '/app/agenda/nueva': 'agenda.write',
  '/app/agenda/programar/[requestId]': 'agenda.plan',

  '/app/eventos': 'events.read',
  '/app/eventos/nuevo': 'events.manage',
  '/app/eventos/[id]': 'events.manage',
  '/app/eventos/[id]/registros.csv': 'events.manage',
  '/app/eventos/[id]/constancias.pdf': 'events.manage',
  '/app/eventos/[id]/asistencia': 'events.checkin',
  '/app/eventos/[id]/asistencia/datos.json': 'events.checkin',
  '/app/eventos/[id]/asistencia/marcar': 'events.checkin',

  '/app/contenido': 'content.read',
  '/app/contenido/tablero': 'content.read',
  '/app/contenido/exportar': 'content.read',
  '/app/contenido/publicaciones.json': 'content.read',
  '/app/contenido/publicaciones/[id]': 'content.read',
  '/app/contenido/publicaciones/nueva': 'content.edit',
  '/app/contenido/campanas': 'content.read',
  '/app/contenido/campanas/[id]': 'content.read',
  '/app/contenido/recursos/[id]': 'content.read',
  '/app/contenido/aprobadores': 'content.approvers',

  '/app/casos': 'cases.read',
  '/app/casos/nuevo': 'cases.write',
  '/app/casos/[folio]': 'cases.read',
  '/app/casos/exportar': 'cases.read',
  '/app/casos/oficios/[numero]': 'cases.read',
  '/app/seguimientos': 'followups.read',
  '/app/bitacora': 'dailylog.read',
  '/app/directorio': 'directory.read',
  '/app/directorio/[id]': 'directory.read',
  '/app/directorio/exportar': 'directory.read',

  '/app/linea': 'floor.board',
  '/app/linea/stream': 'floor.board',

  '/app/privacidad': 'privacy.manage',
  '/app/privacidad/[folio]': 'privacy.manage',
  '/app/privacidad/[folio]/carta': 'privacy.manage',

  '/app/reportes': 'reports.read',
  '/app/reportes/mensual': 'reports.read',
  '/app/reportes/[informe]': 'reports.read',
  '/app/reportes/[informe].csv': 'reports.read',
} as const satisfies Record<string, Permission>;

export type RoutePattern = keyof typeof ROUTES;

interface CompiledRoute {
  pattern: RoutePattern;
  regex: RegExp;
  /** Static routes win over dynamic ones ("/app/agenda/nueva" over "/app/agenda/[id]"). */
  dynamicSegments: number;
  /** Then the one with more fixed text ("[informe].csv" over "[informe]"). */
  fixedLength: number;
}

const COMPILED: readonly CompiledRoute[] = Object.keys(ROUTES)
  .map((pattern) => {
    const parts = pattern.split('/').map((part) => {
      // "[id]" and "[informe].csv": a dynamic segment, maybe with a fixed suffix.
      const m = part.match(/^\[[^\]]+\](.*)$/);
      if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return `[^/]+${m[1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
    });
    return {
      pattern: pattern as RoutePattern,
      regex: new RegExp(`^${parts.join('/')}$`),
      dynamicSegments: (pattern.match(/\[/g) ?? []).length,
      fixedLength: pattern.replace(/\[[^\]]+\]/g, '').length,
    };
  })
  .sort((a, b) => a.dynamicSegments - b.dynamicSegments || b.fixedLength - a.fixedLength);

/** The route pattern a staff path belongs to, or null when no page answers it (a 404). */
export function matchRoute(pathname: string): RoutePattern | null {
  const path = pathname.replace(/\/+$/, '') || '/';
  return COMPILED.find((r) => r.regex.test(path))?.pattern ?? null;
}

/** The area of a path: "/app/eventos/3" → "/app/eventos"; paths with no route of their own → "/app". */
function areaOf(path: string): string {
  const segment = path.split('/')[2];
  if (!segment) return '/app';
  const area = `/app/${segment}`;
  return Object.keys(ROUTES).some((p) => p === area || p.startsWith(`${area}/`)) ? area : '/app';
}

/** An area's roles: the union of the roles of every route in it. */
export function areaRoles(path: string): readonly Role[] {
  const area = areaOf(path.replace(/\/+$/, '') || '/');
  const roles = new Set<Role>();
  for (const [pattern, permission] of Object.entries(ROUTES) as [RoutePattern, Permission][]) {
    if (pattern === area || pattern.startsWith(`${area}/`) || area === '/app')
      for (const role of rolesWith(permission)) roles.add(role);
  }
  return ROLES.filter((r) => roles.has(r));
}

/** The permission a staff path needs; unknown paths need their area's (and then 404). */
export function routePermission(pathname: string): Permission | null {
  const pattern = matchRoute(pathname);
  return pattern ? ROUTES[pattern] : null;
}

/**
 * May this user open this staff path? A known route asks its permission (at role level; the
 * page narrows to the record itself). An unknown path under an area is let through only to the
 * area's roles, so a mistyped admin link says "no access" to others instead of "not found".
 */
export function mayOpen(user: PolicyUser, pathname: string): boolean {
  if (!user) return false;
  const permission = routePermission(pathname);
  if (permission) return rolesWith(permission).includes(user.role) && hasGrantFor(user, permission);
  return areaRoles(pathname).includes(user.role);
}
