// The abandoned-cart trigger end to end: campaigns asks the gateway for idle carts (orders), what
// is still available (inventory) and who may be emailed (customers), and queues one reminder per
// cart activity with a SEND touchpoint; a withdrawal, through customers' events, cancels it.
import { sql } from 'kysely';
import { runJob } from '../shared/jobs/wait.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '../scripts/seed/world.js';
import {
  createCartReminderJob,
  DEFAULT_CART_REMINDER_SETTINGS,
  runCartReminderTrigger,
} from '../subgraphs/campaigns/src/cart-reminders.js';
import { createEventTransport } from '../shared/events/index.js';
import type { BackgroundJobs } from '../shared/run.js';
import { readModelConsumers } from '../subgraphs/campaigns/src/events/consumed.js';
import { caughtUp, serveEventLog, until } from './support/event-logs.js';
import { startInProcessMesh, type InProcessMesh } from './support/in-process-mesh.js';

const world = createWorld(
  { customers: 20, products: 12, orders: 60, campaigns: 2, touchpoints: 40 },
  11,
  new Date('2026-11-01T00:00:00Z'),
);
let mesh: InProcessMesh;
let eventLogs: Awaited<ReturnType<typeof serveEventLog>>[] = [];
let consumers: BackgroundJobs;

async function ok<T = any>(text: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await mesh.query<T>(text, variables);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

const sku = (i: number) => world.product(i).sku;

/** A customer of our own with an EMAIL MARKETING consent and a cart that went idle `idleMinutes` ago. */
async function customerWithIdleCart(
  id: string,
  consent: 'OPT_IN' | 'OPT_OUT' | null,
  idleMinutes: number,
  lines: { sku: string; quantity: number }[],
) {
  await ok(`mutation($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { id } }`, {
    input: { id, email: `${id}@example.com`, country: 'DE' },
  });
  if (consent) {
    await ok(`mutation($input: SetConsentInput!) { setConsent(input: $input) { status } }`, {
      input: { customerId: id, purpose: 'MARKETING', channel: 'EMAIL', status: consent, source: 'test' },
    });
  }
  const cart = await ok(`mutation($input: UpdateCartInput!) { updateCart(input: $input) { id } }`, {
    input: { customerId: id, lines: lines.map((line) => ({ ...line, unitPrice: 10 })) },
  });
  // Carts go idle with time; the test moves the clock of this one cart instead of waiting.
  await sql`update carts set last_activity_at = now() - make_interval(mins => ${idleMinutes}) where id = ${cart.updateCart.id}`.execute(
    mesh.databases.orders.db,
  );
  return cart.updateCart.id as string;
}

const reminderCount = async (cartId: string) => {
  const row = await sql<{ n: number }>`select count(*) as n from cart_reminders where cart_id = ${cartId}`.execute(
    mesh.databases.campaigns.db,
  );
  return Number(row.rows[0].n);
};

function trigger() {
  return runCartReminderTrigger({
    db: mesh.databases.campaigns.db,
    graph: mesh.campaignsGraph,
    settings: DEFAULT_CART_REMINDER_SETTINGS,
  });
}

let optedIn: string;
let optedOut: string;
let neverAsked: string;
let converted: string;
let fresh: string;

beforeAll(async () => {
  mesh = await startInProcessMesh(world);
  // Campaigns follows customers' (consent, objections) and orders' events as it does under `npm start`.
  eventLogs = [
    await serveEventLog(mesh.databases.customers.db, 'customers'),
    await serveEventLog(mesh.databases.orders.db, 'orders'),
  ];
  const events = createEventTransport({ producerUrls: { customers: eventLogs[0].url, orders: eventLogs[1].url } });
  consumers = readModelConsumers({ db: mesh.databases.campaigns.db, events });
  consumers.start();
  // Enough stock that every cart line below is fully available, whatever the seeded levels are.
  for (const i of [0, 1, 2]) {
    await ok(`mutation($input: AdjustStockInput!) { adjustStock(input: $input) { sku } }`, {
      input: { sku: sku(i), location: world.product(i).stock[0].location, delta: 50 },
    });
  }
  optedIn = await customerWithIdleCart('cus-remind-1', 'OPT_IN', 45, [
    { sku: sku(0), quantity: 2 },
    { sku: sku(1), quantity: 1 },
  ]);
  optedOut = await customerWithIdleCart('cus-remind-2', 'OPT_OUT', 45, [{ sku: sku(0), quantity: 1 }]);
  neverAsked = await customerWithIdleCart('cus-remind-3', null, 45, [{ sku: sku(0), quantity: 1 }]);
  converted = await customerWithIdleCart('cus-remind-4', 'OPT_IN', 45, [{ sku: sku(2), quantity: 1 }]);
  fresh = await customerWithIdleCart('cus-remind-5', 'OPT_IN', 5, [{ sku: sku(2), quantity: 1 }]);
  // cus-remind-4 bought after leaving the cart: the cart is no longer abandoned.
  await ok(`mutation($input: RecordOrderInput!) { recordOrder(input: $input) { id } }`, {
    input: {
      externalId: 'remind-4-order',
      customerId: 'cus-remind-4',
      channel: 'WEB',
      status: 'PAID',
      lines: [{ sku: sku(2), quantity: 1, unitPrice: 10 }],
    },
  });
}, 180_000);

afterAll(async () => {
  await consumers?.stop();
  for (const log of eventLogs) await log.close();
  await mesh?.close();
}, 60_000);

describe('abandoned carts through the gateway', () => {
  it('lists idle carts with their customer, value, available lines and whether they can be emailed', async () => {
    const data = await ok(`
      query AbandonedCarts {
        abandonedCarts(idleMinutes: 30, first: 100) {
          nodes { idleMinutes value cart { id availableLines { product { sku } quantity availableQuantity } } customer { id contactable(channel: EMAIL) } }
        }
      }`);
    const byCart = new Map(data.abandonedCarts.nodes.map((node: any) => [node.cart.id, node]));
    expect(byCart.get(optedIn)).toMatchObject({ value: 30, customer: { id: 'cus-remind-1', contactable: true } });
    expect((byCart.get(optedIn) as any).idleMinutes).toBeGreaterThanOrEqual(45);
    expect(byCart.get(optedOut)).toMatchObject({ customer: { contactable: false } });
    expect(byCart.get(neverAsked)).toMatchObject({ customer: { contactable: false } });
    expect(byCart.has(converted)).toBe(false);
    expect(byCart.has(fresh)).toBe(false);
  });
});

describe('the cart reminder trigger', () => {
  it('queues one reminder with a SEND touchpoint for an opted-in customer, and none for the others', async () => {
    const job = await runJob(mesh.graphRequest(), `mutation RunTrigger { runCartReminderTrigger { id } }`);
    // The job's result is the queuedAt of every message the run queued.
    const data = await ok(`
      query QueuedByTheRun {
        queuedMessages(first: 100) { nodes {
          id cartId channel cartActivityAt queuedAt customer { id }
          items { product { sku } quantity }
          discount { code percentOff validUntil }
          touchpoint { kind channel campaign { id name } customer { id } }
        } }
      }`);
    const mine = data.queuedMessages.nodes.filter(
      (message: any) => message.queuedAt === job.result && message.customer.id.startsWith('cus-remind-'),
    );
    expect(mine).toHaveLength(1);
    const [message] = mine;
    expect(message).toMatchObject({
      cartId: optedIn,
      channel: 'EMAIL',
      discount: { percentOff: 10 },
      touchpoint: {
        kind: 'SEND',
        channel: 'EMAIL',
        campaign: { id: 'cmp-cart-reminders' },
        customer: { id: 'cus-remind-1' },
      },
    });
    expect(message.items).toEqual([
      { product: { sku: sku(0) }, quantity: 2 },
      { product: { sku: sku(1) }, quantity: 1 },
    ]);
    expect(message.discount.code).toMatch(/^CART-[0-9A-F]{10}$/);
    for (const cartId of [optedOut, neverAsked, converted, fresh]) expect(await reminderCount(cartId)).toBe(0);

    const queued = await ok(`query { queuedMessages(first: 100) { nodes { id cartId touchpoint { kind } } } }`);
    expect(queued.queuedMessages.nodes).toContainEqual({
      id: message.id,
      cartId: optedIn,
      touchpoint: { kind: 'SEND' },
    });
  });

  it('never queues a second reminder for the same cart activity, across runs and restarts', async () => {
    expect((await trigger()).filter((message) => message.cartId === optedIn)).toHaveLength(0);
    // A restarted service is a new job on the same database: its first run finds the reminder stored.
    const job = createCartReminderJob({
      db: mesh.databases.campaigns.db,
      graph: mesh.campaignsGraph,
      settings: { ...DEFAULT_CART_REMINDER_SETTINGS, intervalMs: 50 },
    });
    job.start();
    await new Promise((resolve) => setTimeout(resolve, 400));
    await job.stop();
    expect(await reminderCount(optedIn)).toBe(1);
    const touchpoints = await sql<{
      n: number;
    }>`select count(*) as n from touchpoints where customer_id = 'cus-remind-1' and kind = 'SEND'`.execute(
      mesh.databases.campaigns.db,
    );
    expect(Number(touchpoints.rows[0].n)).toBe(1);
  });

  it('answers a new cart activity with a new reminder, unless consent was withdrawn first; the withdrawal cancels the queued ones', async () => {
    await ok(`mutation($input: UpdateCartInput!) { updateCart(input: $input) { id } }`, {
      input: { customerId: 'cus-remind-1', lines: [{ sku: sku(1), quantity: 1, unitPrice: 10 }] },
    });
    await sql`update carts set last_activity_at = now() - interval '40 minutes' where id = ${optedIn}`.execute(
      mesh.databases.orders.db,
    );
    expect((await trigger()).filter((message) => message.cartId === optedIn)).toHaveLength(1);
    expect(await reminderCount(optedIn)).toBe(2);

    await ok(`mutation($input: SetConsentInput!) { setConsent(input: $input) { status } }`, {
      input: { customerId: 'cus-remind-1', purpose: 'MARKETING', channel: 'EMAIL', status: 'OPT_OUT', source: 'test' },
    });
    await ok(`mutation($input: UpdateCartInput!) { updateCart(input: $input) { id } }`, {
      input: { customerId: 'cus-remind-1', lines: [{ sku: sku(0), quantity: 1, unitPrice: 10 }] },
    });
    await sql`update carts set last_activity_at = now() - interval '40 minutes' where id = ${optedIn}`.execute(
      mesh.databases.orders.db,
    );
    expect((await trigger()).filter((message) => message.cartId === optedIn)).toHaveLength(0);
    expect(await reminderCount(optedIn)).toBe(2);

    // Both reminders queued before the opt-out are cancelled, never sent, and kept as evidence.
    await until(() =>
      caughtUp(mesh.databases.campaigns.db, 'campaigns-consent-state', 'customers', mesh.databases.customers.db),
    );
    const queued = await ok(
      `query { queuedMessages(first: 100) { nodes { cartId status cancelledAt cancellationReason customer { id } } } }`,
    );
    const mine = queued.queuedMessages.nodes.filter((message: any) => message.cartId === optedIn);
    expect(mine).toHaveLength(2);
    for (const message of mine)
      expect(message).toMatchObject({
        status: 'CANCELLED',
        cancellationReason: 'CONSENT_WITHDRAWN',
        customer: { id: 'cus-remind-1' },
      });
    expect(mine.every((message: any) => typeof message.cancelledAt === 'string')).toBe(true);
  });
});
