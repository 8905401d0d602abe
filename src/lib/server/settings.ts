import { settings } from '../../../db/schema';
import type { Executor } from '../../../db/client';
import { DEFAULT_SETTINGS, type Settings } from './settings-defaults';

/** All settings, defaults filled in. Small table; read per request so every instance agrees at once. */
export async function getSettings(db: Executor): Promise<Settings> {
  const rows = await db.select({ key: settings.key, value: settings.value }).from(settings);
  const merged: Settings = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    if (row.key in merged && typeof row.value === 'string') merged[row.key as keyof Settings] = row.value;
  }
  return merged;
}
