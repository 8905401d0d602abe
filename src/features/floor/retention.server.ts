import { and, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '~db/client';
import type { StaffContext } from '~/lib/server/context';
import { floorStates, helpRequests, settings as settingsTable } from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import type { Settings } from '~/lib/server/settings';

/** Months the state history and help requests are kept (`floorRetentionMonths`, default 12). */
export const DEFAULT_FLOOR_RETENTION_MONTHS = 12;

export function floorRetentionMonths(settings: Pick<Settings, 'floorRetentionMonths'>): number {
  const n = Number.parseInt(settings.floorRetentionMonths, 10);
  return Number.isInteger(n) && n >= 1 && n <= 120 ? n : DEFAULT_FLOOR_RETENTION_MONTHS;
}

/**
 * The retention job: state history and help requests that ended before the period are deleted
 * (staff personal data, kept no longer than needed). A row still open (the current state, a
 * help request nobody closed) is never deleted, whatever its age. The database refuses every
 * other delete of these rows (migration floor2_custom); this transaction alone says it is the
 * retention job. Idempotent, so several instances may run it.
 */
export async function purgeFloorHistory(
  db: Db,
  settings: Pick<Settings, 'floorRetentionMonths'>,
  now = new Date(),
): Promise<{ states: number; help: number }> {
  // Calendar months back from now, by the database (no offset arithmetic here).
  const cutoff = sql`(${now.toISOString()}::timestamptz - make_interval(months => ${floorRetentionMonths(settings)}))`;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('vinculo.floor_purge', 'on', true)`);
    const states = await tx
      .delete(floorStates)
      .where(and(isNotNull(floorStates.endedAt), lt(floorStates.endedAt, cutoff)))
      .returning({ id: floorStates.id });
    const help = await tx
      .delete(helpRequests)
      .where(and(isNotNull(helpRequests.closedAt), lt(helpRequests.closedAt, cutoff)))
      .returning({ id: helpRequests.id });
    return { states: states.length, help: help.length };
  });
}

/** An admin changes the period (audited). The caller runs it in the action's transaction. */
export async function setFloorRetentionMonths(
  ctx: StaffContext<{ id: number }>,
  months: number,
): Promise<void> {
  const value = String(months);
  const now = ctx.now();
  await ctx.db
    .insert(settingsTable)
    .values({ key: 'floorRetentionMonths', value, updatedAt: now })
    .onConflictDoUpdate({ target: settingsTable.key, set: { value, updatedAt: now } });
  await writeAudit(ctx.db, {
    actorUserId: ctx.user.id,
    action: 'settings.floor_retention',
    entity: 'settings',
    entityId: 'floorRetentionMonths',
    ip: ctx.ip,
    details: { months },
  });
}
