import { sql } from 'drizzle-orm';
import { settings } from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import type { RequestContext } from '~/lib/server/context';
import { getSettings } from '~/lib/server/settings';
import type { SettingsInput } from './schemas';

/** Saves the organisation's public settings in one transaction and records which keys changed. */
export async function saveSettings(ctx: RequestContext, input: SettingsInput): Promise<string[]> {
  const actor = ctx.user;
  if (!actor) throw new Error('saveSettings needs a signed-in user');
  return ctx.db.transaction(async (tx) => {
    const before = await getSettings(tx);
    const changed = (Object.keys(input) as (keyof SettingsInput)[]).filter(
      (key) => before[key] !== input[key],
    );
    if (changed.length === 0) return [];
    await tx
      .insert(settings)
      .values(changed.map((key) => ({ key, value: input[key] })))
      .onConflictDoUpdate({
        target: settings.key,
        set: { value: sql`excluded.value`, updatedAt: new Date() },
      });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'settings.update',
      entity: 'settings',
      ip: ctx.ip,
      details: { keys: changed },
    });
    return changed;
  });
}
