import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../../shared/pagination.js';
import {
  errorCodeOf as codeOf,
  startSubgraphForTest,
  type OperationResult as Result,
  type SubgraphUnderTest,
  type TestDatabase,
} from '../../../shared/testing.js';
import type { OrdersDatabase } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';
import {
  BASE,
  cartValue,
  customerId,
  DAY,
  orderId,
  orderPlacedAt,
  orderTotal,
  resetFixtures,
  serverWithOwners,
} from './fixtures.js';

let subgraph: SubgraphUnderTest<OrdersDatabase>;
let testDb: TestDatabase<OrdersDatabase>;
const run = (query: string, variables?: Record<string, unknown>): Promise<Result> => subgraph.run(query, variables);
const ids = (nodes: { id: string }[]) => nodes.map((node) => node.id);
const count = async (table: keyof OrdersDatabase) => testDb.rowCount(table);

beforeAll(async () => {
  subgraph = await startSubgraphForTest(
    'orders',
    migrations,
    serverWithOwners({ customers: ['cus-gone'], skus: ['SKU-GONE'] }),
  );
  testDb = subgraph.testDb;
});

afterAll(async () => {
  await subgraph.stop();
});

beforeEach(async () => {
  await resetFixtures(testDb.db);
});

const RECORD = `mutation($input: RecordOrderInput!) {
  recordOrder(input: $input) {
    id externalId status channel currency placedAt total
    customer { id }
    lines { sku quantity unitPrice lineTotal product { sku } }
  }
}`;

const validInput = (overrides: Record<string, unknown> = {}) => ({
  externalId: 'SHOP-1',
  customerId: 'cus-new',
  channel: 'MOBILE_APP',
  placedAt: '2026-03-01T10:00:00.000Z',
  lines: [
    { sku: 'SKU-1', quantity: 3, unitPrice: 19.99 },
    { sku: 'SKU-2', quantity: 1, unitPrice: 0.1 },
  ],
  ...overrides,
});

describe('Mutation.recordOrder', () => {
  it('records an order with its lines and the total computed to the cent', async () => {
    const result = await run(RECORD, { input: validInput() });
    expect(result.errors).toBeUndefined();
    const order = result.data.recordOrder;
    expect(order).toEqual({
      id: expect.any(String),
      externalId: 'SHOP-1',
      status: 'PLACED',
      channel: 'MOBILE_APP',
      currency: 'EUR',
      placedAt: '2026-03-01T10:00:00.000Z',
      total: 60.07,
      customer: { id: 'cus-new' },
      lines: [
        { sku: 'SKU-1', quantity: 3, unitPrice: 19.99, lineTotal: 59.97, product: { sku: 'SKU-1' } },
        { sku: 'SKU-2', quantity: 1, unitPrice: 0.1, lineTotal: 0.1, product: { sku: 'SKU-2' } },
      ],
    });
    const stored = await testDb.db
      .selectFrom('orders')
      .selectAll()
      .where('external_id', '=', 'SHOP-1')
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      id: order.id,
      customer_id: 'cus-new',
      total: 60.07,
      status: 'PLACED',
      currency: 'EUR',
    });
    const lines = await testDb.db
      .selectFrom('order_lines')
      .selectAll()
      .where('order_id', '=', order.id)
      .orderBy('line_no')
      .execute();
    expect(lines).toEqual([
      { order_id: order.id, line_no: 1, sku: 'SKU-1', quantity: 3, unit_price: 19.99 },
      { order_id: order.id, line_no: 2, sku: 'SKU-2', quantity: 1, unit_price: 0.1 },
    ]);
    // Read back in a new request, through the loaders rather than the mutation's primed values.
    const again = await run(`query($id: ID!) { order(id: $id) { id total lines { sku lineTotal } } }`, {
      id: order.id,
    });
    expect(again.data.order).toEqual({
      id: order.id,
      total: 60.07,
      lines: [
        { sku: 'SKU-1', lineTotal: 59.97 },
        { sku: 'SKU-2', lineTotal: 0.1 },
      ],
    });
  });

  it('takes status, currency and trims keys; placedAt defaults to now', async () => {
    const before = Date.now();
    const result = await run(RECORD, {
      input: validInput({
        externalId: '  SHOP-2 ',
        customerId: ' cus-x ',
        status: 'PAID',
        currency: 'SEK',
        placedAt: null,
      }),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data.recordOrder).toMatchObject({
      externalId: 'SHOP-2',
      status: 'PAID',
      currency: 'SEK',
      customer: { id: 'cus-x' },
    });
    const placedAt = Date.parse(result.data.recordOrder.placedAt);
    expect(placedAt).toBeGreaterThanOrEqual(before - 1);
    expect(placedAt).toBeLessThanOrEqual(Date.now());
  });

  const invalid: [string, Record<string, unknown>, RegExp][] = [
    ['an empty externalId', { externalId: '   ' }, /externalId must not be empty/],
    ['an empty customerId', { customerId: '' }, /customerId must not be empty/],
    ['no lines', { lines: [] }, /at least one line/],
    ['a zero quantity', { lines: [{ sku: 'SKU-1', quantity: 0, unitPrice: 1 }] }, /quantity must be a whole number/],
    [
      'a negative quantity',
      { lines: [{ sku: 'SKU-1', quantity: -2, unitPrice: 1 }] },
      /quantity must be a whole number/,
    ],
    [
      'a negative unit price',
      { lines: [{ sku: 'SKU-1', quantity: 1, unitPrice: -0.01 }] },
      /unitPrice must be between 0/,
    ],
    ['a price finer than a cent', { lines: [{ sku: 'SKU-1', quantity: 1, unitPrice: 1.005 }] }, /two decimal places/],
    ['an empty sku', { lines: [{ sku: ' ', quantity: 1, unitPrice: 1 }] }, /sku must not be empty/],
    [
      'a duplicate sku',
      {
        lines: [
          { sku: 'SKU-1', quantity: 1, unitPrice: 1 },
          { sku: ' SKU-1', quantity: 2, unitPrice: 1 },
        ],
      },
      /SKU-1 appears in more than one line/,
    ],
    ['a lowercase currency', { currency: 'eur' }, /currency must be an ISO 4217 code/],
    ['a four-letter currency', { currency: 'EURO' }, /currency must be an ISO 4217 code/],
  ];
  for (const [what, overrides, message] of invalid) {
    it(`rejects ${what} with BAD_USER_INPUT and writes nothing`, async () => {
      const before = await count('orders');
      const result = await run(RECORD, { input: validInput(overrides) });
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0].message).toMatch(message);
      // A refused variable fails the request before execution (no data at all); a refused argument, in execution (data null).
      expect(result.data ?? null).toBeNull();
      expect(await count('orders')).toBe(before);
    });
  }

  it('is idempotent on externalId: the second call returns the first order unchanged', async () => {
    const first = await run(RECORD, { input: validInput() });
    const second = await run(RECORD, {
      input: validInput({ status: 'DELIVERED', lines: [{ sku: 'SKU-9', quantity: 9, unitPrice: 9 }] }),
    });
    expect(second.errors).toBeUndefined();
    expect(second.data.recordOrder).toEqual(first.data.recordOrder);
    expect(await testDb.db.selectFrom('orders').select('id').where('external_id', '=', 'SHOP-1').execute()).toEqual([
      { id: first.data.recordOrder.id },
    ]);
    expect(
      await testDb.db
        .selectFrom('order_lines')
        .select('sku')
        .where('order_id', '=', first.data.recordOrder.id)
        .orderBy('line_no')
        .execute(),
    ).toEqual([{ sku: 'SKU-1' }, { sku: 'SKU-2' }]);
  });

  it('refuses an unknown or erased customer and an unknown sku with NOT_FOUND naming the field, writing nothing', async () => {
    const before = { orders: await count('orders'), lines: await count('order_lines'), outbox: await count('outbox') };
    const noCustomer = await run(RECORD, { input: validInput({ customerId: ' cus-gone ' }) });
    expect(codeOf(noCustomer)).toBe('NOT_FOUND');
    expect(noCustomer.errors![0].message).toBe('input.customerId: no customer cus-gone (unknown or erased)');
    const noSku = await run(RECORD, {
      input: validInput({
        lines: [
          { sku: 'SKU-1', quantity: 1, unitPrice: 1 },
          { sku: 'SKU-GONE', quantity: 1, unitPrice: 1 },
        ],
      }),
    });
    expect(codeOf(noSku)).toBe('NOT_FOUND');
    expect(noSku.errors![0].extensions!.argumentName).toBe('input.lines[1].sku');
    expect({ orders: await count('orders'), lines: await count('order_lines'), outbox: await count('outbox') }).toEqual(
      before,
    );
  });

  it('refuses an externalId that is already recorded for another customer with CONFLICT', async () => {
    await run(RECORD, { input: validInput() });
    const result = await run(RECORD, { input: validInput({ customerId: 'cus-other' }) });
    expect(codeOf(result)).toBe('CONFLICT');
    expect(result.errors![0].message).toMatch(/another customer/);
  });

  it('creates exactly one order when the same externalId is recorded concurrently', async () => {
    testDb.resetStatementCount();
    const results = await Promise.all(
      Array.from({ length: 12 }, () => run(RECORD, { input: validInput({ externalId: 'SHOP-RACE' }) })),
    );
    for (const result of results) expect(result.errors).toBeUndefined();
    const orderIds = new Set(results.map((result) => result.data.recordOrder.id));
    expect(orderIds.size).toBe(1);
    for (const result of results) expect(result.data.recordOrder.lines).toHaveLength(2);
    const rows = await testDb.db.selectFrom('orders').select('id').where('external_id', '=', 'SHOP-RACE').execute();
    expect(rows).toEqual([{ id: [...orderIds][0] }]);
    expect(
      await testDb.db.selectFrom('order_lines').select('sku').where('order_id', '=', rows[0].id).execute(),
    ).toHaveLength(2);
    // One call inserted the lines; the eleven others found the order already recorded.
    const statements = testDb.statements();
    expect(statements.filter((text) => text.startsWith('insert into "order_lines"'))).toHaveLength(1);
    expect(statements.filter((text) => text.includes('on conflict ("external_id") do nothing'))).toHaveLength(12);
  });

  it('lets one customer win a concurrent race for an externalId and tells the others CONFLICT', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        run(RECORD, { input: validInput({ externalId: 'SHOP-CONTESTED', customerId: `cus-racer-${i}` }) }),
      ),
    );
    const winners = results.filter((result) => !result.errors);
    expect(winners).toHaveLength(1);
    expect(results.filter((result) => codeOf(result) === 'CONFLICT')).toHaveLength(5);
    const rows = await testDb.db
      .selectFrom('orders')
      .select(['id', 'customer_id'])
      .where('external_id', '=', 'SHOP-CONTESTED')
      .execute();
    expect(rows).toEqual([
      { id: winners[0].data.recordOrder.id, customer_id: winners[0].data.recordOrder.customer.id },
    ]);
  });
});

describe('Query.order and Query.orderByExternalId', () => {
  it('reads an order by id and by the shop id, and null for unknown ones', async () => {
    const fields = `id externalId status channel currency placedAt total customer { id } lines { sku quantity unitPrice lineTotal }`;
    const result = await run(
      `{ a: order(id: "${orderId(7, 2)}") { ${fields} } b: orderByExternalId(externalId: "EXT-${orderId(7, 2)}") { id } c: order(id: "nope") { id } d: orderByExternalId(externalId: "nope") { id } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.a).toEqual({
      id: orderId(7, 2),
      externalId: `EXT-${orderId(7, 2)}`,
      status: 'DELIVERED',
      channel: 'WEB',
      currency: 'EUR',
      placedAt: orderPlacedAt(7, 2).toISOString(),
      total: orderTotal(7, 2),
      customer: { id: customerId(7) },
      lines: [
        { sku: 'SKU-A', quantity: 2, unitPrice: 10, lineTotal: 20 },
        { sku: 'SKU-B', quantity: 1, unitPrice: 7.99, lineTotal: 7.99 },
      ],
    });
    expect(result.data.b).toEqual({ id: orderId(7, 2) });
    expect(result.data.c).toBeNull();
    expect(result.data.d).toBeNull();
  });

  it('resolves Order references in one statement per field', async () => {
    const representations = [orderId(3, 1), 'missing', orderId(9, 4), orderId(1, 2)].map((id) => ({
      __typename: 'Order',
      id,
    }));
    testDb.resetStatementCount();
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id total lines { sku } } } }`,
      { r: representations },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toEqual([
      { id: orderId(3, 1), total: orderTotal(3, 1), lines: [{ sku: 'SKU-A' }, { sku: 'SKU-B' }] },
      null,
      { id: orderId(9, 4), total: orderTotal(9, 4), lines: [{ sku: 'SKU-A' }, { sku: 'SKU-B' }] },
      { id: orderId(1, 2), total: orderTotal(1, 2), lines: [{ sku: 'SKU-A' }, { sku: 'SKU-B' }] },
    ]);
    expect(testDb.statementCount()).toBe(2);
  });
});

const CUSTOMER_ENTITIES = `query($r: [_Any!]!) {
  _entities(representations: $r) {
    ... on Customer {
      id
      orders(first: 3) { nodes { id total lines { sku quantity product { sku } } } pageInfo { hasNextPage } }
      purchaseStats { orderCount totalSpent averageOrderValue }
      cart { value }
    }
  }
}`;

describe('Customer entity fields', () => {
  it('costs the same number of statements for 5 customers as for 50, with the right values', async () => {
    const counts: number[] = [];
    for (const n of [5, 50]) {
      const representations = Array.from({ length: n }, (_, i) => ({ __typename: 'Customer', id: customerId(i + 1) }));
      testDb.resetStatementCount();
      const result = await run(CUSTOMER_ENTITIES, { r: representations });
      counts.push(testDb.statementCount());
      expect(result.errors).toBeUndefined();
      expect(result.data._entities).toHaveLength(n);
      for (const [i, customer] of result.data._entities.entries()) {
        const k = i + 1;
        expect(customer.id).toBe(customerId(k));
        expect(customer.orders.nodes).toEqual(
          [4, 3, 2].map((j) => ({
            id: orderId(k, j),
            total: orderTotal(k, j),
            lines: [
              { sku: 'SKU-A', quantity: j, product: { sku: 'SKU-A' } },
              { sku: 'SKU-B', quantity: 1, product: { sku: 'SKU-B' } },
            ],
          })),
        );
        expect(customer.orders.pageInfo.hasNextPage).toBe(true);
        const spent = [1, 2, 3, 4].reduce((sum, j) => sum + orderTotal(k, j), 0);
        expect(customer.purchaseStats.orderCount).toBe(4);
        expect(customer.purchaseStats.totalSpent).toBeCloseTo(spent, 2);
        expect(customer.purchaseStats.averageOrderValue).toBeCloseTo(spent / 4, 2);
        expect(customer.cart).toEqual(k % 2 === 0 ? { value: cartValue(k) } : null);
      }
    }
    // orders page, order lines, purchase stats, cart: one statement each.
    expect(counts).toEqual([4, 4]);
  });

  it('computes purchase stats by hand: cancelled orders never count, refunded ones count but earn nothing', async () => {
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id purchaseStats { orderCount totalSpent averageOrderValue firstOrderAt lastOrderAt } } } }`,
      {
        r: [
          { __typename: 'Customer', id: 'cus-stats' },
          { __typename: 'Customer', id: 'cus-nobody' },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toEqual([
      {
        id: 'cus-stats',
        // DELIVERED, REFUNDED and PAID; revenue 100.00 + 50.50 over two orders.
        purchaseStats: {
          orderCount: 3,
          totalSpent: 150.5,
          averageOrderValue: 75.25,
          firstOrderAt: new Date(BASE + DAY).toISOString(),
          lastOrderAt: new Date(BASE + 5 * DAY).toISOString(),
        },
      },
      {
        id: 'cus-nobody',
        purchaseStats: { orderCount: 0, totalSpent: 0, averageOrderValue: 0, firstOrderAt: null, lastOrderAt: null },
      },
    ]);
  });

  it('answers exact Money: totals as decimal strings, revenue and average per currency, rounded once half-even', async () => {
    // 318.5275 on average in EUR: a float average printed 318.52; half-even on the cents gives 318.53.
    const eur = [318.53, 318.52, 318.53, 318.53];
    for (const [n, unitPrice] of eur.entries()) {
      expect(
        (
          await run(RECORD, {
            input: validInput({
              externalId: `M-${n}`,
              customerId: 'cus-money',
              lines: [{ sku: 'SKU-1', quantity: 1, unitPrice }],
            }),
          })
        ).errors,
      ).toBeUndefined();
    }
    const sek = await run(RECORD, {
      input: validInput({
        externalId: 'M-SEK',
        customerId: 'cus-money',
        currency: 'SEK',
        lines: [{ sku: 'SKU-1', quantity: 3, unitPrice: 11.34 }],
      }),
    });
    expect(sek.errors).toBeUndefined();
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer {
      purchaseStats { totalSpentByCurrency { amount currency } averageOrderValueByCurrency { amount currency } }
    } } }`,
      {
        r: [
          { __typename: 'Customer', id: 'cus-money' },
          { __typename: 'Customer', id: 'cus-nobody' },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    const [money, nobody] = result.data._entities;
    expect(
      (await run(`{ orderByExternalId(externalId: "M-SEK") { total totalMoney { amount currency } } }`)).data
        .orderByExternalId,
    ).toEqual({ total: 34.02, totalMoney: { amount: '34.02', currency: 'SEK' } });
    expect(money.purchaseStats.totalSpentByCurrency).toEqual([
      { amount: '1274.11', currency: 'EUR' },
      { amount: '34.02', currency: 'SEK' },
    ]);
    expect(money.purchaseStats.averageOrderValueByCurrency).toEqual([
      { amount: '318.53', currency: 'EUR' },
      { amount: '34.02', currency: 'SEK' },
    ]);
    expect(nobody.purchaseStats).toEqual({ totalSpentByCurrency: [], averageOrderValueByCurrency: [] });
  });

  it('gives a customer without orders or cart an empty connection and no cart', async () => {
    const result = await run(CUSTOMER_ENTITIES, { r: [{ __typename: 'Customer', id: 'cus-nobody' }] });
    expect(result.errors).toBeUndefined();
    expect(result.data._entities[0]).toEqual({
      id: 'cus-nobody',
      orders: { nodes: [], pageInfo: { hasNextPage: false } },
      purchaseStats: { orderCount: 0, totalSpent: 0, averageOrderValue: 0 },
      cart: null,
    });
  });
});

describe('Customer.orders pagination', () => {
  const PAGE = `query($r: [_Any!]!, $first: Int, $after: String) {
    _entities(representations: $r) { ... on Customer { orders(first: $first, after: $after) { edges { cursor node { id } } nodes { id placedAt } pageInfo { hasNextPage endCursor } } } }
  }`;
  const page = (id: string, first: number | null, after: string | null = null) =>
    run(PAGE, { r: [{ __typename: 'Customer', id }], first, after });

  it('walks newest first through every order, breaking placedAt ties by id, without gaps or repeats', async () => {
    const seen: string[] = [];
    const hasNext: boolean[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const result = await page('cus-ties', 2, after);
      expect(result.errors).toBeUndefined();
      const { edges, nodes, pageInfo } = result.data._entities[0].orders;
      expect(edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual(ids(nodes));
      expect(pageInfo.endCursor).toBe(edges.at(-1).cursor);
      seen.push(...ids(nodes));
      hasNext.push(pageInfo.hasNextPage);
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(seen).toEqual(['ord-t-0', 'ord-t-c', 'ord-t-b', 'ord-t-a', 'ord-t-z']);
    expect(hasNext).toEqual([true, true, false]);
  });

  it('pages many customers after the same cursor in one statement', async () => {
    const cursor = encodeCursor([orderPlacedAt(10, 3).toISOString(), orderId(10, 3)]);
    testDb.resetStatementCount();
    const result = await run(PAGE, {
      r: [9, 10, 11].map((k) => ({ __typename: 'Customer', id: customerId(k) })),
      first: 10,
      after: cursor,
    });
    expect(result.errors).toBeUndefined();
    expect(testDb.statementCount()).toBe(1);
    // Placed one minute apart per customer, ten minutes apart between customers: the cursor sits inside customer 10.
    expect(result.data._entities.map((c: any) => ids(c.orders.nodes))).toEqual([
      [orderId(9, 4), orderId(9, 3), orderId(9, 2), orderId(9, 1)],
      [orderId(10, 2), orderId(10, 1)],
      [],
    ]);
  });

  it('defaults first to 10 and answers first: 0 with no nodes', async () => {
    const all = await page('cus-stats', null);
    expect(ids(all.data._entities[0].orders.nodes)).toEqual(['ord-s-5', 'ord-s-3', 'ord-s-4', 'ord-s-1', 'ord-s-2']);
    const none = await page('cus-stats', 0);
    expect(none.data._entities[0].orders).toEqual({
      edges: [],
      nodes: [],
      pageInfo: { hasNextPage: true, endCursor: null },
    });
  });

  it('rejects a first above 100 or below 0 and a malformed cursor with BAD_USER_INPUT', async () => {
    for (const [first, after] of [
      [101, null],
      [-1, null],
      [5, 'not-a-cursor'],
      [5, encodeCursor(['yesterday', 'ord-1'])],
      [5, encodeCursor([1, 2, 3])],
    ] as const) {
      const result = await page(customerId(1), first, after);
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
    }
  });
});

const UPDATE_CART = `mutation($input: UpdateCartInput!) {
  updateCart(input: $input) { id value lastActivityAt customer { id } lines { sku quantity unitPrice product { sku } } }
}`;
const CART_OF = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { cart { id value lastActivityAt lines { sku quantity unitPrice } } } } }`;

describe('Mutation.updateCart', () => {
  it('creates a cart, replaces its lines, empties it, and keeps one cart per customer', async () => {
    const created = await run(UPDATE_CART, {
      input: {
        customerId: 'cus-cart',
        lines: [
          { sku: 'SKU-1', quantity: 2, unitPrice: 9.99 },
          { sku: 'SKU-2', quantity: 1, unitPrice: 5 },
        ],
      },
    });
    expect(created.errors).toBeUndefined();
    const cart = created.data.updateCart;
    expect(cart).toMatchObject({
      value: 24.98,
      customer: { id: 'cus-cart' },
      lines: [
        { sku: 'SKU-1', quantity: 2, unitPrice: 9.99, product: { sku: 'SKU-1' } },
        { sku: 'SKU-2', quantity: 1, unitPrice: 5, product: { sku: 'SKU-2' } },
      ],
    });

    const replaced = await run(UPDATE_CART, {
      input: { customerId: 'cus-cart', lines: [{ sku: 'SKU-3', quantity: 4, unitPrice: 0.25 }] },
    });
    expect(replaced.data.updateCart).toMatchObject({
      id: cart.id,
      value: 1,
      lines: [{ sku: 'SKU-3', quantity: 4, unitPrice: 0.25 }],
    });
    expect(Date.parse(replaced.data.updateCart.lastActivityAt)).toBeGreaterThanOrEqual(Date.parse(cart.lastActivityAt));
    const read = await run(CART_OF, { r: [{ __typename: 'Customer', id: 'cus-cart' }] });
    expect(read.data._entities[0].cart).toEqual({
      id: cart.id,
      value: 1,
      lastActivityAt: replaced.data.updateCart.lastActivityAt,
      lines: [{ sku: 'SKU-3', quantity: 4, unitPrice: 0.25 }],
    });

    const emptied = await run(UPDATE_CART, { input: { customerId: 'cus-cart', lines: [] } });
    expect(emptied.data.updateCart).toMatchObject({ id: cart.id, value: 0, lines: [] });
    const readEmpty = await run(CART_OF, { r: [{ __typename: 'Customer', id: 'cus-cart' }] });
    expect(readEmpty.data._entities[0].cart).toMatchObject({ id: cart.id, value: 0, lines: [] });
    expect(await testDb.db.selectFrom('carts').select('id').where('customer_id', '=', 'cus-cart').execute()).toEqual([
      { id: cart.id },
    ]);
  });

  it('touches lastActivityAt of an existing cart', async () => {
    const result = await run(UPDATE_CART, {
      input: { customerId: customerId(2), lines: [{ sku: 'SKU-C', quantity: 1, unitPrice: 5.25 }] },
    });
    expect(result.data.updateCart).toMatchObject({ id: 'cart-02', value: 5.25 });
    expect(Date.parse(result.data.updateCart.lastActivityAt)).toBeGreaterThan(BASE + 2 * 60_000);
  });

  it('rejects bad lines with BAD_USER_INPUT and leaves the cart as it was', async () => {
    for (const lines of [
      [{ sku: 'SKU-1', quantity: 0, unitPrice: 1 }],
      [{ sku: 'SKU-1', quantity: 1, unitPrice: -1 }],
      [{ sku: '', quantity: 1, unitPrice: 1 }],
      [
        { sku: 'SKU-1', quantity: 1, unitPrice: 1 },
        { sku: 'SKU-1', quantity: 1, unitPrice: 2 },
      ],
    ]) {
      const result = await run(UPDATE_CART, { input: { customerId: customerId(4), lines } });
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
    }
    const read = await run(CART_OF, { r: [{ __typename: 'Customer', id: customerId(4) }] });
    expect(read.data._entities[0].cart).toMatchObject({ id: 'cart-04', value: cartValue(4) });
    expect((await run(UPDATE_CART, { input: { customerId: ' ', lines: [] } })).errors![0].extensions!.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('refuses a cart for an unknown customer or with an unknown sku with NOT_FOUND, leaving every cart as it was', async () => {
    const before = { carts: await count('carts'), lines: await count('cart_lines'), outbox: await count('outbox') };
    const noCustomer = await run(UPDATE_CART, { input: { customerId: 'cus-gone', lines: [] } });
    expect(codeOf(noCustomer)).toBe('NOT_FOUND');
    expect(noCustomer.errors![0].extensions!.argumentName).toBe('input.customerId');
    const noSku = await run(UPDATE_CART, {
      input: { customerId: customerId(4), lines: [{ sku: 'SKU-GONE', quantity: 1, unitPrice: 1 }] },
    });
    expect(codeOf(noSku)).toBe('NOT_FOUND');
    expect(noSku.errors![0].message).toMatch(/^input\.lines\[0\]\.sku: no product SKU-GONE/);
    expect({ carts: await count('carts'), lines: await count('cart_lines'), outbox: await count('outbox') }).toEqual(
      before,
    );
    const read = await run(CART_OF, { r: [{ __typename: 'Customer', id: customerId(4) }] });
    expect(read.data._entities[0].cart).toMatchObject({ id: 'cart-04', value: cartValue(4) });
  });

  it('keeps one cart when the same new customer updates it concurrently', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        run(UPDATE_CART, {
          input: { customerId: 'cus-busy', lines: [{ sku: `SKU-${i}`, quantity: i + 1, unitPrice: 1 }] },
        }),
      ),
    );
    for (const result of results) expect(result.errors).toBeUndefined();
    expect(new Set(results.map((result) => result.data.updateCart.id)).size).toBe(1);
    const carts = await testDb.db.selectFrom('carts').select('id').where('customer_id', '=', 'cus-busy').execute();
    expect(carts).toHaveLength(1);
    // The last writer's lines, whole: never a mix of two updates.
    const lines = await testDb.db
      .selectFrom('cart_lines')
      .select(['sku', 'quantity'])
      .where('cart_id', '=', carts[0].id)
      .execute();
    expect(lines).toHaveLength(1);
    expect(lines[0].quantity).toBe(Number(lines[0].sku.slice(4)) + 1);
  });
});
