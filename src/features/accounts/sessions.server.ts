import { and, desc, eq, gt, ne } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { sessions } from '~db/schema';
import { writeAudit } from '~/lib/server/audit';

export interface SessionListItem {
  createdAt: Date;
  lastSeenAt: Date;
  device: string;
  current: boolean;
}

/** The person's live sessions, this one first, then by last activity (issue 12 #12). */
export async function listSessions(
  db: Executor,
  userId: number,
  currentSessionId: string,
  now = new Date(),
): Promise<SessionListItem[]> {
  const rows = await db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      device: sessions.userAgent,
      absoluteExpiresAt: sessions.absoluteExpiresAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt));
  return rows
    .filter((r) => r.absoluteExpiresAt > now)
    .map((r) => ({
      createdAt: r.createdAt,
      lastSeenAt: r.lastSeenAt,
      device: r.device || 'Dispositivo desconocido',
      current: r.id === currentSessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** "Cerrar las demás": ends every session of the person but this one, and audits it. */
export async function endOtherSessions(
  db: Executor,
  userId: number,
  currentSessionId: string,
  meta: { ip: string | null },
): Promise<number> {
  const ended = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, currentSessionId)))
    .returning({ id: sessions.id });
  await writeAudit(db, {
    actorUserId: userId,
    action: 'sessions.end-others',
    entity: 'user',
    entityId: userId,
    ip: meta.ip,
    details: { ended: ended.length },
  });
  return ended.length;
}
