import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';
import { databaseIndependentTestFiles } from './test/support/database-use.js';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  test: {
    include: [
      'subgraphs/*/test/**/*.test.ts',
      'gateway/test/**/*.test.ts',
      'test/**/*.test.ts',
      'shared/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    // With TEST_DATABASE_URL set (CI's second pass) only the files that open a database run: the
    // others ran in the PGlite pass already and would be counted twice.
    exclude: process.env.TEST_DATABASE_URL
      ? [
          ...configDefaults.exclude,
          ...databaseIndependentTestFiles(root, ['subgraphs', 'gateway', 'test', 'shared', 'scripts']),
        ]
      : // Browser tests (a real Chromium against a real mesh) are slow: CI runs them once, in the Postgres pass.
        [...configDefaults.exclude, '**/*.browser.test.ts'],
    // GraphQL Inspector is ESM; run natively it would compare schemas with another copy of graphql
    // than the one the code under test builds them with ("from another realm").
    server: { deps: { inline: ['@graphql-inspector/core'] } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: PGlite instances are heavy, end-to-end suites start real processes.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
