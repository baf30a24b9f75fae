import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const alias = {
  '@chorus/shared': fileURLToPath(new URL('./libs/shared/src/index.ts', import.meta.url)),
  '@chorus/adapters': fileURLToPath(new URL('./libs/adapters/src/index.ts', import.meta.url)),
};

/** End-to-end suites run once per database: `CHORUS_TEST_DB` tells the harness which. */
const e2e = (database: 'sqlite' | 'postgres') => ({
  resolve: { alias },
  test: {
    name: `e2e-${database}`,
    // Replica tests need a database several processes share with LISTEN/NOTIFY: PostgreSQL only.
    include: ['test/e2e/**/*.e2e.ts', ...(database === 'postgres' ? ['test/e2e-postgres/**/*.e2e.ts'] : [])],
    env: { CHORUS_TEST_DB: database },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});

export default defineConfig({
  test: {
    projects: [
      { resolve: { alias }, test: { name: 'shared', include: ['libs/shared/src/**/*.spec.ts'] } },
      { resolve: { alias }, test: { name: 'adapters', include: ['libs/adapters/src/**/*.spec.ts'] } },
      { resolve: { alias }, test: { name: 'api', include: ['apps/api/src/**/*.spec.ts'] } },
      { resolve: { alias }, test: { name: 'web', include: ['apps/web/src/**/*.spec.{ts,tsx}'] } },
      e2e('sqlite'),
      e2e('postgres'),
      {
        resolve: { alias },
        test: {
          name: 'browser',
          include: ['test/browser/**/*.browser.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
