import { defineConfig } from '@playwright/test';

// Browser tests run in Debian's Chromium (Playwright cannot download browsers offline) against
// the production build; the global setup starts the server on a free port with its own data.
export default defineConfig({
  testDir: 'e2e/ui',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  // On CI one retry absorbs a timing hiccup of the shared 2-core machine; the report still names
  // such a test "flaky", and a real failure fails twice.
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  reporter: [['list']],
  globalSetup: './e2e/support/ui-global-setup.ts',
  use: {
    browserName: 'chromium',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    },
  },
});
