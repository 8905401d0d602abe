import type { Executor } from '~db/client';
import { auditLog } from '~db/schema';

export interface AuditEntry {
  actorUserId?: number | null;
  actorLabel?: string | null;
  action: string;
  entity?: string;
  entityId?: string | number;
  ip?: string | null;
  /** Never sensitive case data: identifiers and what changed, not what was said. */
  details?: Record<string, unknown>;
}

/** Appends one row to the audit trail, inside the caller's transaction when given one. */
export async function writeAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorUserId: entry.actorUserId ?? null,
    actorLabel: entry.actorLabel ?? null,
    action: entry.action,
    entity: entry.entity ?? null,
    entityId: entry.entityId === undefined ? null : String(entry.entityId),
    ip: entry.ip ?? null,
    details: entry.details ?? null,
  });
}
