import postgres from 'postgres';
import { postgresRequirement } from './db-kinds';

/** host:port of a postgres:// URL, never its user or password. */
function where(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}`;
  } catch {
    return 'una dirección que no es una URL postgres://';
  }
}

async function reachable(url: string): Promise<string | null> {
  const sql = postgres(url, { max: 1, connect_timeout: 5, idle_timeout: 1, onnotice: () => {} });
  try {
    await sql`select 1`;
    return null;
  } catch (error) {
    const e = error as { code?: string; errno?: string };
    return e.code ?? e.errno ?? (error as Error).name;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

/**
 * Vitest global setup: decides once whether the PostgreSQL half of `describeEachDb` can run.
 * - No TEST_DATABASE_URL: under CI=true the run fails; otherwise one line says PostgreSQL is skipped.
 * - TEST_DATABASE_URL set but the server does not answer `select 1`: the run fails with one line
 *   (under CI after a few retries, so a server that is still starting is waited for).
 */
export default async function setup() {
  const requirement = postgresRequirement();
  if (requirement === 'skip') {
    process.stdout.write(
      'vitest: PostgreSQL omitido (sin TEST_DATABASE_URL): solo PGlite; en CI esto falla.\n',
    );
    return;
  }
  if (requirement !== 'run') throw new Error(requirement);

  const url = process.env.TEST_DATABASE_URL!;
  const attempts = process.env.CI === 'true' || process.env.CI === '1' ? 10 : 1;
  let failure: string | null = null;
  for (let i = 0; i < attempts; i++) {
    failure = await reachable(url);
    if (!failure) return;
    if (i < attempts - 1) await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(
    `TEST_DATABASE_URL no responde en ${where(url)} (${failure}): arranca PostgreSQL, revisa la URL o quita la variable.`,
  );
}
