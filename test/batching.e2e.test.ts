// One federated request costs one SQL statement per (subgraph, entity type, field), whatever the
// number of rows: the gateway fans out, DataLoader folds every fan-out back into one statement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '../scripts/seed/world.js';
import { startInProcessMesh, type InProcessMesh } from './support/in-process-mesh.js';

const world = createWorld(
  { customers: 80, products: 40, orders: 600, campaigns: 4, touchpoints: 400 },
  11,
  new Date('2026-11-01T00:00:00Z'),
);
let mesh: InProcessMesh;

beforeAll(async () => {
  mesh = await startInProcessMesh(world);
}, 180_000);

afterAll(async () => {
  await mesh?.close();
});

const CUSTOMERS_WITH_ORDERS = `
  query($n: Int!) {
    customers(first: $n) {
      nodes {
        id displayName email
        consents { purpose channel status }
        purchaseStats { orderCount totalSpent }
        orders(first: 5) {
          nodes { id total lines { quantity product { name availableQuantity stock { location available } } } }
        }
        touchpoints(first: 3) { nodes { kind campaign { name } } }
      }
    }
  }`;

describe('statement count per gateway request', () => {
  it('is the same for 5 customers as for 50', async () => {
    const counts: Record<number, Record<string, number>> = {};
    // A first request reads what each subgraph reads once (the access log's key): not per request.
    await mesh.query(CUSTOMERS_WITH_ORDERS, { n: 1 });
    for (const n of [5, 50]) {
      mesh.resetStatementCounts();
      const result = await mesh.query(CUSTOMERS_WITH_ORDERS, { n });
      expect(result.errors).toBeUndefined();
      const customers = result.data.customers.nodes;
      expect(customers).toHaveLength(n);
      // The query really fans out: customers with orders, lines and products.
      const lines = customers.flatMap((c: any) => c.orders.nodes.flatMap((o: any) => o.lines));
      expect(lines.length).toBeGreaterThan(n);
      for (const line of lines) expect(line.product.name).toEqual(expect.any(String));
      counts[n] = mesh.statementCounts();
    }
    expect(counts[50]).toEqual(counts[5]);
    // And it is small: a handful of statements per subgraph, not one per row.
    for (const count of Object.values(counts[50])) expect(count).toBeLessThanOrEqual(6);
  });
});
