import { settings } from '~db/schema';
import type { Executor } from '~db/client';
import { DEFAULT_SETTINGS, type Settings } from '~db/settings-defaults';

export { DEFAULT_SETTINGS, type Settings };

/** All settings, defaults filled in. Small table; read per request so every instance agrees at once. */
export async function getSettings(db: Executor): Promise<Settings> {
  const rows = await db.select({ key: settings.key, value: settings.value }).from(settings);
  const merged: Settings = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    // Drizzle re-parses jsonb text that PGlite already parsed, so "2" can come back as 2.
    if (row.key in merged && (typeof row.value === 'string' || typeof row.value === 'number'))
      merged[row.key as keyof Settings] = String(row.value);
  }
  return merged;
}
