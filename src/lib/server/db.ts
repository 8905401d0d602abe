import { sql } from 'drizzle-orm';
import type { Database, Db } from '~db/client';

/**
 * Where request code gets the database. It only hands out what the composition root
 * (`src/server/boot.ts`) opened: this file knows nothing of migrations, seeds or jobs, so the
 * layers below features never load them. The middleware imports the composition root, which
 * registers itself here before the first request is answered.
 */
type Opener = () => Promise<Database>;

let opener: Opener | undefined;

/** Called once by the composition root. */
export function provideDatabase(open: Opener): void {
  opener = open;
}

export function getDatabase(): Promise<Database> {
  if (!opener)
    return Promise.reject(new Error('La base de datos no está configurada (falta src/server/boot).'));
  return opener();
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/** One round-trip to the database, for the health check. */
export async function pingDatabase(): Promise<void> {
  await (await getDb()).execute(sql`select 1`);
}

/** LISTEN on a channel of the request database (see `Database.listen`); returns the UNLISTEN. */
export async function listen(
  channel: string,
  onPayload: (payload: string) => void,
): Promise<() => Promise<void>> {
  return (await getDatabase()).listen(channel, onPayload);
}
