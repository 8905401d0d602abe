import { type Database, type Db, migrateDatabase, openDatabase } from '~db/client';
import { DEMO_PASSWORD, isEmpty, seedDemo, seedReference } from '~db/seed';
import { config } from './config';
import { startJobs } from './jobs';
import { createResendTransport, startOutboxWorker } from './mail/worker';

let ready: Promise<Database> | undefined;

/**
 * The server's database, opened once per process: migrations applied, reference data loaded,
 * demo data on a brand-new embedded database, and the outbox worker started.
 */
export function getDatabase(): Promise<Database> {
  ready ??= boot().catch((error) => {
    ready = undefined; // let the next request try again (e.g. PostgreSQL was still starting)
    throw error;
  });
  return ready;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

async function boot(): Promise<Database> {
  const cfg = config();
  const database = await openDatabase({ url: cfg.databaseUrl, dataDir: cfg.dataDir });
  try {
    await migrateDatabase(database);
    await seedReference(database.db);
    if (cfg.seedDemo && (await isEmpty(database.db))) {
      const demo = await seedDemo(database.db);
      console.log('\nDatos de demostración cargados. Cuentas (contraseña para todas: %s):', DEMO_PASSWORD);
      for (const u of demo) console.log('  %s  %s', u.role.padEnd(10), u.email);
      console.log('');
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  if (cfg.mailWorker && cfg.resendApiKey) {
    const transport = await createResendTransport(cfg.resendApiKey, cfg.mailFrom, cfg.resendBaseUrl);
    // No SIGTERM listener here: one would replace Node's default exit on SIGTERM.
    startOutboxWorker(database.db, transport);
  } else if (!cfg.resendApiKey) {
    console.log('[correo] Sin RESEND_API_KEY: los correos se quedan en la bandeja de salida (/app/correo).');
  }
  if (process.env.JOBS !== '0') startJobs(database.db);
  return database;
}
