import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', 'lib/db/generated/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**']),
  {
    // lib/ is framework-free (CONVENTIONS.md §11): only lib/http may import next/*.
    files: ['lib/**/*.ts'],
    ignores: ['lib/http/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['next', 'next/*'], message: 'lib/ is framework-free; only lib/http imports next/*.' }] }],
    },
  },
  {
    // Configuration is read in one place (ARCHITECTURE.md): lib/config.
    files: ['app/**/*.{ts,tsx}', 'lib/**/*.ts', 'components/**/*.tsx'],
    ignores: ['lib/config/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through lib/config.' }],
    },
  },
  {
    // Playwright fixtures call their `use` callback; it is not React's use().
    files: ['e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
]);
