import { sql } from 'kysely';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphForTest, type SubgraphUnderTest } from '../testing.js';
import { migrations } from '../../subgraphs/customers/src/db/migrations/index.js';
import { createServer } from '../../subgraphs/customers/src/server.js';
import type { CustomersDatabase } from '../../subgraphs/customers/src/db/database.js';
import { auditPseudonym, personalFieldsOf, pseudonymKeyOf } from './recorder.js';

let subgraph: SubgraphUnderTest<CustomersDatabase>;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('customers', migrations, createServer);
  const upsert = await subgraph.run(
    'mutation { upsertCustomer(input: { id: "cus-a1", email: "ada@example.org", firstName: "Ada", lastName: "L", country: "GB" }) { id } }',
  );
  expect(upsert.errors).toBeUndefined();
});

afterAll(async () => {
  await subgraph?.stop();
});

describe('the access-log recorder', () => {
  it('knows the personal fields from the SDL: those that need pii:read', () => {
    const fields = personalFieldsOf(
      parse(`type Query { a: Int @requiresScopes(scopes: [["pii:read"]]) b: Int @requiresScopes(scopes: [["orders:read"]]) }
             type P @requiresScopes(scopes: [["pii:read"]]) { x: Int }`),
    );
    expect([...fields].sort()).toEqual(['P.x', 'Query.a']);
  });

  it('records the upsert as a mutation with the customer as a keyed hash', async () => {
    const key = await pseudonymKeyOf(subgraph.testDb.db);
    const rows = await sql<{ kind: string; fields: string[]; customer_refs: string[] }>`
      select kind, fields, customer_refs from access_log where 'Mutation.upsertCustomer' = any(fields)`.execute(
      subgraph.testDb.db,
    );
    expect(rows.rows).toHaveLength(1);
    // The customer the mutation returned (the id in its input is an `id`, not a `customerId`).
    expect(rows.rows[0]).toMatchObject({ kind: 'MUTATION', customer_refs: [auditPseudonym(key, 'cus-a1')] });
  });

  it('fails the request, answering no personal data, when the record cannot be written', async () => {
    await sql`alter table access_log rename to access_log_away`.execute(subgraph.testDb.db);
    try {
      // Apollo turns a failing response hook into an internal error: nothing of the result is sent.
      await expect(subgraph.run('{ customer(id: "cus-a1") { email } }')).rejects.toThrow(/Internal server error/);
    } finally {
      await sql`alter table access_log_away rename to access_log`.execute(subgraph.testDb.db);
    }
  });
});
