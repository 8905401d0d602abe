import { defineConfig } from '@playwright/test';

const fail = process.env.FIXTURE_FAIL;

/** A tiny run for tests/unit/reporters.test.ts: only the summary reporter, no browser. */
export default defineConfig({
  testDir: '.',
  testMatch: '*.case.ts',
  workers: 1,
  reporter: [['../playwright-summary.ts']],
  ...(fail === 'webServer'
    ? { webServer: { command: 'node -e "process.exit(3)"', url: 'http://127.0.0.1:9/', timeout: 10_000 } }
    : {}),
  ...(fail === 'globalSetup' ? { globalSetup: './setup-fails.ts' } : {}),
});
