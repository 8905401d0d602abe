import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { auditLog, users } from '~db/schema';

export interface AuditFilter {
  action?: string | undefined;
  userId?: number | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** The newest audit entries matching the filter, with the actor's name. */
export async function listAudit(db: Executor, filter: AuditFilter = {}, limit = 200) {
  const where: SQL[] = [];
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.userId) where.push(eq(auditLog.actorUserId, filter.userId));
  if (filter.from) where.push(gte(auditLog.at, filter.from));
  if (filter.to) where.push(lt(auditLog.at, filter.to));
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
};
