// One inventory subgraph per test file, on its own test database (PGlite, or Postgres with
// TEST_DATABASE_URL), started before the file's tests and stopped after them.
import { afterAll, beforeAll } from 'vitest';
import { startSubgraphForTest, type SubgraphUnderTest, type TestDatabase } from '../../../shared/testing.js';
import type { InventoryDatabase } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';
import { createServer } from '../src/server.js';

export interface InventoryUnderTest {
  readonly testDb: TestDatabase<InventoryDatabase>;
  run: SubgraphUnderTest<InventoryDatabase>['run'];
}

/** Registers the file's beforeAll/afterAll and returns handles valid inside its tests. */
export function useInventorySubgraph(): InventoryUnderTest {
  let subgraph: SubgraphUnderTest<InventoryDatabase> | undefined;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest('inventory', migrations, createServer);
  });
  afterAll(async () => {
    await subgraph?.stop();
  });
  return {
    get testDb() {
      return subgraph!.testDb;
    },
    run: (query, variables, viewer) => subgraph!.run(query, variables, viewer),
  };
}

/** Empties the domain's tables, children first. */
export async function emptyInventory(testDb: TestDatabase<InventoryDatabase>): Promise<void> {
  for (const table of [
    'outbox',
    'reservation_allocations',
    'reservations',
    'stock_adjustments',
    'stock_levels',
    'products',
    'locations',
  ] as const)
    await testDb.db.deleteFrom(table).execute();
}
