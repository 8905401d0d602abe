import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db, Executor } from '~db/client';
import { activities, calendarFeedTokens, municipalities, operatorBookings, users } from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import { generateToken, hashToken } from '~/lib/server/tokens';
import { mailboxAddress } from '~/lib/ics';
import { config } from '~/lib/server/config';
import { getSettings } from '~/lib/server/settings';
import { buildCalendar } from './ics';

const DAY = 24 * 60 * 60 * 1000;

/** Creates (or replaces, revoking the old one) the user's private feed token; returns it once. */
export async function createFeedToken(db: Db, userId: number, ip: string | null): Promise<string> {
  const token = generateToken(24);
  await db.transaction(async (tx) => {
    await tx
      .insert(calendarFeedTokens)
      .values({ userId, tokenHash: hashToken(token) })
      .onConflictDoUpdate({
        target: calendarFeedTokens.userId,
        set: { tokenHash: hashToken(token), createdAt: new Date(), lastUsedAt: null },
      });
    await writeAudit(tx, {
      actorUserId: userId,
      action: 'calendar_feed.create',
      entity: 'user',
      entityId: userId,
      ip,
    });
  });
  return token;
}

export async function revokeFeedToken(db: Db, userId: number, ip: string | null): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .delete(calendarFeedTokens)
      .where(eq(calendarFeedTokens.userId, userId))
      .returning({ userId: calendarFeedTokens.userId });
    if (rows.length)
      await writeAudit(tx, {
        actorUserId: userId,
        action: 'calendar_feed.revoke',
        entity: 'user',
        entityId: userId,
        ip,
      });
    return rows.length > 0;
  });
}

export async function feedTokenInfo(db: Executor, userId: number) {
  const [row] = await db
    .select({ createdAt: calendarFeedTokens.createdAt, lastUsedAt: calendarFeedTokens.lastUsedAt })
    .from(calendarFeedTokens)
    .where(eq(calendarFeedTokens.userId, userId));
  return row ?? null;
}

/**
 * The iCalendar text for a feed token, or null when the token is unknown, revoked or its user
 * disabled. Holds the user's activities from 60 days back to a year ahead; cancelled ones stay
 * (as CANCELLED) so subscribed calendars drop them.
 */
export async function feedForToken(
  db: Db,
  token: string,
  publicUrl: string,
  now = new Date(),
): Promise<string | null> {
  if (!/^[a-z2-7]{20,80}$/.test(token)) return null;
  const [owner] = await db
    .select({ userId: users.id, name: users.name, lastUsedAt: calendarFeedTokens.lastUsedAt })
    .from(calendarFeedTokens)
    .innerJoin(users, eq(users.id, calendarFeedTokens.userId))
    .where(and(eq(calendarFeedTokens.tokenHash, hashToken(token)), eq(users.active, true)));
  if (!owner) return null;
  const host = new URL(publicUrl).host;
  const rows = await db
    .select({ a: activities, municipality: municipalities.name })
    .from(operatorBookings)
    .innerJoin(activities, eq(activities.id, operatorBookings.activityId))
    .leftJoin(municipalities, eq(municipalities.id, activities.municipalityId))
    .where(
      and(
        eq(operatorBookings.operatorId, owner.userId),
        gte(activities.endsAt, new Date(now.getTime() - 60 * DAY)),
        lt(activities.startsAt, new Date(now.getTime() + 400 * DAY)),
      ),
    )
    .orderBy(asc(activities.startsAt))
    .limit(2000);
  // Calendar apps poll often; remember use at most hourly rather than writing on every fetch.
  if (!owner.lastUsedAt || now.getTime() - owner.lastUsedAt.getTime() > 60 * 60 * 1000) {
    await db
      .update(calendarFeedTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(eq(calendarFeedTokens.userId, owner.userId));
  }
  return buildCalendar(
    rows.map(({ a, municipality }) => ({
      ...a,
      place: a.modality === 'presencial' ? [a.place, municipality].filter(Boolean).join(', ') : '',
      description: `${a.notes ? `${a.notes}\n\n` : ''}Detalles: ${publicUrl}/app/agenda/${a.id}`,
    })),
    {
      host,
      calName: `Agenda de ${owner.name}`,
      organizer: { name: (await getSettings(db)).orgName, email: mailboxAddress(config().mailFrom) },
    },
  );
}
