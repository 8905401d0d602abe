import { afterAll, beforeAll, describe } from 'vitest';
import postgres from 'postgres';
import { type Database, type Db, migrateDatabase, openDatabase } from '~db/client';
import { seedReference } from '~db/seed';

import { type DbKind, dbKinds } from './db-kinds';

export type { DbKind };

/**
 * PGlite always; PostgreSQL too when TEST_DATABASE_URL points at a server. Under CI=true a
 * missing TEST_DATABASE_URL fails (here and, once for the run, in ./postgres-setup.ts).
 */
export const DB_KINDS: DbKind[] = dbKinds();

export interface TestDatabase extends Database {
  /** Drops the throwaway PostgreSQL database (no-op for PGlite). */
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database with reference data: in-memory PGlite, or a uniquely named
 * database on the TEST_DATABASE_URL server that is dropped afterwards.
 */
export async function createTestDatabase(
  kind: DbKind,
  options: { max?: number } = {},
): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(database);
    await seedReference(database.db);
    return { ...database, destroy: () => database.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `vinculo_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), max: options.max ?? 10 });
  await migrateDatabase(database);
  await seedReference(database.db);
  return {
    ...database,
    destroy: async () => {
      await database.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/**
 * Runs a suite once per database kind, each with its own fresh database:
 *   describeEachDb('accounts', (ctx) => { it('…', async () => { await ctx.db.select()… }) })
 */
export function describeEachDb(
  name: string,
  body: (ctx: { readonly db: Db; readonly kind: DbKind; readonly database: TestDatabase }) => void,
) {
  for (const kind of DB_KINDS) {
    describe(`${name} [${kind}]`, () => {
      let database: TestDatabase;
      beforeAll(async () => {
        database = await createTestDatabase(kind);
      });
      afterAll(async () => {
        await database?.destroy();
      });
      body({
        get db() {
          return database.db;
        },
        kind,
        get database() {
          return database;
        },
      });
    });
  }
}
