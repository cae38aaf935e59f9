import { beforeEach, describe, expect, it } from 'vitest';
import { errorCodeOf as codeOf } from '../../../shared/testing.js';
import { emptyInventory, useInventorySubgraph } from './harness.js';

const inventory = useInventorySubgraph();
const run = (query: string, variables?: Record<string, unknown>) => inventory.run(query, variables);

beforeEach(async () => {
  const { db } = inventory.testDb;
  await emptyInventory(inventory.testDb);
  await db
    .insertInto('locations')
    .values(['BER', 'PAR', 'MAD'].map((code) => ({ code, name: `Warehouse ${code}` })))
    .execute();
  const products = Array.from({ length: 60 }, (_, i) => ({
    sku: `SKU-${String(i + 1).padStart(3, '0')}`,
    name: `Product ${i + 1}`,
    category: i % 2 === 0 ? 'dresses' : 'shoes',
    price: 10 + i,
  }));
  await db.insertInto('products').values(products).execute();
  // Every third product is sold out: all of its units are reserved.
  await db
    .insertInto('stock_levels')
    .values(
      products.flatMap((p, i) => [
        { sku: p.sku, location: 'BER', on_hand: i % 3 === 0 ? 2 : 5, reserved: i % 3 === 0 ? 2 : 1 },
        { sku: p.sku, location: 'PAR', on_hand: i % 3 === 0 ? 0 : 3, reserved: 0 },
      ]),
    )
    .execute();
});

describe('products', () => {
  it('reads a product with stock per location and availability', async () => {
    const result = await run(
      `{ product(sku: "SKU-002") { sku name category price availableQuantity inStock stock { location onHand reserved available } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.product).toEqual({
      sku: 'SKU-002',
      name: 'Product 2',
      category: 'shoes',
      price: 11,
      availableQuantity: 7,
      inStock: true,
      stock: [
        { location: 'BER', onHand: 5, reserved: 1, available: 4 },
        { location: 'PAR', onHand: 3, reserved: 0, available: 3 },
      ],
    });
    const soldOut = await run(`{ product(sku: "SKU-001") { availableQuantity inStock } }`);
    expect(soldOut.data.product).toEqual({ availableQuantity: 0, inStock: false });
    expect((await run(`{ product(sku: "NOPE") { sku } }`)).data.product).toBeNull();
  });

  it('pages through products with the in-stock filter applied before the limit', async () => {
    const query = `query($after: String) { products(first: 10, after: $after, filter: { inStock: true, category: "dresses" }) { nodes { sku inStock category } pageInfo { hasNextPage endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const result = await run(query, { after });
      const { nodes, pageInfo } = result.data.products;
      for (const node of nodes) {
        expect(node.inStock).toBe(true);
        expect(node.category).toBe('dresses');
      }
      seen.push(...nodes.map((n: { sku: string }) => n.sku));
      if (!pageInfo.hasNextPage) break;
      expect(nodes).toHaveLength(10);
      after = pageInfo.endCursor;
    }
    // 30 dresses (odd indexes 0,2,...); those with index % 3 == 0 are sold out: indexes 0,6,...,54 -> 10 of them.
    expect(seen).toHaveLength(20);
    expect(new Set(seen).size).toBe(20);
  });

  it('rejects a page size above the bound and a malformed cursor', async () => {
    expect(codeOf(await run(`{ products(first: 101) { nodes { sku } } }`))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(`{ products(after: "garbage") { nodes { sku } } }`))).toBe('BAD_USER_INPUT');
  });
});

describe('entities', () => {
  const entitiesQuery = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { sku name availableQuantity inStock stock { location available } } } }`;

  it('resolves Product references in key order with one statement per field, for 5 or 50 keys', async () => {
    const counts: number[] = [];
    for (const n of [5, 50]) {
      const representations = Array.from({ length: n }, (_, i) => ({
        __typename: 'Product',
        sku: `SKU-${String(n - i).padStart(3, '0')}`,
      }));
      inventory.testDb.resetStatementCount();
      const result = await run(entitiesQuery, { r: representations });
      expect(result.errors).toBeUndefined();
      expect(result.data._entities.map((e: { sku: string }) => e.sku)).toEqual(representations.map((r) => r.sku));
      counts.push(inventory.testDb.statementCount());
    }
    expect(counts[0]).toBe(2);
    expect(counts[1]).toBe(counts[0]);
  });

  it('returns null for an unknown product reference', async () => {
    const result = await run(entitiesQuery, { r: [{ __typename: 'Product', sku: 'NOPE' }] });
    expect(result.data._entities).toEqual([null]);
  });

  it('computes promotableProducts from the promoted skus, in campaign order, before taking first', async () => {
    // Promote sold-out and in-stock items alternately: 1 (sold out), 2, 3, 4 (sold out), 5, ...
    const promotedSkus = Array.from({ length: 30 }, (_, i) => `SKU-${String(i + 1).padStart(3, '0')}`);
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Campaign { id promotableProducts(first: 10) { sku availableQuantity } } } }`;
    inventory.testDb.resetStatementCount();
    const result = await run(query, {
      r: [
        { __typename: 'Campaign', id: 'cmp-1', promotedSkus },
        { __typename: 'Campaign', id: 'cmp-2', promotedSkus: ['SKU-001', 'SKU-004', 'SKU-005', 'UNKNOWN'] },
      ],
    });
    expect(result.errors).toBeUndefined();
    const [first, second] = result.data._entities;
    expect(first.promotableProducts).toHaveLength(10);
    expect(first.promotableProducts.map((p: { sku: string }) => p.sku)).toEqual([
      'SKU-002',
      'SKU-003',
      'SKU-005',
      'SKU-006',
      'SKU-008',
      'SKU-009',
      'SKU-011',
      'SKU-012',
      'SKU-014',
      'SKU-015',
    ]);
    for (const product of first.promotableProducts) expect(product.availableQuantity).toBeGreaterThan(0);
    expect(second.promotableProducts.map((p: { sku: string }) => p.sku)).toEqual(['SKU-005']);
    expect(inventory.testDb.statementCount()).toBe(1);
  });

  it('honours minAvailable', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Campaign { promotableProducts(minAvailable: 8) { sku } } } }`;
    const result = await run(query, {
      r: [{ __typename: 'Campaign', id: 'c', promotedSkus: ['SKU-002', 'SKU-003', 'SKU-004'] }],
    });
    expect(result.data._entities[0].promotableProducts).toEqual([]);
    const invalid = await run(query.replace('minAvailable: 8', 'minAvailable: 0'), {
      r: [{ __typename: 'Campaign', id: 'c', promotedSkus: [] }],
    });
    expect(codeOf(invalid)).toBe('BAD_USER_INPUT');
  });
});

describe('cross-sell and cart availability', () => {
  it("keeps the recommendation candidates that can be sold now, in the candidates' order, before taking first", async () => {
    const candidates = ['SKU-004', 'SKU-002', 'UNKNOWN', 'SKU-001', 'SKU-003', 'SKU-005', 'SKU-006', 'SKU-008'];
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id recommendedProducts(first: 3) { sku availableQuantity } } } }`;
    inventory.testDb.resetStatementCount();
    const result = await run(query, {
      r: [
        { __typename: 'Customer', id: 'cus-1', recommendationCandidateSkus: candidates },
        { __typename: 'Customer', id: 'cus-2', recommendationCandidateSkus: [] },
        { __typename: 'Customer', id: 'cus-3', recommendationCandidateSkus: null },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data._entities[0].recommendedProducts.map((p: { sku: string }) => p.sku)).toEqual([
      'SKU-002',
      'SKU-003',
      'SKU-005',
    ]);
    expect(result.data._entities[1].recommendedProducts).toEqual([]);
    expect(result.data._entities[2].recommendedProducts).toEqual([]);
    expect(inventory.testDb.statementCount()).toBe(1);
    const tooMany = await run(query.replace('first: 3', 'first: 101'), {
      r: [{ __typename: 'Customer', id: 'c', recommendationCandidateSkus: [] }],
    });
    expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
  });

  it("lists the cart lines whose product has the line's quantity available, in cart order", async () => {
    const available = (sku: string) =>
      result0.data.products.nodes.find((p: { sku: string }) => p.sku === sku).availableQuantity;
    const result0 = await run(`{ products(first: 10) { nodes { sku availableQuantity } } }`);
    const lines = [
      { sku: 'SKU-002', quantity: available('SKU-002') },
      { sku: 'SKU-001', quantity: 1 },
      { sku: 'SKU-003', quantity: available('SKU-003') + 1 },
      { sku: 'UNKNOWN', quantity: 1 },
      { sku: 'SKU-005', quantity: 1 },
    ];
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Cart { id availableLines { product { sku } quantity availableQuantity } } } }`,
      {
        r: [{ __typename: 'Cart', id: 'cart-1', lines }],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities[0]).toEqual({
      id: 'cart-1',
      availableLines: [
        { product: { sku: 'SKU-002' }, quantity: available('SKU-002'), availableQuantity: available('SKU-002') },
        { product: { sku: 'SKU-005' }, quantity: 1, availableQuantity: available('SKU-005') },
      ],
    });
  });
});

describe('stock mutations', () => {
  const reserve = `mutation($input: ReserveStockInput!) { reserveStock(input: $input) { id sku location quantity status } }`;

  it('adjusts stock and refuses to drop on hand below reserved', async () => {
    const added = await run(
      `mutation { adjustStock(input: { sku: "SKU-001", location: "PAR", delta: 4, reason: "restock" }) { availableQuantity inStock } }`,
    );
    expect(added.errors).toBeUndefined();
    expect(added.data.adjustStock).toEqual({ availableQuantity: 4, inStock: true });
    const newLocation = await run(
      `mutation { adjustStock(input: { sku: "SKU-001", location: "MAD", delta: 1 }) { stock { location onHand } } }`,
    );
    expect(newLocation.data.adjustStock.stock).toContainEqual({ location: 'MAD', onHand: 1 });
    const tooMuch = await run(
      `mutation { adjustStock(input: { sku: "SKU-002", location: "BER", delta: -5 }) { sku } }`,
    );
    expect(codeOf(tooMuch)).toBe('CONFLICT');
    expect(
      codeOf(await run(`mutation { adjustStock(input: { sku: "NOPE", location: "BER", delta: 1 }) { sku } }`)),
    ).toBe('NOT_FOUND');
    expect(
      codeOf(await run(`mutation { adjustStock(input: { sku: "SKU-002", location: "BER", delta: 0 }) { sku } }`)),
    ).toBe('BAD_USER_INPUT');
    const adjustments = await inventory.testDb.db
      .selectFrom('stock_adjustments')
      .select(['sku', 'delta', 'reason'])
      .orderBy('id')
      .execute();
    expect(adjustments).toEqual([
      { sku: 'SKU-001', delta: 4, reason: 'restock' },
      { sku: 'SKU-001', delta: 1, reason: null },
    ]);
  });

  it('reserves from the location with the most available units and releases it again', async () => {
    const reserved = await run(reserve, { input: { sku: 'SKU-002', quantity: 3, reference: 'cart-1' } });
    expect(reserved.errors).toBeUndefined();
    expect(reserved.data.reserveStock).toMatchObject({
      sku: 'SKU-002',
      location: 'BER',
      quantity: 3,
      status: 'ACTIVE',
    });
    expect((await run(`{ product(sku: "SKU-002") { availableQuantity } }`)).data.product.availableQuantity).toBe(4);

    const { id } = reserved.data.reserveStock;
    const released = await run(`mutation($id: ID!) { releaseReservation(id: $id) { status releasedAt } }`, { id });
    expect(released.data.releaseReservation.status).toBe('RELEASED');
    expect(released.data.releaseReservation.releasedAt).toEqual(expect.any(String));
    expect((await run(`{ product(sku: "SKU-002") { availableQuantity } }`)).data.product.availableQuantity).toBe(7);
    expect(codeOf(await run(`mutation($id: ID!) { releaseReservation(id: $id) { id } }`, { id }))).toBe('CONFLICT');
    expect(codeOf(await run(`mutation { releaseReservation(id: "nope") { id } }`))).toBe('NOT_FOUND');
  });

  it('rejects bad reservation input with stable codes', async () => {
    expect(codeOf(await run(reserve, { input: { sku: 'SKU-002', quantity: 0 } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(reserve, { input: { sku: 'NOPE', quantity: 1 } }))).toBe('NOT_FOUND');
    expect(codeOf(await run(reserve, { input: { sku: 'SKU-001', quantity: 1 } }))).toBe('CONFLICT');
    expect(codeOf(await run(reserve, { input: { sku: 'SKU-002', quantity: 5, location: 'PAR' } }))).toBe('CONFLICT');
  });

  it('never oversells: 20 concurrent reservations for the last 5 units, exactly 5 succeed', async () => {
    await inventory.testDb.db
      .updateTable('stock_levels')
      .set({ on_hand: 5, reserved: 0 })
      .where('sku', '=', 'SKU-010')
      .where('location', '=', 'BER')
      .execute();
    await inventory.testDb.db
      .updateTable('stock_levels')
      .set({ on_hand: 0, reserved: 0 })
      .where('sku', '=', 'SKU-010')
      .where('location', '=', 'PAR')
      .execute();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        run(reserve, { input: { sku: 'SKU-010', quantity: 1, reference: `race-${i}` } }),
      ),
    );
    const succeeded = results.filter((result) => !result.errors);
    const conflicts = results.filter((result) => codeOf(result) === 'CONFLICT');
    expect(succeeded).toHaveLength(5);
    expect(conflicts).toHaveLength(15);
    const level = await inventory.testDb.db
      .selectFrom('stock_levels')
      .selectAll()
      .where('sku', '=', 'SKU-010')
      .where('location', '=', 'BER')
      .executeTakeFirstOrThrow();
    expect(level).toMatchObject({ on_hand: 5, reserved: 5 });
    const active = await inventory.testDb.db
      .selectFrom('reservations')
      .select('id')
      .where('sku', '=', 'SKU-010')
      .execute();
    expect(active).toHaveLength(5);
  });
});
