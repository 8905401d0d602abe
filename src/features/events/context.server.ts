import type { Executor } from '~db/client';
import { config } from '~/lib/server/config';
import { getSettings } from '~/lib/server/settings';
import type { EventsMailContext } from './mail';

/** What event e-mails need: public URL, the organisation's name (a setting) and its zone. */
export async function eventsMailContext(db: Executor): Promise<EventsMailContext> {
  const settings = await getSettings(db);
  return { publicUrl: config().publicUrl, orgName: settings.orgName, timeZone: config().timeZone };
}
