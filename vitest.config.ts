import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Unit tests live beside the code. Data-layer tests talk to a real SQLite file and a real
// PostgreSQL server (TEST_POSTGRES_URL, default the local server).
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['lib/**/*.test.ts', 'prisma/**/*.test.ts', 'e2e/support/**/*.test.ts', 'components/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
