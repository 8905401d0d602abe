import { type Database, migrateDatabase, openDatabase } from '~db/client';
import { seedReference } from '~db/seed';
import { config } from '~/lib/server/config';
import { provideDatabase } from '~/lib/server/db';
import { log } from '~/lib/server/log';
import { createResendTransport, startOutboxWorker } from '~/lib/server/mail/worker';
import { startJobs } from './jobs';

/**
 * The composition root: the one place that starts the server's parts, in order —
 * open the database, apply migrations, load reference data, start the mail worker and the job
 * list — and stops them in reverse on SIGTERM/SIGINT (releasing the embedded database's lock).
 *
 * Demo data is not loaded here: `scripts/seed.ts` does that before the server starts (`npm start`),
 * so the production path never imports `src/demo`.
 */

let ready: Promise<Database> | undefined;
const stoppers: Array<() => void | Promise<void>> = [];

export function getDatabase(): Promise<Database> {
  ready ??= boot().catch((error: unknown) => {
    ready = undefined; // let the next request try again (e.g. PostgreSQL was still starting)
    throw error;
  });
  return ready;
}

async function boot(): Promise<Database> {
  const cfg = config();
  const database = await openDatabase({ url: cfg.databaseUrl, dataDir: cfg.dataDir });
  try {
    await migrateDatabase(database);
    await seedReference(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  stoppers.push(() => database.close());
  if (cfg.mailWorker && cfg.resendApiKey) {
    const transport = await createResendTransport(cfg.resendApiKey, cfg.mailFrom, cfg.resendBaseUrl);
    stoppers.push(startOutboxWorker(database.db, transport));
  } else if (!cfg.resendApiKey) {
    log.info('Sin RESEND_API_KEY: los correos se quedan en la bandeja de salida (/app/correo).');
  }
  if (process.env.JOBS !== '0') stoppers.push(startJobs(database.db));
  return database;
}

/** Stops the job list and the mail worker, then closes the database. Safe to call twice. */
export async function shutdown(): Promise<void> {
  const pending = stoppers.splice(0).reverse();
  for (const stop of pending) {
    try {
      await stop();
    } catch (error) {
      log.error({ area: 'arranque', err: error }, 'error al detener un servicio');
    }
  }
}

let signalsBound = false;
function bindSignals() {
  if (signalsBound) return;
  signalsBound = true;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    // A listener replaces Node's default exit, so it must exit itself once things are closed.
    process.once(signal, () => {
      const timer = setTimeout(() => process.exit(1), 5000);
      timer.unref();
      void shutdown().finally(() => process.exit(0));
    });
  }
}

provideDatabase(getDatabase);
if (!process.env.VITEST) bindSignals();
