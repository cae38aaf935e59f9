import { SUBGRAPH_NAMES } from '../shared/config.js';
// End to end: the real processes (four subgraphs and the gateway) over HTTP, as `npm start` runs them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '../scripts/seed/world.js';
import { startProcessMesh, type ProcessMesh } from './support/process-mesh.js';
import { availableOf, currentConsents, orderTotal, ordersOf, productBySku } from './support/world-facts.js';

const world = createWorld(
  { customers: 60, products: 40, orders: 400, campaigns: 5, touchpoints: 500 },
  7,
  new Date('2026-11-01T00:00:00Z'),
);
let mesh: ProcessMesh;
const query = (text: string, variables?: Record<string, unknown>) => mesh.query(text, variables);

beforeAll(async () => {
  mesh = await startProcessMesh(world);
}, 180_000);

afterAll(async () => {
  await mesh?.close();
}, 60_000);

const CUSTOMER_360 = `
  query Customer360($id: ID!) {
    customer(id: $id) {
      id displayName email country city createdAt
      consents { purpose channel status source capturedAt }
      purchaseStats { orderCount totalSpent averageOrderValue firstOrderAt lastOrderAt }
      orders(first: 3) {
        nodes { id placedAt status total lines { sku quantity unitPrice product { name availableQuantity inStock } } }
        pageInfo { hasNextPage }
      }
      touchpoints(first: 5) { nodes { kind channel occurredAt campaign { id name } } }
    }
  }`;

describe('card query 1: a customer 360 through the gateway', () => {
  it('joins profile, consent, purchase stats, recent orders with live stock, and touchpoints', async () => {
    const customer = world.customer(0);
    const expectedOrders = ordersOf(world, customer.id);
    expect(expectedOrders.length).toBeGreaterThan(3);

    const result = await query(CUSTOMER_360, { id: customer.id });
    expect(result.errors).toBeUndefined();
    const got = result.data.customer;

    expect(got).toMatchObject({
      id: customer.id,
      email: customer.email,
      country: customer.country,
      city: customer.city,
      displayName: `${customer.firstName} ${customer.lastName}`,
    });

    const consents = currentConsents(customer);
    expect(got.consents).toHaveLength(consents.size);
    for (const consent of got.consents) {
      expect(consent.status).toBe(consents.get(`${consent.purpose}/${consent.channel}`)!.status);
    }

    const counted = expectedOrders.filter((order) => order.status !== 'CANCELLED');
    const revenue = expectedOrders.filter((order) => order.status !== 'CANCELLED' && order.status !== 'REFUNDED');
    const totalSpent = revenue.reduce((sum, order) => sum + orderTotal(order), 0);
    expect(got.purchaseStats.orderCount).toBe(counted.length);
    expect(got.purchaseStats.totalSpent).toBeCloseTo(totalSpent, 2);
    expect(got.purchaseStats.lastOrderAt).toBe(counted[0].placedAt.toISOString());

    expect(got.orders.pageInfo.hasNextPage).toBe(true);
    expect(got.orders.nodes.map((order: { id: string }) => order.id)).toEqual(
      expectedOrders.slice(0, 3).map((order) => order.id),
    );
    for (const [i, order] of got.orders.nodes.entries()) {
      const expected = expectedOrders[i];
      expect(order.total).toBeCloseTo(orderTotal(expected), 2);
      expect(order.lines.map((line: { sku: string }) => line.sku).sort()).toEqual(
        expected.lines.map((line) => line.sku).sort(),
      );
      for (const line of order.lines) {
        const product = productBySku(world, line.sku);
        expect(line.product).toEqual({
          name: product.name,
          availableQuantity: availableOf(product),
          inStock: availableOf(product) > 0,
        });
      }
    }

    const touchpoints = Array.from({ length: world.sizes.touchpoints }, (_, t) => world.touchpoint(t)).filter(
      (tp) => tp.customerId === customer.id,
    );
    expect(got.touchpoints.nodes).toHaveLength(Math.min(5, touchpoints.length));
    for (const touchpoint of got.touchpoints.nodes) expect(touchpoint.campaign.name).toEqual(expect.any(String));
  });

  it('answers a customer without orders with zero stats and an empty connection', async () => {
    const ids = new Set(Array.from({ length: world.sizes.orders }, (_, k) => world.order(k).customerId));
    const buyerless = Array.from({ length: world.sizes.customers }, (_, i) => world.customerId(i)).find(
      (id) => !ids.has(id),
    );
    expect(buyerless).toBeDefined();
    const result = await query(CUSTOMER_360, { id: buyerless });
    expect(result.errors).toBeUndefined();
    expect(result.data.customer.purchaseStats).toMatchObject({ orderCount: 0, totalSpent: 0, lastOrderAt: null });
    expect(result.data.customer.orders.nodes).toEqual([]);
  });
});

describe("card query 2: a campaign's promotable products", () => {
  const PROMOTABLE = `query($id: ID!) { campaign(id: $id) { id name promotedSkus promotableProducts(first: 10) { sku availableQuantity } } }`;

  it('returns only promoted items available now, in campaign order, and sees a stock mutation at once', async () => {
    // Pick the campaign with the most sold-out promoted items so the filter has work to do.
    const campaigns = Array.from({ length: world.sizes.campaigns }, (_, c) => world.campaign(c));
    const soldOutCount = (skus: string[]) => skus.filter((sku) => availableOf(productBySku(world, sku)) === 0).length;
    const campaign = campaigns.sort((a, b) => soldOutCount(b.promotedSkus) - soldOutCount(a.promotedSkus))[0];
    expect(soldOutCount(campaign.promotedSkus)).toBeGreaterThan(0);
    const available = campaign.promotedSkus.filter((sku) => availableOf(productBySku(world, sku)) > 0);
    expect(available.length).toBeGreaterThan(10);

    const before = await query(PROMOTABLE, { id: campaign.id });
    expect(before.errors).toBeUndefined();
    expect(before.data.campaign.promotedSkus).toEqual(campaign.promotedSkus);
    expect(before.data.campaign.promotableProducts.map((p: { sku: string }) => p.sku)).toEqual(available.slice(0, 10));

    // Sell out the first promotable product by reserving every available unit, location by location.
    const first = productBySku(world, available[0]);
    for (const level of first.stock.filter((l) => l.onHand - l.reserved > 0)) {
      const reserved = await query(
        `mutation($input: ReserveStockInput!) { reserveStock(input: $input) { id quantity } }`,
        {
          input: {
            sku: first.sku,
            location: level.location,
            quantity: level.onHand - level.reserved,
            reference: 'e2e',
          },
        },
      );
      expect(reserved.errors).toBeUndefined();
    }

    const after = await query(PROMOTABLE, { id: campaign.id });
    expect(after.errors).toBeUndefined();
    const skus = after.data.campaign.promotableProducts.map((p: { sku: string }) => p.sku);
    expect(skus).toEqual(available.slice(1, 11));
    expect(skus).not.toContain(first.sku);
    for (const product of after.data.campaign.promotableProducts) expect(product.availableQuantity).toBeGreaterThan(0);
  });
});

describe('operating the mesh', () => {
  it('reports readiness per subgraph', async () => {
    const response = await fetch(mesh.gatewayUrl.replace('/graphql', '/readiness'));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.subgraphs.map((s: { name: string; ready: boolean }) => [s.name, s.ready]).sort()).toEqual(
      [...SUBGRAPH_NAMES].sort().map((name) => [name, true]),
    );
  });

  it('serves GraphiQL without loading anything from the internet', async () => {
    const response = await fetch(mesh.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html');
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
    expect(html).not.toMatch(/<link[^>]+href=["']https?:/);
  });

  it('keeps answering when a subgraph is down, with an error naming it, and recovers when it is back', async () => {
    const started = Date.now();
    const exitCode = await mesh.stopProcess('campaigns');
    // A clean stop: HTTP closed, Apollo stopped, PGlite flushed, exit 0, promptly.
    expect(exitCode).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);

    const result = await query(
      `query($id: ID!) { customer(id: $id) { id displayName purchaseStats { orderCount } touchpoints(first: 2) { nodes { kind } } } }`,
      { id: world.customerId(0) },
    );
    expect(result.data.customer.displayName).toEqual(expect.any(String));
    expect(result.data.customer.purchaseStats.orderCount).toBeGreaterThan(0);
    expect(result.data.customer.touchpoints).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'campaigns' });

    // The gateway still serves (the rest of every query), so it stays in rotation; the subgraph's state is reported.
    const readiness = await fetch(mesh.gatewayUrl.replace('/graphql', '/readiness'));
    expect(readiness.status).toBe(200);
    const body = await readiness.json();
    expect(body.status).toBe('ready');
    expect(body.subgraphs.find((s: { name: string }) => s.name === 'campaigns').ready).toBe(false);

    await mesh.startProcess('campaigns');
    const recovered = await query(
      `query($id: ID!) { customer(id: $id) { touchpoints(first: 1) { nodes { kind } } } }`,
      { id: world.customerId(0) },
    );
    expect(recovered.errors).toBeUndefined();
  });

  it("passes a subgraph's validation error through with its code and the subgraph name", async () => {
    // A malformed cursor is only known to be malformed by the subgraph that made it.
    const result = await query(`{ products(first: 5, after: "not-a-cursor") { nodes { sku } } }`);
    expect(result.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', subgraph: 'inventory' });
    // A page size over the cap never reaches the subgraph: the gateway refuses it while validating.
    const capped = await query(`{ products(first: 1000) { nodes { sku } } }`);
    expect(capped.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
  });
});
