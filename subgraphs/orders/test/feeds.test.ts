// Query.orders (the order facts other domains read) and Query.abandonedCarts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  errorCodeOf as codeOf,
  startSubgraphForTest,
  type OperationResult as Result,
  type SubgraphUnderTest,
  type TestDatabase,
} from '../../../shared/testing.js';
import type { OrdersDatabase } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';
import type { OrderStatus } from '../src/db/order.table.js';
import { createServer } from '../src/server.js';

const MINUTE = 60_000;
let subgraph: SubgraphUnderTest<OrdersDatabase>;
let testDb: TestDatabase<OrdersDatabase>;
const run = (query: string, variables?: Record<string, unknown>): Promise<Result> => subgraph.run(query, variables);
const T0 = new Date('2026-10-01T00:00:00.000Z').getTime();

async function order(id: string, customer: string, placedAt: Date, status: OrderStatus = 'DELIVERED') {
  await testDb.db
    .insertInto('orders')
    .values({
      id,
      external_id: id,
      customer_id: customer,
      status,
      channel: 'WEB',
      currency: 'EUR',
      placed_at: placedAt,
      total: 10,
    })
    .execute();
}

async function cart(id: string, customer: string, idleMinutes: number, lines = 1) {
  const at = new Date(Date.now() - idleMinutes * MINUTE);
  await testDb.db
    .insertInto('carts')
    .values({ id, customer_id: customer, last_activity_at: at, updated_at: at })
    .execute();
  for (let n = 1; n <= lines; n++)
    await testDb.db
      .insertInto('cart_lines')
      .values({ cart_id: id, line_no: n, sku: `SKU-${n}`, quantity: n, unit_price: 2.5 })
      .execute();
  return at;
}

beforeAll(async () => {
  subgraph = await startSubgraphForTest('orders', migrations, createServer);
  testDb = subgraph.testDb;
});

afterAll(async () => {
  await subgraph.stop();
});

beforeEach(async () => {
  await testDb.db.deleteFrom('cart_lines').execute();
  await testDb.db.deleteFrom('carts').execute();
  await testDb.db.deleteFrom('order_lines').execute();
  await testDb.db.deleteFrom('orders').execute();
});

describe('Query.orders', () => {
  const FEED = `query($filter: OrderFilter, $first: Int, $after: String) { orders(filter: $filter, first: $first, after: $after) { nodes { id placedAt status customer { id } } pageInfo { hasNextPage endCursor } } }`;

  it('pages a period oldest first, filtered by customers and statuses, placedTo exclusive', async () => {
    for (let i = 0; i < 6; i++)
      await order(`o${i}`, i % 2 ? 'odd' : 'even', new Date(T0 + i * MINUTE), i === 4 ? 'REFUNDED' : 'DELIVERED');
    // Two orders at the same instant: the id breaks the tie.
    await order('o6b', 'even', new Date(T0 + 6 * MINUTE));
    await order('o6a', 'even', new Date(T0 + 6 * MINUTE));
    const filter = {
      placedFrom: new Date(T0 + MINUTE).toISOString(),
      placedTo: new Date(T0 + 7 * MINUTE).toISOString(),
    };
    const first = (await run(FEED, { filter, first: 3 })).data.orders;
    expect(first.nodes.map((o: { id: string }) => o.id)).toEqual(['o1', 'o2', 'o3']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = (await run(FEED, { filter, first: 10, after: first.pageInfo.endCursor })).data.orders;
    expect(rest.nodes.map((o: { id: string }) => o.id)).toEqual(['o4', 'o5', 'o6a', 'o6b']);
    expect(rest.pageInfo.hasNextPage).toBe(false);

    const even = (await run(FEED, { filter: { customerIds: ['even'], statuses: ['DELIVERED'] }, first: 10 })).data
      .orders;
    expect(even.nodes.map((o: { id: string }) => o.id)).toEqual(['o0', 'o2', 'o6a', 'o6b']);
    expect(even.nodes[0].customer).toEqual({ id: 'even' });
    expect((await run(FEED, { filter: { customerIds: [] } })).data.orders.nodes).toEqual([]);
  });

  it('rejects an empty period, more than 1000 customers and pages above 1000', async () => {
    const at = new Date(T0).toISOString();
    expect(codeOf(await run(FEED, { filter: { placedFrom: at, placedTo: at } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(FEED, { filter: { customerIds: Array.from({ length: 1001 }, (_, i) => `c${i}`) } }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await run(FEED, { first: 1001 }))).toBe('BAD_USER_INPUT');
    expect((await run(FEED, { first: 1000 })).errors).toBeUndefined();
  });
});

describe('Query.abandonedCarts', () => {
  const ABANDONED = `query($idle: Int, $first: Int, $after: String) { abandonedCarts(idleMinutes: $idle, first: $first, after: $after) {
    nodes { idleMinutes value lastActivityAt customer { id } cart { id lines { sku quantity } } } pageInfo { hasNextPage endCursor } } }`;

  it('lists idle carts with lines and no order since their last activity, longest idle first', async () => {
    await cart('cart-old', 'a', 300, 2);
    await cart('cart-mid', 'b', 45);
    await cart('cart-fresh', 'c', 10);
    await cart('cart-empty', 'd', 300, 0);
    const converted = await cart('cart-bought', 'e', 120);
    await order('o-e', 'e', new Date(converted.getTime() + MINUTE));
    // An order before the cart's last activity does not make it less abandoned.
    const earlier = await cart('cart-returning', 'f', 60);
    await order('o-f', 'f', new Date(earlier.getTime() - 5 * MINUTE));

    const result = await run(ABANDONED, { idle: 30, first: 2 });
    expect(result.errors).toBeUndefined();
    const page = result.data.abandonedCarts;
    expect(page.nodes.map((n: { cart: { id: string } }) => n.cart.id)).toEqual(['cart-old', 'cart-returning']);
    expect(page.nodes[0]).toMatchObject({
      value: 2.5 + 2 * 2.5,
      customer: { id: 'a' },
      cart: {
        lines: [
          { sku: 'SKU-1', quantity: 1 },
          { sku: 'SKU-2', quantity: 2 },
        ],
      },
    });
    expect(page.nodes[0].idleMinutes).toBeGreaterThanOrEqual(300);
    const next = (await run(ABANDONED, { idle: 30, first: 2, after: page.pageInfo.endCursor })).data.abandonedCarts;
    expect(next.nodes.map((n: { cart: { id: string } }) => n.cart.id)).toEqual(['cart-mid']);
    expect(next.pageInfo.hasNextPage).toBe(false);
    expect((await run(ABANDONED, { idle: 5 })).data.abandonedCarts.nodes).toHaveLength(4);
  });

  it('rejects idle times outside 1..43200 minutes', async () => {
    expect(codeOf(await run(ABANDONED, { idle: 0 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(ABANDONED, { idle: 43_201 }))).toBe('BAD_USER_INPUT');
  });

  it('resolves a cart reference for the subgraphs that extend Cart', async () => {
    await cart('cart-ref', 'g', 40, 1);
    const result = await run(
      `{ _entities(representations: [{ __typename: "Cart", id: "cart-ref" }, { __typename: "Cart", id: "nope" }]) { ... on Cart { id value lines { sku } } } }`,
    );
    expect(result.data._entities).toEqual([{ id: 'cart-ref', value: 2.5, lines: [{ sku: 'SKU-1' }] }, null]);
  });
});
