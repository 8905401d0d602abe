import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4322);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['./tests/reporters/playwright-summary.ts']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'es-MX',
    timezoneId: 'America/Chihuahua',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: [
    {
      // A fresh embedded database with demo data, and a fake Resend the real SDK talks to.
      command: `tsx tests/e2e/server.ts`,
      url: `http://127.0.0.1:${PORT}/healthz`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: { E2E_PORT: String(PORT), NO_COLOR: '1' },
    },
    {
      // The same app with a database that cannot be reached, for the failure screens.
      command: `tsx tests/e2e/server.ts`,
      url: `http://127.0.0.1:${PORT + 1}/`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        E2E_PORT: String(PORT + 1),
        E2E_RESEND_PORT: String(Number(process.env.E2E_RESEND_PORT ?? 4599) + 1),
        E2E_DATABASE_URL: 'postgres://vinculo@127.0.0.1:9/inalcanzable',
        NO_COLOR: '1',
      },
    },
  ],
});
