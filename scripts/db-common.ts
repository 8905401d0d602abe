import { type Database, migrateDatabase, openDatabase } from '~db/client';
import { readConfig } from '~/lib/server/config';

/** Opens the configured database (DATABASE_URL or the PGlite folder) for a one-off command. */
export async function openConfigured(options: { quiet?: boolean } = {}): Promise<Database> {
  const cfg = readConfig();
  const database = await openDatabase({ url: cfg.databaseUrl, dataDir: cfg.dataDir, max: 2 });
  if (!options.quiet)
    console.log(
      database.kind === 'postgres' ? 'Base: PostgreSQL (DATABASE_URL)' : `Base: embebida en ${cfg.dataDir}`,
    );
  await migrateDatabase(database);
  return database;
}
