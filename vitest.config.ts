import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: [
      { find: /^~db\//, replacement: fileURLToPath(new URL('./db/', import.meta.url)) },
      { find: /^~\//, replacement: fileURLToPath(new URL('./src/', import.meta.url)) },
    ],
  },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // Checks TEST_DATABASE_URL once: required and reachable under CI=true, else a line says it is skipped.
    globalSetup: ['./tests/helpers/postgres-setup.ts'],
    pool: 'forks',
    // Two cores here and in CI; each integration file opens PGlite (and a PostgreSQL database).
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './tests/reporters/vitest-summary.ts'],
  },
});
