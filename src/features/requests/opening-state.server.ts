import { type OpeningState, type WeekSchedule, openingState, parseSchedule } from '~/lib/opening-hours';
import { config } from '~/lib/server/config';
import { getDb } from '~/lib/server/db';
import { getSettings } from '~/lib/server/settings';

let memo: { version: string; schedule: Promise<WeekSchedule> } | null = null;

/**
 * Open or closed right now, for the page cache. The schedule is a setting, and a settings edit
 * bumps the public content version (trigger, migration 0004), so the parsed schedule is kept per
 * version: no query beyond the version read the cache already does, and the state itself is
 * computed from the clock on every request.
 */
export async function openingStateNow(version: string, now = new Date()): Promise<OpeningState> {
  if (!memo || memo.version !== version) {
    const schedule = getDb()
      .then((db) => getSettings(db))
      .then((s) => parseSchedule(s.openingSchedule));
    const entry = { version, schedule };
    memo = entry;
    schedule.catch(() => {
      if (memo === entry) memo = null;
    });
  }
  return openingState(await memo.schedule, now, config().timeZone);
}
