import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import * as schema from './schema';

export type Schema = typeof schema;
/** A Drizzle handle that is the same type whether PGlite or PostgreSQL sits underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that can run queries: the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /**
   * LISTEN on a channel: `onPayload` gets each NOTIFY's payload (sent with `pg_notify` inside a
   * transaction, so it arrives after the commit). PostgreSQL: one dedicated connection, so every
   * instance on the database hears every notification. PGlite: in-process. Returns the UNLISTEN.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent an embedded PGlite database is used. */
  url?: string | undefined;
  /** PGlite data folder; `memory://` for an in-memory database (tests). */
  dataDir?: string | undefined;
  /** Pool size for PostgreSQL. */
  max?: number;
}

export const MIGRATIONS_DIR = path.resolve(process.cwd(), 'db/migrations');

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `La carpeta de datos ${dir} ya está abierta por otro proceso (pid ${pid}). ` +
        `Solo un proceso puede usar una base embebida: detén el otro o usa DATABASE_URL.`,
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite has no lock between processes and two owners corrupt the folder, so we take an
 * exclusive lock file holding our pid. A lock left by a dead process is taken over.
 */
const heldHere = new Set<string>();

function lockDataDir(dir: string): () => void {
  const lockPath = path.resolve(dir, 'vinculo.lock');
  if (heldHere.has(lockPath)) throw new DataDirLockedError(dir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.add(lockPath);
      const release = () => {
        if (!heldHere.delete(lockPath)) return;
        rmSync(lockPath, { force: true });
        process.off('exit', release);
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isFinite(pid) && isAlive(pid)) throw new DataDirLockedError(dir, pid);
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`No se pudo bloquear ${dir}`);
}

const oneAtATime = new WeakSet<object>();

/**
 * True for the embedded database: one connection, on which every statement and every
 * transaction runs alone (PGlite queues each behind the one before). There no transaction is
 * open while a statement runs, so a single statement sees every commit before it and a row lock
 * guards nothing; PostgreSQL needs both.
 */
export function runsOneAtATime(db: Executor): boolean {
  return oneAtATime.has(db);
}

/** Opens PostgreSQL when a URL is given, else PGlite (with the extensions the schema uses). */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  if (options.url) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const client = postgres(options.url, {
      max: options.max ?? 10,
      onnotice: () => {},
      // A server that does not answer is an outage to report within seconds, not after the
      // driver's default 30 s (issue 12 #15): DB_CONNECT_TIMEOUT seconds, 2 by default.
      connect_timeout: Number(process.env.DB_CONNECT_TIMEOUT) || 2,
      // Timestamps come back as Date objects; keep the server's zone out of the picture.
      connection: { TimeZone: 'UTC' },
    });
    const db = drizzle(client, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      close: () => client.end({ timeout: 5 }),
      listen: async (channel, onPayload) => {
        const { unlisten } = await client.listen(channel, onPayload);
        return unlisten;
      },
    };
  }

  const { PGlite } = await import('@electric-sql/pglite');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dataDir = options.dataDir ?? 'memory://';
  let release = () => {};
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    release = lockDataDir(dataDir);
  }
  try {
    // PostgreSQL's default 128 MB of shared buffers lives in PGlite's WebAssembly heap, which
    // never shrinks: most of the embedded server's memory once it is warm. The operating system
    // still caches the data folder's files, so a smaller pool costs little (issue 17).
    const sharedBuffers = process.env.PGLITE_SHARED_BUFFERS || '32MB';
    const client = await PGlite.create(dataDir, {
      extensions: { btree_gist, pg_trgm },
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffers}`],
    });
    await client.exec(`SET TIME ZONE 'UTC'`);
    const db = drizzle(client, { schema }) as unknown as Db;
    oneAtATime.add(db);
    return {
      db,
      kind: 'pglite',
      close: async () => {
        await client.close();
        release();
      },
      listen: async (channel, onPayload) => client.listen(channel, onPayload),
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** Applies the drizzle-kit migrations in db/migrations. Safe to run on every start. */
export async function migrateDatabase(database: Database, migrationsFolder = MIGRATIONS_DIR): Promise<void> {
  if (database.kind === 'postgres') {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(database.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, { migrationsFolder });
  }
}

export function dataDirExists(dir: string): boolean {
  return existsSync(path.join(dir, 'PG_VERSION'));
}
