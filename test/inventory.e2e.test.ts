// Inventory a business can run, through the gateway: products and locations created and changed
// by mutations, a reservation split over locations and released where it came from, and a
// discontinued product leaving promotion and recommendation at once in inventory and, once orders
// applied its ProductChanged, in orders' cross-sell too. The README's own inventory blocks run in
// test/readme.e2e.test.ts.
import { describe, expect, it } from 'vitest';
import { createWorld } from '../scripts/seed/world.js';
import { assignPositions, readLog } from '../shared/events/outbox.js';
import { applyProductChanged } from '../subgraphs/orders/src/events/consumed.js';
import { useInProcessMesh } from './support/in-process-mesh.js';
import { availableOf, productBySku } from './support/world-facts.js';

const world = createWorld({ customers: 200, products: 40, orders: 2_000, campaigns: 3, touchpoints: 500 }, 23);
const running = useInProcessMesh(world);
const ok = running.ok;

const codeOf = async (text: string, variables?: Record<string, unknown>, token?: string) =>
  (await running.mesh.query(text, variables, token)).errors?.[0]?.extensions?.code;

const CREATE_PRODUCT = `mutation($input: CreateProductInput!) { createProduct(input: $input) { sku priceMoney { amount currency } discontinued } }`;
const ADJUST = `mutation($input: AdjustStockInput!) { adjustStock(input: $input) { availableQuantity } }`;
const RESERVE = `mutation($input: ReserveStockInput!) { reserveStock(input: $input) { id location quantity allocations { location quantity } } }`;

describe('catalogue and locations through the gateway', () => {
  it('creates a product and a location, stocks it, splits a reservation and releases it where it came from', async () => {
    const { locations } = await ok(`{ locations { code } }`);
    expect(locations.map((l: { code: string }) => l.code)).toEqual(['BER-DC', 'MAD-DC', 'PAR-DC']);
    expect(
      (await ok(`mutation { createLocation(input: { code: "LIS-STORE", name: "Lisbon store" }) { code name } }`))
        .createLocation,
    ).toEqual({ code: 'LIS-STORE', name: 'Lisbon store' });
    expect(await codeOf(`mutation { createLocation(input: { code: "LIS-STORE", name: "Again" }) { code } }`)).toBe(
      'CONFLICT',
    );

    const input = { sku: 'GIFT-CARD-1', name: 'Gift card', category: 'gifts', price: { amount: '25.50' } };
    expect((await ok(CREATE_PRODUCT, { input })).createProduct).toEqual({
      sku: 'GIFT-CARD-1',
      priceMoney: { amount: '25.50', currency: 'EUR' },
      discontinued: false,
    });
    expect(await codeOf(CREATE_PRODUCT, { input })).toBe('CONFLICT');
    expect(await codeOf(CREATE_PRODUCT, { input: { ...input, sku: 'GIFT-2', price: { amount: '-1' } } })).toBe(
      'BAD_USER_INPUT',
    );
    const reader = await running.mesh.token(['marketing:read', 'adhoc']);
    expect(await codeOf(CREATE_PRODUCT, { input: { ...input, sku: 'GIFT-3' } }, reader)).toBe('FORBIDDEN');
    const updated = await ok(
      `mutation { updateProduct(input: { sku: "GIFT-CARD-1", price: { amount: "30" } }) { priceMoney { amount } } }`,
    );
    expect(updated.updateProduct.priceMoney.amount).toBe('30.00');
    expect(await codeOf(`mutation { updateProduct(input: { sku: "NO-SUCH-SKU", name: "x" }) { sku } }`)).toBe(
      'NOT_FOUND',
    );

    // A typo in the location is NOT_FOUND, not a new warehouse.
    expect(await codeOf(ADJUST, { input: { sku: 'GIFT-CARD-1', location: 'LIS-STROE', delta: 2 } })).toBe('NOT_FOUND');
    await ok(ADJUST, { input: { sku: 'GIFT-CARD-1', location: 'LIS-STORE', delta: 2 } });
    expect((await ok(ADJUST, { input: { sku: 'GIFT-CARD-1', location: 'BER-DC', delta: 3 } })).adjustStock).toEqual({
      availableQuantity: 5,
    });

    const { reserveStock } = await ok(RESERVE, {
      input: { sku: 'GIFT-CARD-1', quantity: 4, preferredLocation: 'LIS-STORE', reference: 'order-9' },
    });
    expect(reserveStock).toMatchObject({
      location: 'LIS-STORE',
      quantity: 4,
      allocations: [
        { location: 'BER-DC', quantity: 2 },
        { location: 'LIS-STORE', quantity: 2 },
      ],
    });
    const STOCK = `{ product(sku: "GIFT-CARD-1") { availableQuantity stock { location reserved } } }`;
    expect((await ok(STOCK)).product).toEqual({
      availableQuantity: 1,
      stock: [
        { location: 'BER-DC', reserved: 2 },
        { location: 'LIS-STORE', reserved: 2 },
      ],
    });
    await ok(`mutation($id: ID!) { releaseReservation(id: $id) { status } }`, { id: reserveStock.id });
    expect((await ok(STOCK)).product.availableQuantity).toBe(5);
  });
});

describe('a discontinued product', () => {
  const PROMOTABLE = `query($id: ID!) { campaign(id: $id) { promotableProducts(first: 5) { sku } } }`;
  const RECOMMEND = `query($id: ID!) { customer(id: $id) { recommendationCandidateSkus recommendedProducts(first: 3) { sku } } }`;
  const DISCONTINUE = `mutation($sku: ID!) { discontinueProduct(sku: $sku) { discontinued } }`;

  /** What orders' consumer does with inventory's log, done here: the in-process mesh runs no event transport. */
  async function deliverProductChangedToOrders() {
    await assignPositions(running.mesh.databases.inventory.db, { limit: 100_000, markPublished: false });
    const events = await readLog(running.mesh.databases.inventory.db, 'inventory', 0, 100_000);
    await running.mesh.databases.orders.db.transaction().execute(async (trx) => {
      for (const event of events.filter((e) => e.type === 'ProductChanged')) await applyProductChanged(trx, event);
    });
  }

  it('leaves promotion at once and the page still fills', async () => {
    const campaign = Array.from({ length: world.sizes.campaigns }, (_, c) => world.campaign(c)).find(
      (c) => c.promotedSkus.filter((sku) => availableOf(productBySku(world, sku)) > 0).length > 6,
    )!;
    const before = (await ok(PROMOTABLE, { id: campaign.id })).campaign.promotableProducts.map(
      (p: { sku: string }) => p.sku,
    );
    expect(before).toHaveLength(5);
    await ok(DISCONTINUE, { sku: before[0] });
    const after = (await ok(PROMOTABLE, { id: campaign.id })).campaign.promotableProducts.map(
      (p: { sku: string }) => p.sku,
    );
    expect(after).toHaveLength(5);
    expect(after).not.toContain(before[0]);
    expect(after.slice(0, 4)).toEqual(before.slice(1));

    const refused = await running.mesh.query(
      `mutation($sku: ID!) { reserveStock(input: { sku: $sku, quantity: 1 }) { id } }`,
      {
        sku: before[0],
      },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0]?.message).toContain('discontinued');
    expect(await codeOf(DISCONTINUE, { sku: before[0] })).toBe('CONFLICT');
  });

  it('leaves recommendations at once, and orders cross-sell once ProductChanged is applied there', async () => {
    await ok(`mutation { upsertCustomer(input: { id: "cus-disc", email: "disc@example.com" }) { id } }`);
    await ok(`mutation($input: RecordOrderInput!) { recordOrder(input: $input) { id } }`, {
      input: {
        externalId: 'disc-1',
        customerId: 'cus-disc',
        channel: 'WEB',
        status: 'DELIVERED',
        placedAt: new Date(Date.now() - 86_400_000).toISOString(),
        lines: [{ sku: world.product(0).sku, quantity: 1, unitPrice: 10 }],
      },
    });
    const before = (await ok(RECOMMEND, { id: 'cus-disc' })).customer;
    expect(before.recommendedProducts.length).toBeGreaterThan(0);
    const top = before.recommendedProducts[0].sku;
    await ok(DISCONTINUE, { sku: top });

    const after = (await ok(RECOMMEND, { id: 'cus-disc' })).customer;
    expect(after.recommendedProducts.map((p: { sku: string }) => p.sku)).not.toContain(top);
    // Inventory filters live; orders' candidates still name it until its read model hears of it.
    expect(after.recommendationCandidateSkus).toContain(top);

    await deliverProductChangedToOrders();
    const applied = (await ok(RECOMMEND, { id: 'cus-disc' })).customer;
    expect(applied.recommendationCandidateSkus).not.toContain(top);
    expect(applied.recommendedProducts).toEqual(after.recommendedProducts);
    const { product } = await ok(
      `query($sku: ID!) { product(sku: $sku) { frequentlyBoughtWith(first: 100) { consequentSkus } } }`,
      { sku: world.product(0).sku },
    );
    for (const rule of product.frequentlyBoughtWith) expect(rule.consequentSkus).not.toContain(top);
  });
});
