// Issue 14 end to end through the gateway: an order is refunded, cancelled or returned, and every
// metric that reads orders honours it at once — attribution and A/B conversions (campaigns reads
// orders live through the graph), purchase stats and lifetime value — while the change reaches
// campaigns' order facts through the orders event log, as under `npm start`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '../scripts/seed/world.js';
import { createEventTransport } from '../shared/events/index.js';
import { READ_MODEL_CONSUMERS } from '../subgraphs/campaigns/src/events/consumed.js';
import { assignVariant } from '../subgraphs/campaigns/src/experiments.js';
import { backgroundConsumers } from '../shared/events/index.js';
import { caughtUp, serveEventLog, until } from './support/event-logs.js';
import { customerSignUps } from './support/owners.js';
import { startInProcessMesh, type InProcessMesh } from './support/in-process-mesh.js';
import { splitEvenly } from './support/marketing-actions.js';

const world = createWorld({ customers: 20, products: 10, orders: 60, campaigns: 1, touchpoints: 40 }, 14);
let mesh: InProcessMesh;
let log: Awaited<ReturnType<typeof serveEventLog>>;
let orderFacts: ReturnType<typeof backgroundConsumers>;

beforeAll(async () => {
  mesh = await startInProcessMesh(world);
  // The in-process mesh runs no event transport: serve the orders log and run campaigns' order-facts consumer on it.
  log = await serveEventLog(mesh.databases.orders.db, 'orders');
  orderFacts = backgroundConsumers(
    { db: mesh.databases.campaigns.db, events: createEventTransport({ producerUrls: { orders: log.url } }) },
    READ_MODEL_CONSUMERS.filter((consumer) => consumer.name === 'campaigns-order-facts'),
  );
  orderFacts.start();
}, 180_000);

afterAll(async () => {
  await orderFacts?.stop();
  await log?.close();
  await mesh?.close();
}, 60_000);

async function ok<T = any>(text: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await mesh.query<T>(text, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

// The customers these tests invent are signed up first, as a shop would: orders and touchpoints for
// a customer the customers domain does not know are refused.
const signUp = customerSignUps(ok);

async function recordOrder(externalId: string, customerId: string, placedAt: string, unitPrice: number) {
  await signUp(customerId);
  const recorded = await ok(`mutation($input: RecordOrderInput!) { recordOrder(input: $input) { id } }`, {
    input: {
      externalId,
      customerId,
      channel: 'WEB',
      status: 'DELIVERED',
      placedAt,
      lines: [{ sku: world.product(1).sku, quantity: 1, unitPrice }],
    },
  });
  return recorded.recordOrder.id as string;
}

const createCampaign = async (name: string) =>
  (
    await ok(`mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`, {
      input: { name, channel: 'EMAIL', status: 'ACTIVE' },
    })
  ).createCampaign.id as string;

const touch = async (customerId: string, campaignId: string, occurredAt: string, kind = 'CLICK') => {
  await signUp(customerId);
  return ok(`mutation($input: RecordTouchpointInput!) { recordTouchpoint(input: $input) { id } }`, {
    input: { customerId, campaignId, kind, occurredAt },
  });
};

const refund = (orderId: string, reason = 'damaged') =>
  ok(`mutation($id: ID!, $reason: Text) { refundOrder(orderId: $id, reason: $reason) { status } }`, {
    id: orderId,
    reason,
  });

describe('a refund through the gateway', () => {
  it('takes the order out of attribution, purchase stats and lifetime value, and reaches campaigns order facts', async () => {
    // June 2019 holds no seeded orders: only these two, each after an email click.
    await ok(`mutation { upsertCustomer(input: { id: "cus-os-2", email: "os2@example.com" }) { id } }`);
    const campaign = await createCampaign('Refund attribution');
    await touch('cus-os-1', campaign, '2019-06-01T12:00:00.000Z');
    await touch('cus-os-2', campaign, '2019-06-02T12:00:00.000Z');
    const kept = await recordOrder('os-1', 'cus-os-1', '2019-06-03T12:00:00.000Z', 60);
    const refunded = await recordOrder('os-2', 'cus-os-2', '2019-06-04T12:00:00.000Z', 100);
    const REPORT = `query { attribution(model: LINEAR, from: "2019-06-01T00:00:00Z", to: "2019-07-01T00:00:00Z") { conversions conversionValue byChannel { channel revenue } } }`;
    const CUSTOMER = `query { customer(id: "cus-os-2") { purchaseStats { orderCount totalSpentByCurrency { amount } } lifetimeValue { historical } } }`;

    expect((await ok(REPORT)).attribution).toEqual({
      conversions: 2,
      conversionValue: 160,
      byChannel: [{ channel: 'EMAIL', revenue: 160 }],
    });
    expect((await ok(CUSTOMER)).customer).toMatchObject({
      purchaseStats: { orderCount: 1, totalSpentByCurrency: [{ amount: '100.00' }] },
      lifetimeValue: { historical: 100 },
    });

    await ok(`mutation($id: ID!) { returnOrder(orderId: $id, reason: "wrong size") { status } }`, { id: refunded });
    // Returned but not refunded yet: still a conversion and still revenue.
    expect((await ok(REPORT)).attribution.conversions).toBe(2);
    expect((await refund(refunded)).refundOrder.status).toBe('REFUNDED');

    expect((await ok(REPORT)).attribution).toEqual({
      conversions: 1,
      conversionValue: 60,
      byChannel: [{ channel: 'EMAIL', revenue: 60 }],
    });
    expect((await ok(CUSTOMER)).customer).toMatchObject({
      purchaseStats: { orderCount: 1, totalSpentByCurrency: [] },
      // Its only order was refunded: no value left to report.
      lifetimeValue: null,
    });
    const history = (
      await ok(`query($id: ID!) { order(id: $id) { status statusHistory { fromStatus toStatus reason changedBy } } }`, {
        id: refunded,
      })
    ).order;
    expect(history).toEqual({
      status: 'REFUNDED',
      statusHistory: [
        { fromStatus: 'DELIVERED', toStatus: 'RETURNED', reason: 'wrong size', changedBy: 'test-analyst' },
        { fromStatus: 'RETURNED', toStatus: 'REFUNDED', reason: 'damaged', changedBy: 'test-analyst' },
      ],
    });

    // Campaigns' read model got both changes from the orders log, in order.
    const campaignsDb = mesh.databases.campaigns.db;
    await until(() => caughtUp(campaignsDb, 'campaigns-order-facts', 'orders', mesh.databases.orders.db));
    const facts = await campaignsDb
      .selectFrom('order_facts')
      .select(['order_id', 'status', 'status_version'])
      .where('order_id', 'in', [kept, refunded])
      .orderBy('total')
      .execute();
    expect(facts).toEqual([
      { order_id: kept, status: 'DELIVERED', status_version: 1 },
      { order_id: refunded, status: 'REFUNDED', status_version: 3 },
    ]);
  });

  it('takes refunded orders out of the A/B conversions; a refused cancellation changes nothing', async () => {
    const campaign = await createCampaign('Refund experiment');
    const variants = await splitEvenly(ok, campaign);
    // Ten customers opened in March 2019 and each ordered a day later.
    const orders: { id: string; variant: string }[] = [];
    for (let i = 0; i < 10; i++) {
      const customerId = `cus-os-ab-${i}`;
      const openedAt = Date.parse('2019-03-01T00:00:00.000Z') + i * 3_600_000;
      await touch(customerId, campaign, new Date(openedAt).toISOString(), 'OPEN');
      const id = await recordOrder(`os-ab-${i}`, customerId, new Date(openedAt + 86_400_000).toISOString(), 20);
      orders.push({ id, variant: assignVariant(variants, campaign, customerId)!.key });
    }
    const conversions = async () =>
      Object.fromEntries(
        (
          await ok(
            `query($id: ID!) { campaign(id: $id) { experiment(conversionWindowDays: 7) { variants { variant { key } exposures conversions } } } }`,
            { id: campaign },
          )
        ).campaign.experiment.variants.map((v: any) => [v.variant.key, [v.exposures, v.conversions]]),
      );
    const exposed = (key: string) => orders.filter((order) => order.variant === key).length;
    expect(await conversions()).toEqual({ A: [exposed('A'), exposed('A')], B: [exposed('B'), exposed('B')] });

    // Refund one order of each variant. Cancelling another, already delivered, is refused and it still converts.
    const a = orders.find((order) => order.variant === 'A')!;
    const [b, b2] = orders.filter((order) => order.variant === 'B');
    await refund(a.id);
    await refund(b.id);
    const cancel = await mesh.query(`mutation($id: ID!) { cancelOrder(orderId: $id) { status } }`, { id: b2.id });
    expect(cancel.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', from: 'DELIVERED', to: 'CANCELLED' });
    expect(await conversions()).toEqual({ A: [exposed('A'), exposed('A') - 1], B: [exposed('B'), exposed('B') - 1] });
  });
});

describe('access and refusals through the gateway', () => {
  it('needs orders:write: a token without it gets FORBIDDEN and changes nothing', async () => {
    const id = await recordOrder('os-scope', 'cus-os-scope', '2019-08-01T12:00:00.000Z', 5);
    const readOnly = await mesh.token(['orders:read', 'adhoc']);
    const result = await mesh.query(`mutation($id: ID!) { cancelOrder(orderId: $id) { status } }`, { id }, readOnly);
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await ok(`query($id: ID!) { order(id: $id) { status statusHistory { version } } }`, { id })).order).toEqual(
      {
        status: 'DELIVERED',
        statusHistory: [],
      },
    );
  });

  it('answers NOT_FOUND for an unknown order', async () => {
    const result = await mesh.query(`mutation { refundOrder(orderId: "no-such-order") { status } }`);
    expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
