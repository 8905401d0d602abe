import { and, asc, eq, gte, lt, ne } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { contentPosts, users } from '~db/schema';
import { STATUS_LABELS } from './status';

/**
 * Posts planned in [from, to) that are not cancelled, and every post waiting for approval
 * (in review), for the today page. Two queries on content_posts_planned_idx / _status_idx.
 */
export async function postsForToday(db: Executor, from: Date, to: Date) {
  const columns = {
    id: contentPosts.id,
    title: contentPosts.title,
    status: contentPosts.status,
    plannedAt: contentPosts.plannedAt,
    channels: contentPosts.channels,
    assigneeName: users.name,
  };
  const [due, awaitingApproval] = await Promise.all([
    db
      .select(columns)
      .from(contentPosts)
      .leftJoin(users, eq(users.id, contentPosts.assigneeId))
      .where(
        and(
          gte(contentPosts.plannedAt, from),
          lt(contentPosts.plannedAt, to),
          ne(contentPosts.status, 'cancelled'),
        ),
      )
      .orderBy(asc(contentPosts.plannedAt), asc(contentPosts.id))
      .limit(100),
    db
      .select(columns)
      .from(contentPosts)
      .leftJoin(users, eq(users.id, contentPosts.assigneeId))
      .where(eq(contentPosts.status, 'in_review'))
      .orderBy(asc(contentPosts.plannedAt), asc(contentPosts.id))
      .limit(50),
  ]);
  const label = <T extends { status: keyof typeof STATUS_LABELS }>(r: T) => ({
    ...r,
    statusLabel: STATUS_LABELS[r.status],
  });
  return { due: due.map(label), awaitingApproval: awaitingApproval.map(label) };
}
