import { and, desc, eq, gte, like, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { auditLog, users } from '~db/schema';

export interface AuditFilter {
  action?: string | undefined;
  /** Action families ("content", "case"…): entries whose action is the family or starts with it and a dot. */
  families?: readonly string[] | undefined;
  userId?: number | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** The newest audit entries matching the filter, with the actor's name. */
export async function listAudit(db: Executor, filter: AuditFilter = {}, limit = 200) {
  const where: SQL[] = [];
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.families?.length)
    where.push(
      or(...filter.families.flatMap((f) => [eq(auditLog.action, f), like(auditLog.action, `${f}.%`)]))!,
    );
  if (filter.userId) where.push(eq(auditLog.actorUserId, filter.userId));
  if (filter.from) where.push(gte(auditLog.at, filter.from));
  if (filter.to) where.push(lt(auditLog.at, filter.to));
  // entity_id is text (some records have no numeric id): compare as a number only when it is one, so the lookups use the primary keys.
  const entityNumber = sql`(case when ${auditLog.entityId} ~ '^[0-9]{1,9}$' then ${auditLog.entityId}::int end)`;
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      ip: auditLog.ip,
      actorLabel: auditLog.actorLabel,
      actorName: users.name,
      details: auditLog.details,
      // What the audit screen names and links the record by (read only; each table stays its feature's).
      folio: sql<string | null>`case ${auditLog.entity}
        when 'case' then (select c.folio from cases c where c.id = ${entityNumber})
        when 'workshop_request' then (select w.folio from workshop_requests w where w.id = ${entityNumber})
        end`,
      userName: sql<
        string | null
      >`case when ${auditLog.entity} = 'user' then (select u.name from users u where u.id = ${entityNumber}) end`,
      serviceOrgId: sql<
        number | null
      >`case when ${auditLog.entity} = 'dir_service' then (select s.organization_id from dir_services s where s.id = ${entityNumber}) end`,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(limit);
}

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'login.success': 'Inicio de sesión',
  'login.failure': 'Intento fallido de inicio de sesión',
  'login.throttled': 'Inicio de sesión bloqueado por intentos',
  logout: 'Cierre de sesión',
  'user.create': 'Alta de cuenta',
  'user.role': 'Cambio de rol',
  'user.enable': 'Cuenta activada',
  'user.disable': 'Cuenta desactivada',
  'user.rename': 'Cambio de nombre',
  'user.invite': 'Nuevo enlace de contraseña',
  'password.set': 'Contraseña elegida',
  'password.reset': 'Contraseña restablecida',
  'password.change': 'Cambio de contraseña',
  'password.reset-requested': 'Solicitud de cambio de contraseña',
  'settings.update': 'Cambio de ajustes',
  'floor.history.read': 'Consulta del historial de estados de otra persona',
  'mail.reveal': 'Enlace privado mostrado en el correo saliente',
  'sessions.end-others': 'Cierre de las demás sesiones',
};
