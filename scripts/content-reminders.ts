import { sendContentReminders } from '../src/features/content/reminders.server';
import { readConfig } from '../src/lib/server/config';
import { getSettings } from '../src/lib/server/settings';
import { openConfigured } from './db-common';

// One run of the content reminders, for cron on deployments that prefer it to the in-process
// hourly job. Safe to run as often as you like: each post is reminded once per day.
const cfg = readConfig();
const database = await openConfigured();
try {
  const queued = await sendContentReminders(database.db, {
    timeZone: cfg.timeZone,
    publicUrl: cfg.publicUrl,
    orgName: (await getSettings(database.db)).orgName,
  });
  console.log(`Recordatorios de contenido en la bandeja de salida: ${queued}.`);
} finally {
  await database.close();
}
