import { eq } from 'drizzle-orm';
import type { Executor } from '~db/client';
import type { StaffContext } from '~/lib/server/context';
import { floorPrefs } from '~db/schema';

/** The person's floor preferences: the alert sound is off until they turn it on. */
export async function floorPrefsOf(db: Executor, userId: number): Promise<{ sound: boolean }> {
  const [row] = await db
    .select({ sound: floorPrefs.sound })
    .from(floorPrefs)
    .where(eq(floorPrefs.userId, userId));
  return { sound: row?.sound ?? false };
}

export async function setAlertSound(ctx: StaffContext<{ id: number }>, sound: boolean): Promise<void> {
  const userId = ctx.user.id;
  const now = ctx.now();
  await ctx.db
    .insert(floorPrefs)
    .values({ userId, sound, updatedAt: now })
    .onConflictDoUpdate({ target: floorPrefs.userId, set: { sound, updatedAt: now } });
}
