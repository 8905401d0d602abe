import { defineConfig } from '@playwright/test';

/** A tiny run for tests/unit/reporters.test.ts: only the summary reporter, no browser. */
export default defineConfig({
  testDir: '.',
  testMatch: '*.case.ts',
  workers: 1,
  reporter: [['../playwright-summary.ts']],
  webServer:
    process.env.FIXTURE_FAIL === 'webServer'
      ? { command: 'node -e "process.exit(3)"', url: 'http://127.0.0.1:9/', timeout: 10_000 }
      : undefined,
  globalSetup: process.env.FIXTURE_FAIL === 'globalSetup' ? './setup-fails.ts' : undefined,
});
