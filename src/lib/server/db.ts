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

/**
 * The database could not be reached (or, embedded, opened). Pages and the middleware answer it
 * with the 503 page that keeps what was typed; anything else is a bug and stays a 500.
 */
export class DatabaseUnavailable extends Error {
  constructor(
    cause?: unknown,
    /** Refused without trying, because a connection failed a moment ago (see below). */
    readonly remembered = false,
  ) {
    super('database unavailable', { cause });
    this.name = 'DatabaseUnavailable';
  }
}

/** Driver codes that mean "no connection", not "the query was wrong". */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
]);

/**
 * Whether an error means the database is unreachable: our own DatabaseUnavailable, a socket or
 * driver connection code, SQLSTATE class 08 (connection) or 57P01–57P03 (server shutting down or
 * starting), or an embedded database that is closed. Looks through `cause` (Drizzle wraps).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; cause?: unknown; message?: unknown } | undefined, i = 0;
    e && typeof e === 'object' && i < 5;
    i++
  ) {
    if (e instanceof DatabaseUnavailable) return true;
    const code = typeof e.code === 'string' ? e.code : '';
    if (CONNECTION_CODES.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code)) return true;
    if (typeof e.message === 'string' && /PGlite is closed/i.test(e.message)) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/**
 * After a failed connection, requests for the next moment are told at once that the database is
 * unavailable instead of each waiting for its own connection timeout: a page that reads the
 * database several times (action, page, layout) then answers within one timeout (issue 12 #15).
 */
const UNAVAILABLE_FOR_MS = 2000;
let unavailableUntil = 0;

/** Called where an unreachable database was seen (the action pipeline, the middleware). */
export function noteDatabaseUnavailable(error?: unknown): void {
  // A refusal from the memory itself does not extend it: the database gets tried again.
  if (error instanceof DatabaseUnavailable && error.remembered) return;
  if (error === undefined || isDatabaseUnavailable(error)) unavailableUntil = Date.now() + UNAVAILABLE_FOR_MS;
}

export function getDatabase(): Promise<Database> {
  if (!opener)
    return Promise.reject(new Error('La base de datos no está configurada (falta src/server/boot).'));
  if (Date.now() < unavailableUntil) return Promise.reject(new DatabaseUnavailable(undefined, true));
  return opener().catch((error: unknown) => {
    // Opening or migrating failed: whatever the driver said, for a request it is an outage.
    noteDatabaseUnavailable();
    throw error instanceof DatabaseUnavailable ? error : new DatabaseUnavailable(error);
  });
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/** One round-trip to the database, for the health check. */
export async function pingDatabase(): Promise<void> {
  try {
    await (await getDb()).execute(sql`select 1`);
  } catch (error) {
    noteDatabaseUnavailable(error);
    throw error;
  }
}

/** LISTEN on a channel of the request database (see `Database.listen`); returns the UNLISTEN. */
export async function listen(
  channel: string,
  onPayload: (payload: string) => void,
): Promise<() => Promise<void>> {
  return (await getDatabase()).listen(channel, onPayload);
}
