import { sql } from 'drizzle-orm';
import { settings } from '~db/schema';
import type { Executor } from '~db/client';
import { queryRowsPrepared } from '~db/rows';
import { DEFAULT_SETTINGS, type Settings } from '~db/settings-defaults';

export { DEFAULT_SETTINGS, type Settings };

/**
 * All settings, defaults filled in. Small table; read per request so every instance agrees at
 * once. It comes back as one JSON object (one row, one parse) rather than a row per setting,
 * since public pages and sign-ups read it on every request.
 */
export async function getSettings(db: Executor): Promise<Settings> {
  const [row] = await queryRowsPrepared<{ all: string | null }>(
    db,
    'settings_all',
    sql`select json_object_agg(key, value)::text as "all" from ${settings}`,
  );
  const stored = JSON.parse(row?.all ?? '{}') as Record<string, unknown>;
  const merged: Settings = { ...DEFAULT_SETTINGS };
  for (const [key, value] of Object.entries(stored)) {
    if (key in merged && (typeof value === 'string' || typeof value === 'number'))
      merged[key as keyof Settings] = String(value);
  }
  return merged;
}
