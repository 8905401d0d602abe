import { and, asc, desc, eq, exists, inArray, notInArray, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import {
  type RequestStatus,
  municipalities,
  workshopRequestTopics,
  workshopRequestWindows,
  workshopRequests,
  workshops,
} from '~db/schema';

/** What needs a supervisor's action: new requests and those under review. */
export const NEEDS_ACTION: readonly RequestStatus[] = ['received', 'under_review'];

export type TriageView = 'open' | 'closed' | 'all';

export interface TriageFilters {
  /** 'open' (default): needs action; 'closed': everything else; 'all'. */
  view?: TriageView;
  /** One status; overrides the view. */
  status?: RequestStatus | undefined;
  municipalityId?: string | undefined;
  workshopId?: number | undefined;
}

/**
 * The triage inbox: open requests sorted by how long they have waited (longest first), with
 * their proposed windows and municipality; closed ones newest first behind a filter.
 */
export async function listTriage(db: Executor, now: Date, f: TriageFilters = {}, limit = 200) {
  const view = f.view ?? 'open';
  const statusCond = f.status
    ? eq(workshopRequests.status, f.status)
    : view === 'open'
      ? inArray(workshopRequests.status, [...NEEDS_ACTION])
      : view === 'closed'
        ? notInArray(workshopRequests.status, [...NEEDS_ACTION])
        : undefined;
  const open = !f.status && view === 'open';
  const rows = await db
    .select({
      id: workshopRequests.id,
      folio: workshopRequests.folio,
      status: workshopRequests.status,
      institutionName: workshopRequests.institutionName,
      municipality: municipalities.name,
      municipalityId: workshopRequests.municipalityId,
      modality: workshopRequests.modality,
      createdAt: workshopRequests.createdAt,
      topics: sql<string>`(select string_agg(${workshops.title}, ' · ' order by ${workshops.sortOrder}) from ${workshopRequestTopics} join ${workshops} on ${workshops.id} = ${workshopRequestTopics.workshopId} where ${workshopRequestTopics.requestId} = ${workshopRequests.id})`,
    })
    .from(workshopRequests)
    .innerJoin(municipalities, eq(municipalities.id, workshopRequests.municipalityId))
    .where(
      and(
        statusCond,
        f.municipalityId ? eq(workshopRequests.municipalityId, f.municipalityId) : undefined,
        f.workshopId
          ? exists(
              db
                .select({ one: sql`1` })
                .from(workshopRequestTopics)
                .where(
                  and(
                    eq(workshopRequestTopics.requestId, workshopRequests.id),
                    eq(workshopRequestTopics.workshopId, f.workshopId),
                  ),
                ),
            )
          : undefined,
      ),
    )
    .orderBy(
      open ? asc(workshopRequests.createdAt) : desc(workshopRequests.createdAt),
      asc(workshopRequests.id),
    )
    .limit(limit);
  const ids = rows.map((r) => r.id);
  const windows = ids.length
    ? await db
        .select({
          requestId: workshopRequestWindows.requestId,
          startsAt: workshopRequestWindows.startsAt,
          endsAt: workshopRequestWindows.endsAt,
        })
        .from(workshopRequestWindows)
        .where(inArray(workshopRequestWindows.requestId, ids))
        .orderBy(asc(workshopRequestWindows.startsAt))
    : [];
  const byRequest = new Map<number, { startsAt: Date; endsAt: Date }[]>();
  for (const w of windows) {
    const list = byRequest.get(w.requestId) ?? [];
    list.push({ startsAt: w.startsAt, endsAt: w.endsAt });
    byRequest.set(w.requestId, list);
  }
  return rows.map((r) => ({
    ...r,
    windows: byRequest.get(r.id) ?? [],
    daysWaiting: Math.max(0, Math.floor((now.getTime() - r.createdAt.getTime()) / 86_400_000)),
  }));
}
