import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { municipalities, workshopRequests, workshopRequestWindows } from '~db/schema';
import { REQUEST_STATUS_LABELS } from './status';

/**
 * Requests waiting for triage (received or under review), longest-waiting first, with the first
 * proposed window still ahead (or the first one at all). One query on workshop_requests_status_idx.
 */
export async function requestsAwaitingTriage(db: Executor, now: Date, limit = 20) {
  const nowIso = now.toISOString();
  const rows = await db
    .select({
      id: workshopRequests.id,
      folio: workshopRequests.folio,
      status: workshopRequests.status,
      institutionName: workshopRequests.institutionName,
      municipality: municipalities.name,
      createdAt: workshopRequests.createdAt,
      firstWindow: sql<
        Date | string | null
      >`(select coalesce(min(w.starts_at) filter (where w.starts_at >= ${nowIso}::timestamptz), min(w.starts_at)) from ${workshopRequestWindows} w where w.request_id = ${workshopRequests.id})`,
    })
    .from(workshopRequests)
    .innerJoin(municipalities, eq(municipalities.id, workshopRequests.municipalityId))
    .where(inArray(workshopRequests.status, ['received', 'under_review']))
    .orderBy(asc(workshopRequests.createdAt))
    .limit(limit);
  return rows.map((r) => ({
    ...r,
    statusLabel: REQUEST_STATUS_LABELS[r.status].es,
    firstWindow: r.firstWindow == null ? null : new Date(r.firstWindow),
    daysWaiting: Math.max(0, Math.floor((now.getTime() - r.createdAt.getTime()) / 86_400_000)),
  }));
}
