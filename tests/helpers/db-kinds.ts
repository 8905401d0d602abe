export type DbKind = 'pglite' | 'postgres';

/**
 * Whether the PostgreSQL half of the tests runs: 'run' with TEST_DATABASE_URL; 'skip' without it
 * outside CI; under CI=true a missing variable is a reason to fail the run (returned as text).
 */
export function postgresRequirement(env: NodeJS.ProcessEnv = process.env): 'run' | 'skip' | string {
  if (env.TEST_DATABASE_URL) return 'run';
  if (env.CI === 'true' || env.CI === '1')
    return 'CI=true exige TEST_DATABASE_URL (postgres://…): las pruebas de PostgreSQL no se pueden omitir en CI.';
  return 'skip';
}

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL points at a server. */
export function dbKinds(env: NodeJS.ProcessEnv = process.env): DbKind[] {
  const requirement = postgresRequirement(env);
  if (requirement === 'run') return ['pglite', 'postgres'];
  if (requirement === 'skip') return ['pglite'];
  throw new Error(requirement);
}
