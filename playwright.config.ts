import { defineConfig } from '@playwright/test';

// Browser tests run in Debian's Chromium (Playwright cannot download browsers offline) against
// the production build; the global setup starts the server on a free port with its own data.
export default defineConfig({
  testDir: 'e2e/ui',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [['list']] : [['list']],
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
