import path from 'node:path';
import { defineConfig } from 'vitest/config';

// API tests over real HTTP against the production build (`next start`), started once by the
// global setup on the database that LATCHKEY_TEST_DB selects (sqlite | postgresql).
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['e2e/api/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['e2e/support/api-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
