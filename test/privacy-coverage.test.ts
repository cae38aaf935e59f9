// Every table that names a customer is handled by its domain's erasure and export (src/privacy.ts):
// a new table with a customer_id column that the handler does not name fails here, so erasure
// cannot silently miss it (the scan in test/privacy.e2e.test.ts finds only what its data fills).
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../gateway/src/compose.js';
import { createTestDatabase, type TestDatabase } from '../shared/testing.js';
import { SUBGRAPH_NAMES } from '../shared/config.js';
import { DOMAINS as REGISTRY } from '../subgraphs/registry.js';

const DOMAINS = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, REGISTRY[name].migrations]));
/** Tables that name a customer and are kept on purpose, with the reason. */
const KEPT: Record<string, string> = {
  'customers.data_subject_requests': 'the request itself (its customer id is nulled when an erasure completes)',
};
const opened: TestDatabase<unknown>[] = [];

afterAll(async () => {
  for (const db of opened) await db.destroy();
});

describe('erasure coverage', () => {
  it('names, in each domain privacy handler, every table with a customer_id column', async () => {
    for (const [domain, migrations] of Object.entries(DOMAINS)) {
      const testDb = await createTestDatabase<unknown>(domain, migrations);
      opened.push(testDb);
      const tables = await sql<{ table_name: string }>`
        select distinct table_name from information_schema.columns
        where table_schema = current_schema() and column_name = 'customer_id' order by table_name`.execute(testDb.db);
      if (domain !== 'inventory') expect(tables.rows.length, `${domain} tables with customer_id`).toBeGreaterThan(0);
      const handler = fs.readFileSync(path.join(ROOT, 'subgraphs', domain, 'src', 'privacy.ts'), 'utf8');
      for (const { table_name: table } of tables.rows) {
        if (KEPT[`${domain}.${table}`]) continue;
        expect(handler, `${domain}: src/privacy.ts does not handle ${table}`).toContain(`'${table}'`);
      }
    }
  }, 300_000);
});
