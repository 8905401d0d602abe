import { type OpeningState, type WeekSchedule, openingState, parseSchedule } from '~/lib/opening-hours';
import { config } from '~/lib/server/config';
import { getDb } from '~/lib/server/db';
import { getSettings } from '~/lib/server/settings';

let memo: { version: string; schedule: Promise<WeekSchedule> } | null = null;
/** The schedule is in whole minutes, so the state can only change on a minute boundary. */
let lastState: { version: string; minute: number; state: OpeningState } | null = null;

/**
 * Open or closed right now, for the page cache. The schedule is a setting, and a settings edit
 * bumps the public content version (trigger, migration 0004), so the parsed schedule is kept per
 * version: no query beyond the version read the cache already does, and the state itself is
 * taken from the clock on every request (worked out once per minute: the schedule is in minutes).
 */
export async function openingStateNow(version: string, now = new Date()): Promise<OpeningState> {
  const minute = Math.floor(now.getTime() / 60_000);
  if (lastState && lastState.version === version && lastState.minute === minute) return lastState.state;
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
  const state = openingState(await memo.schedule, now, config().timeZone);
  lastState = { version, minute, state };
  return state;
}
