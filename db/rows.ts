import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from './client';

/** Rows of a raw query, whichever driver runs it (postgres.js returns an array, PGlite `{ rows }`). */
export async function queryRows<T extends Record<string, unknown>>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/**
 * Rows of `query` sent back as one JSON text and parsed with `JSON.parse`, for lists of thousands
 * of rows. The embedded database hands each row and field to JavaScript one at a time, and for
 * the agenda's 2,000 visible activities that cost 8× the query itself; one JSON value costs one
 * parse (bench/scheduling-feed.mjs). The keys are the query's column names (alias them), in
 * `order` (SQL over the subquery's alias `q`, e.g. sql`q."startsAt", q.id`); timestamps arrive as
 * ISO-8601 strings, and numeric or bigint columns as JSON numbers.
 */
export async function queryJsonRows<T>(db: Executor, query: SQL, order?: SQL): Promise<T[]> {
  const [row] = await queryRows<{ rows: string }>(
    db,
    sql`select coalesce(json_agg(q${order ? sql` order by ${order}` : sql``}), '[]')::text as rows from (${query}) q`,
  );
  return JSON.parse(row?.rows ?? '[]') as T[];
}

interface PreparingExecutor {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  session: {
    prepareQuery(
      query: { sql: string; params: unknown[] },
      fields: undefined,
      name: string,
      arrayMode: false,
    ): { execute(): Promise<unknown> };
  };
}

/**
 * `queryRows` for a hot statement whose text is fixed (only its parameters vary), sent as a
 * server-side prepared statement, as drizzle's `.prepare(name)` does for its builders: PostgreSQL
 * parses it once per connection and can keep its plan, where `execute` re-parses and re-plans it
 * on every call (for a five-table CTE, about 1.4 ms). PGlite runs it as `queryRows` does.
 */
export async function queryRowsPrepared<T extends Record<string, unknown>>(
  db: Executor,
  name: string,
  query: SQL,
): Promise<T[]> {
  const { dialect, session } = db as unknown as PreparingExecutor;
  const result = (await session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false).execute()) as
    T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
