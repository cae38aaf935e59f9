// The catalogue and locations a business runs: createProduct, updateProduct, discontinueProduct
// (each publishing ProductChanged through the outbox), createLocation and locations, and what a
// discontinued product no longer does (promotion, recommendation, cart availability, reservation).
import { beforeEach, describe, expect, it } from 'vitest';
import { errorCodeOf as codeOf } from '../../../shared/testing.js';
import { emptyInventory, useInventorySubgraph } from './harness.js';

const inventory = useInventorySubgraph();
const run = (query: string, variables?: Record<string, unknown>) => inventory.run(query, variables);

beforeEach(async () => {
  await emptyInventory(inventory.testDb);
  await inventory.testDb.db.insertInto('locations').values({ code: 'BER-DC', name: 'Berlin' }).execute();
});

const CREATE = `mutation($input: CreateProductInput!) { createProduct(input: $input) { sku name category price priceMoney { amount currency } discontinued discontinuedAt availableQuantity } }`;
const UPDATE = `mutation($input: UpdateProductInput!) { updateProduct(input: $input) { sku name category priceMoney { amount currency } } }`;
const DISCONTINUE = `mutation($sku: ID!) { discontinueProduct(sku: $sku) { sku discontinued discontinuedAt } }`;

const productEvents = () =>
  inventory.testDb.db
    .selectFrom('outbox')
    .select(['type', 'key', 'payload'])
    .where('type', '=', 'ProductChanged')
    .orderBy('recorded_at')
    .execute();

describe('createProduct, updateProduct, discontinueProduct', () => {
  it('creates a product with an exact price and publishes ProductChanged in its transaction', async () => {
    const created = await run(CREATE, {
      input: { sku: 'DRESS-RED-38', name: ' Red dress ', category: 'dresses', price: { amount: '49.9' } },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data.createProduct).toEqual({
      sku: 'DRESS-RED-38',
      name: 'Red dress',
      category: 'dresses',
      price: 49.9,
      priceMoney: { amount: '49.90', currency: 'EUR' },
      discontinued: false,
      discontinuedAt: null,
      availableQuantity: 0,
    });
    const events = await productEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      key: 'DRESS-RED-38',
      payload: {
        sku: 'DRESS-RED-38',
        name: 'Red dress',
        category: 'dresses',
        price: 49.9,
        amount: '49.90',
        currency: 'EUR',
        discontinued: false,
      },
    });
  });

  it('refuses bad input with BAD_USER_INPUT and writes nothing', async () => {
    const valid = { sku: 'SKU-100', name: 'Scarf', category: 'accessories', price: { amount: '12.00' } };
    const refused = [
      { ...valid, sku: 'sku-100' },
      { ...valid, sku: 'S' },
      { ...valid, sku: '-SKU' },
      { ...valid, sku: 'A'.repeat(33) },
      { ...valid, name: '   ' },
      { ...valid, name: 'x'.repeat(101) },
      { ...valid, category: '' },
      { ...valid, category: 'bad\u0000category' },
      { ...valid, price: { amount: '-0.01' } },
      { ...valid, price: { amount: '1.999' } },
      { ...valid, price: { amount: '1e3' } },
      { ...valid, price: { amount: 'NaN' } },
      { ...valid, price: { amount: '10000000000.00' } },
      { ...valid, price: { amount: '1.00', currency: 'eur' } },
    ];
    for (const input of refused) {
      const result = await run(CREATE, { input });
      expect(codeOf(result), JSON.stringify(input)).toBe('BAD_USER_INPUT');
    }
    expect(await inventory.testDb.rowCount('products')).toBe(0);
    expect(await inventory.testDb.rowCount('outbox')).toBe(0);
  });

  it('answers CONFLICT for a duplicate sku, even when created concurrently', async () => {
    const input = { sku: 'SKU-200', name: 'Tote', category: 'bags', price: { amount: '39.00', currency: 'USD' } };
    const results = await Promise.all([run(CREATE, { input }), run(CREATE, { input: { ...input, name: 'Other' } })]);
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.map(codeOf).filter(Boolean)).toEqual(['CONFLICT']);
    expect(await inventory.testDb.rowCount('products')).toBe(1);
    expect(await productEvents()).toHaveLength(1);
  });

  it('updates the given fields, NOT_FOUND for an unknown sku, BAD_USER_INPUT for nothing to change', async () => {
    await run(CREATE, { input: { sku: 'SKU-300', name: 'Belt', category: 'accessories', price: { amount: '20' } } });
    const updated = await run(UPDATE, { input: { sku: 'SKU-300', price: { amount: '0', currency: 'GBP' } } });
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateProduct).toEqual({
      sku: 'SKU-300',
      name: 'Belt',
      category: 'accessories',
      priceMoney: { amount: '0.00', currency: 'GBP' },
    });
    const renamed = await run(UPDATE, { input: { sku: 'SKU-300', name: 'Leather belt', category: 'leather' } });
    expect(renamed.data.updateProduct).toMatchObject({ name: 'Leather belt', category: 'leather' });
    expect(codeOf(await run(UPDATE, { input: { sku: 'SKU-999', name: 'Ghost' } }))).toBe('NOT_FOUND');
    expect(codeOf(await run(UPDATE, { input: { sku: 'SKU-300' } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(UPDATE, { input: { sku: 'SKU-300', price: { amount: '-5' } } }))).toBe('BAD_USER_INPUT');
    const events = await productEvents();
    expect(events.map((event) => (event.payload as { name: string }).name)).toEqual(['Belt', 'Belt', 'Leather belt']);
  });

  it('discontinues once: the product says so, the event carries the flag, a second time is CONFLICT', async () => {
    await run(CREATE, { input: { sku: 'SKU-400', name: 'Vase', category: 'home', price: { amount: '15.50' } } });
    const discontinued = await run(DISCONTINUE, { sku: 'SKU-400' });
    expect(discontinued.errors).toBeUndefined();
    expect(discontinued.data.discontinueProduct).toEqual({
      sku: 'SKU-400',
      discontinued: true,
      discontinuedAt: expect.any(String),
    });
    const events = await productEvents();
    expect(events.at(-1)?.payload).toMatchObject({ sku: 'SKU-400', discontinued: true, amount: '15.50' });
    expect(codeOf(await run(DISCONTINUE, { sku: 'SKU-400' }))).toBe('CONFLICT');
    expect(codeOf(await run(DISCONTINUE, { sku: 'SKU-401' }))).toBe('NOT_FOUND');
    expect(await productEvents()).toHaveLength(2);
    const listed = await run(`{ products(filter: { discontinued: true }) { nodes { sku } } }`);
    expect(listed.data.products.nodes).toEqual([{ sku: 'SKU-400' }]);
    const sold = await run(`{ products(filter: { discontinued: false }) { nodes { sku } } }`);
    expect(sold.data.products.nodes).toEqual([]);
  });
});

describe('locations', () => {
  it('creates locations, lists them by code, refuses duplicates and malformed codes', async () => {
    const created = await run(
      `mutation { createLocation(input: { code: "AMS-STORE-1", name: "Amsterdam store" }) { code name createdAt } }`,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.createLocation).toEqual({
      code: 'AMS-STORE-1',
      name: 'Amsterdam store',
      createdAt: expect.any(String),
    });
    expect(
      codeOf(await run(`mutation { createLocation(input: { code: "AMS-STORE-1", name: "Again" }) { code } }`)),
    ).toBe('CONFLICT');
    for (const code of ['ams', 'A', 'AMS_1', 'AMS-']) {
      const result = await run(`mutation($code: ID!) { createLocation(input: { code: $code, name: "x" }) { code } }`, {
        code,
      });
      expect(codeOf(result), code).toBe('BAD_USER_INPUT');
    }
    expect(codeOf(await run(`mutation { createLocation(input: { code: "LIS", name: " " }) { code } }`))).toBe(
      'BAD_USER_INPUT',
    );
    const listed = await run(`{ locations { code name } }`);
    expect(listed.data.locations).toEqual([
      { code: 'AMS-STORE-1', name: 'Amsterdam store' },
      { code: 'BER-DC', name: 'Berlin' },
    ]);
  });

  it('adjustStock refuses an unknown location with NOT_FOUND and writes nothing', async () => {
    await run(CREATE, { input: { sku: 'SKU-500', name: 'Candle', category: 'home', price: { amount: '9.99' } } });
    const typo = await run(`mutation { adjustStock(input: { sku: "SKU-500", location: "BER-CD", delta: 5 }) { sku } }`);
    expect(codeOf(typo)).toBe('NOT_FOUND');
    expect(typo.errors?.[0]?.message).toContain('BER-CD');
    expect(await inventory.testDb.rowCount('stock_levels')).toBe(0);
    expect(await inventory.testDb.rowCount('stock_adjustments')).toBe(0);
    const known = await run(
      `mutation { adjustStock(input: { sku: "SKU-500", location: "BER-DC", delta: 5 }) { availableQuantity } }`,
    );
    expect(known.data.adjustStock.availableQuantity).toBe(5);
  });
});

describe('a discontinued product', () => {
  beforeEach(async () => {
    for (const sku of ['SKU-601', 'SKU-602', 'SKU-603']) {
      await run(CREATE, { input: { sku, name: sku, category: 'home', price: { amount: '5' } } });
      await run(`mutation($sku: ID!) { adjustStock(input: { sku: $sku, location: "BER-DC", delta: 10 }) { sku } }`, {
        sku,
      });
    }
    await run(DISCONTINUE, { sku: 'SKU-602' });
  });

  it('is never promotable nor recommended, and the page still fills before first is applied', async () => {
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Campaign { promotableProducts(first: 2) { sku } }
        ... on Customer { recommendedProducts(first: 2) { sku } } } }`,
      {
        r: [
          { __typename: 'Campaign', id: 'c-1', promotedSkus: ['SKU-602', 'SKU-601', 'SKU-603'] },
          { __typename: 'Customer', id: 'cus-1', recommendationCandidateSkus: ['SKU-602', 'SKU-603', 'SKU-601'] },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities[0].promotableProducts).toEqual([{ sku: 'SKU-601' }, { sku: 'SKU-603' }]);
    expect(result.data._entities[1].recommendedProducts).toEqual([{ sku: 'SKU-603' }, { sku: 'SKU-601' }]);
  });

  it('is not an available cart line, and reserveStock refuses it with CONFLICT and a clear message', async () => {
    const cart = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Cart { availableLines { product { sku } } } } }`,
      {
        r: [
          {
            __typename: 'Cart',
            id: 'cart-1',
            lines: [
              { sku: 'SKU-602', quantity: 1 },
              { sku: 'SKU-601', quantity: 1 },
            ],
          },
        ],
      },
    );
    expect(cart.data._entities[0].availableLines).toEqual([{ product: { sku: 'SKU-601' } }]);
    const refused = await run(`mutation { reserveStock(input: { sku: "SKU-602", quantity: 1 }) { id } }`);
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(refused.errors?.[0]?.message).toBe('Product SKU-602 is discontinued and can no longer be reserved');
    expect(await inventory.testDb.rowCount('reservations')).toBe(0);
  });
});
