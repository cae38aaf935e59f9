// The abandoned-cart trigger end to end: campaigns asks the gateway for idle carts (orders), what
// is still available (inventory) and who may be emailed (customers), and queues one reminder per
// cart activity; a withdrawal, through customers' events, cancels it. The delivery worker sends
// queued reminders (to .eml files here; SMTP in message-sender.test.ts) after asking customers again,
// and only a delivered reminder gets a SEND touchpoint, so only it earns attribution credit.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createGraphClient } from '../shared/graph-client.js';
import { runJob } from '../shared/jobs/wait.js';
import { messageDeliveries } from '../shared/metrics.js';
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
import {
  DEFAULT_DELIVERY_SETTINGS,
  deliverDueMessages,
  type DeliverySettings,
} from '../subgraphs/campaigns/src/delivery.js';
import { emlFileSender, type MessageSender } from '../subgraphs/campaigns/src/message-sender.js';
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
  it('queues one reminder, not yet sent and without a touchpoint, for an opted-in customer, and none for the others', async () => {
    const job = await runJob(mesh.graphRequest(), `mutation RunTrigger { runCartReminderTrigger { id } }`);
    // The job's result is the queuedAt of every message the run queued.
    const data = await ok(`
      query QueuedByTheRun {
        queuedMessages(first: 100) { nodes {
          id cartId channel cartActivityAt queuedAt status attempts sentAt customer { id }
          items { product { sku } quantity }
          discount { code percentOff validUntil }
          touchpoint { kind }
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
      status: 'QUEUED',
      attempts: 0,
      sentAt: null,
      // The SEND touchpoint is written when the message is delivered, never at queue time.
      touchpoint: null,
    });
    expect(message.items).toEqual([
      { product: { sku: sku(0) }, quantity: 2 },
      { product: { sku: sku(1) }, quantity: 1 },
    ]);
    expect(message.discount.code).toMatch(/^CART-[0-9A-F]{10}$/);
    for (const cartId of [optedOut, neverAsked, converted, fresh]) expect(await reminderCount(cartId)).toBe(0);

    const queued = await ok(`query { queuedMessages(first: 100) { nodes { id cartId status } } }`);
    expect(queued.queuedMessages.nodes).toContainEqual({ id: message.id, cartId: optedIn, status: 'QUEUED' });
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
    expect(Number(touchpoints.rows[0].n)).toBe(0);
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

describe('delivery of queued reminders', () => {
  let mailDir: string;
  const testStart = new Date(Date.now() - 60_000);
  const settings: DeliverySettings = { ...DEFAULT_DELIVERY_SETTINGS, intervalMs: 0 };
  let sender: MessageSender;
  const ids: Record<string, string> = {};

  const deliver = (overrides: Partial<Parameters<typeof deliverDueMessages>[0]> = {}, now?: () => Date) =>
    deliverDueMessages(
      { db: mesh.databases.campaigns.db, graph: mesh.campaignsGraph, sender, settings, ...overrides },
      {
        now,
      },
    );
  /** Queues a reminder for a new opted-in customer with an idle cart; answers the message id. */
  const queueFor = async (customerId: string) => {
    const cartId = await customerWithIdleCart(customerId, 'OPT_IN', 45, [{ sku: sku(0), quantity: 1 }]);
    const queued = (await trigger()).filter((message) => message.cartId === cartId);
    expect(queued).toHaveLength(1);
    ids[customerId] = queued[0].id;
    return queued[0].id;
  };
  const message = async (id: string) =>
    mesh.databases.campaigns.db.selectFrom('cart_reminders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const sendTouchpoints = async (customerId: string) =>
    Number(
      (
        await sql<{
          n: number;
        }>`select count(*) as n from touchpoints where customer_id = ${customerId} and kind = 'SEND'`.execute(
          mesh.databases.campaigns.db,
        )
      ).rows[0].n,
    );
  const mailFiles = async () => (await readdir(mailDir).catch(() => [] as string[])).sort();

  beforeAll(async () => {
    mailDir = path.join(await mkdtemp(path.join(tmpdir(), 'mesh360-delivery-')), 'mail');
    sender = emlFileSender({ dir: mailDir, from: 'mesh360 <no-reply@mesh360.local>' });
  });
  afterAll(async () => {
    await sender?.close();
    if (mailDir) await rm(path.dirname(mailDir), { recursive: true, force: true });
  });

  it('sends a queued reminder to an .eml file, then marks it SENT with its SEND touchpoint and event', async () => {
    const id = await queueFor('cus-deliver-1');
    const outcome = await deliver();
    // Reminders the first tests queued for seeded customers' carts go out in the same round.
    expect(outcome.sent.map((sent) => sent.id)).toContain(id);
    expect(await mailFiles()).toEqual(outcome.sent.map((sent) => `${sent.id}.eml`).sort());
    const eml = await readFile(path.join(mailDir, `${id}.eml`), 'utf8');
    expect(eml).toMatch(/^To: cus-deliver-1@example.com$/m);
    expect(eml).toMatch(/^Subject: You left something in your cart$/m);
    expect(eml).toContain(`Use code ${(await message(id)).discount_code}`);
    expect(eml).toContain(`1 x ${sku(0)}`);

    const data = await ok(`
      query DeliveredMessages {
        queuedMessages(first: 100) { nodes {
          id status attempts sentAt lastError
          touchpoint { id kind channel occurredAt campaign { id } customer { id } }
        } }
      }`);
    const delivered = data.queuedMessages.nodes.find((node: any) => node.id === id);
    expect(delivered).toMatchObject({
      status: 'SENT',
      attempts: 1,
      lastError: null,
      touchpoint: {
        kind: 'SEND',
        channel: 'EMAIL',
        campaign: { id: 'cmp-cart-reminders' },
        customer: { id: 'cus-deliver-1' },
      },
    });
    expect(delivered.touchpoint.occurredAt).toBe(delivered.sentAt);
    // The touchpoint's event went through the outbox, in the same transaction.
    const events = await mesh.databases.campaigns.db
      .selectFrom('outbox')
      .select('type')
      .where('key', '=', delivered.touchpoint.id)
      .execute();
    expect(events).toEqual([{ type: 'TouchpointRecorded' }]);

    // Sent once: a later round (or a restart) finds nothing due.
    expect((await deliver()).sent).toEqual([]);
    expect(await sendTouchpoints('cus-deliver-1')).toBe(1);
  });

  it('asks customers at send time: a withdrawal campaigns has not heard of yet still stops the message', async () => {
    const id = await queueFor('cus-deliver-2');
    // Campaigns' consumer is stopped: its read model still says opted in.
    await consumers.stop();
    try {
      await ok(`mutation($input: SetConsentInput!) { setConsent(input: $input) { status } }`, {
        input: {
          customerId: 'cus-deliver-2',
          purpose: 'MARKETING',
          channel: 'EMAIL',
          status: 'OPT_OUT',
          source: 'test',
        },
      });
      expect((await message(id)).status).toBe('QUEUED');
      const outcome = await deliver();
      expect(outcome.cancelled).toEqual([id]);
      expect(outcome.sent).toEqual([]);
    } finally {
      const events = createEventTransport({
        producerUrls: { customers: eventLogs[0].url, orders: eventLogs[1].url },
      });
      consumers = readModelConsumers({ db: mesh.databases.campaigns.db, events });
      consumers.start();
    }
    expect(await message(id)).toMatchObject({
      status: 'CANCELLED',
      cancellation_reason: 'NOT_CONTACTABLE_AT_SEND',
      touchpoint_id: null,
      sent_at: null,
    });
    expect(await mailFiles()).not.toContain(`${id}.eml`);
    expect(await sendTouchpoints('cus-deliver-2')).toBe(0);
  });

  it('sends nothing when customers cannot answer: retries with back-off, then FAILED', async () => {
    const id = await queueFor('cus-deliver-3');
    // A gateway that is not there (nothing listens on the port).
    const unreachable = createGraphClient({
      url: 'http://127.0.0.1:9/graphql',
      timeoutMs: 2_000,
      clientName: 'campaigns',
      token: async () => 'unused',
    });
    const counted = async (outcome: string) =>
      (await messageDeliveries().get()).values.find(
        (value) => value.labels.outcome === outcome && value.labels.sender === 'eml',
      )?.value ?? 0;
    const [retriedBefore, failedBefore] = [await counted('retried'), await counted('failed')];
    const t0 = new Date();
    const failing = { graph: unreachable, settings: { ...settings, maxAttempts: 2, retryBaseMs: 60_000 } };
    const first = await deliver(failing, () => t0);
    expect(first.retried).toEqual([id]);
    const retried = await message(id);
    expect(retried).toMatchObject({ status: 'QUEUED', attempts: 1, claim_token: null });
    expect(retried.next_attempt_at.getTime()).toBe(t0.getTime() + 60_000);
    expect(retried.last_error).toMatch(/consent could not be checked with the customers domain/);
    // Not due again before its back-off ends.
    expect(await deliver(failing, () => new Date(t0.getTime() + 30_000))).toEqual({
      sent: [],
      retried: [],
      failed: [],
      cancelled: [],
    });
    const last = await deliver(failing, () => new Date(t0.getTime() + 61_000));
    expect(last.failed).toEqual([id]);
    expect(await message(id)).toMatchObject({ status: 'FAILED', attempts: 2, touchpoint_id: null, sent_at: null });
    // Both outcomes are counted for /metrics.
    expect([(await counted('retried')) - retriedBefore, (await counted('failed')) - failedBefore]).toEqual([1, 1]);
    // A failed message is never sent, even once customers answers again.
    expect((await deliver({}, () => new Date(t0.getTime() + 3_600_000))).sent).toEqual([]);
    expect(await mailFiles()).not.toContain(`${id}.eml`);
    const data = await ok(
      `query { queuedMessages(first: 100) { nodes { id status failedAt lastError touchpoint { id } } } }`,
    );
    expect(data.queuedMessages.nodes.find((node: any) => node.id === id)).toMatchObject({
      status: 'FAILED',
      touchpoint: null,
    });
  });

  it('delivers each message exactly once when two workers run at the same time', async () => {
    const queued = [];
    for (const n of [1, 2, 3, 4, 5, 6]) queued.push(await queueFor(`cus-deliver-w${n}`));
    const sentIds: string[] = [];
    const counting: MessageSender = {
      kind: 'eml',
      send: async (outgoing) => {
        sentIds.push(outgoing.id);
        return sender.send(outgoing);
      },
      close: async () => {},
    };
    const small = { ...settings, batchSize: 2 };
    const [a, b] = await Promise.all([
      deliver({ sender: counting, settings: small }),
      deliver({ sender: counting, settings: small }),
    ]);
    expect([...a.sent, ...b.sent].map((sent) => sent.id).sort()).toEqual([...queued].sort());
    expect([...sentIds].sort()).toEqual([...queued].sort());
    for (const n of [1, 2, 3, 4, 5, 6]) expect(await sendTouchpoints(`cus-deliver-w${n}`)).toBe(1);
  });

  it('credits only the delivered reminder in attribution: a cancelled or failed one earns nothing', async () => {
    // The customers whose reminders were sent, cancelled and failed each buy afterwards.
    for (const customerId of ['cus-deliver-1', 'cus-deliver-2', 'cus-deliver-3'])
      await ok(`mutation($input: RecordOrderInput!) { recordOrder(input: $input) { id } }`, {
        input: {
          externalId: `after-reminder-${customerId}-${randomUUID()}`,
          customerId,
          channel: 'WEB',
          status: 'PAID',
          lines: [{ sku: sku(0), quantity: 1, unitPrice: 10 }],
        },
      });
    await until(() =>
      caughtUp(mesh.databases.campaigns.db, 'campaigns-order-facts', 'orders', mesh.databases.orders.db),
    );
    const data = await ok(
      `query($from: DateTime!, $to: DateTime!) {
        attribution(model: LAST_TOUCH, from: $from, to: $to, lookbackDays: 7) {
          conversions unattributedConversions byCampaign { campaign { id } conversions revenue }
        }
      }`,
      { from: testStart.toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() },
    );
    const reminders = data.attribution.byCampaign.find((credit: any) => credit.campaign.id === 'cmp-cart-reminders');
    // One order after a delivered reminder: cus-deliver-1's. The other two (and cus-remind-4's) are unattributed.
    expect(reminders).toMatchObject({ conversions: 1, revenue: 10 });
    expect(data.attribution.conversions).toBe(1);
    expect(data.attribution.unattributedConversions).toBeGreaterThanOrEqual(3);
  });
});
