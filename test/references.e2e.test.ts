// References are checked by their owner, through the gateway: an order, a cart or a touchpoint for a
// customer the customers domain does not know (never created, or erased) is refused with NOT_FOUND
// naming the field, and so are order and cart lines for skus inventory does not know; a refused
// write leaves every table of every domain as it was. The orders and campaigns services ask with
// their own service identities (customersByIds, productsBySkus), as in production.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '../scripts/seed/world.js';
import { SUBGRAPH_NAMES } from '../shared/config.js';
import { until } from './support/event-logs.js';
import { startInProcessMesh, type InProcessMesh } from './support/in-process-mesh.js';
import { startPrivacyEvents } from './support/privacy-events.js';

const world = createWorld({ customers: 6, products: 4, orders: 10, campaigns: 1, touchpoints: 6 }, 13);
let mesh: InProcessMesh;
let privacyEvents: Awaited<ReturnType<typeof startPrivacyEvents>>;

beforeAll(async () => {
  mesh = await startInProcessMesh(world);
  privacyEvents = await startPrivacyEvents(mesh.databases);
}, 120_000);

afterAll(async () => {
  await privacyEvents?.close();
  await mesh?.close();
});

const RECORD_ORDER = 'mutation($i: RecordOrderInput!) { recordOrder(input: $i) { id customer { id } } }';
const UPDATE_CART = 'mutation($i: UpdateCartInput!) { updateCart(input: $i) { id } }';
const RECORD_TOUCHPOINT = 'mutation($i: RecordTouchpointInput!) { recordTouchpoint(input: $i) { id } }';

const sku = (i: number) => world.sku(i);
const campaignId = world.campaign(0).id;
const order = (externalId: string, customerId: string, skus = [sku(0)]) => ({
  i: {
    externalId,
    customerId,
    channel: 'WEB',
    lines: skus.map((s) => ({ sku: s, quantity: 1, unitPrice: 10 })),
  },
});
const cart = (customerId: string, skus = [sku(1)]) => ({
  i: { customerId, lines: skus.map((s) => ({ sku: s, quantity: 2, unitPrice: 5 })) },
});
const touchpoint = (customerId: string) => ({ i: { customerId, campaignId, kind: 'CLICK' } });

/**
 * Consumers' own bookkeeping, which the background consumers advance whatever the test sends (the
 * erasure's events are still being applied after the request completes): not a write of the request.
 */
const CONSUMER_TABLES = new Set(['processed_events', 'consumer_positions']);

/** Rows per table of every domain's database (this test's schemas only), consumers' bookkeeping aside. */
async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of SUBGRAPH_NAMES) {
    const db = mesh.databases[name];
    const tables = await sql<{
      name: string;
    }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(
      db.db,
    );
    for (const table of tables.rows)
      if (!CONSUMER_TABLES.has(table.name)) counts[`${name}.${table.name}`] = await db.rowCount(table.name as never);
  }
  return counts;
}

/** Sends a write that must be refused with NOT_FOUND naming `field`, and checks that nothing was written. */
async function expectRefused(query: string, variables: Record<string, unknown>, field: string) {
  const before = await rowCounts();
  const answer = await mesh.query(query, variables);
  expect(answer.errors, JSON.stringify(answer)).toHaveLength(1);
  expect(answer.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', argumentName: field });
  expect(answer.errors![0].message.startsWith(`${field}: `)).toBe(true);
  expect(answer.data ?? null).toBeNull();
  expect(await rowCounts()).toEqual(before);
}

async function expectAccepted(query: string, variables: Record<string, unknown>) {
  const answer = await mesh.query(query, variables);
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return answer.data;
}

describe('references checked by their owners, through the gateway', () => {
  it('accepts an order, a cart and a touchpoint for a customer and skus that exist', async () => {
    const customerId = world.customerId(1);
    const recorded = await expectAccepted(RECORD_ORDER, order('ref-ok-1', customerId, [sku(0), sku(1)]));
    expect(recorded.recordOrder.customer).toEqual({ id: customerId });
    await expectAccepted(UPDATE_CART, cart(customerId));
    await expectAccepted(RECORD_TOUCHPOINT, touchpoint(customerId));
  });

  it('refuses a customer that never existed, naming input.customerId, and writes nothing', async () => {
    await expectRefused(RECORD_ORDER, order('ref-nobody-1', 'cus-nobody'), 'input.customerId');
    await expectRefused(UPDATE_CART, cart('cus-nobody'), 'input.customerId');
    await expectRefused(RECORD_TOUCHPOINT, touchpoint('cus-nobody'), 'input.customerId');
    const message = (await mesh.query(RECORD_ORDER, order('ref-nobody-2', 'cus-nobody'))).errors![0].message;
    expect(message).toBe('input.customerId: no customer cus-nobody (unknown or erased)');
  });

  it('refuses order and cart lines for unknown skus, naming the line, and writes nothing', async () => {
    const customerId = world.customerId(2);
    await expectRefused(RECORD_ORDER, order('ref-sku-1', customerId, [sku(0), 'SKU-NOPE']), 'input.lines[1].sku');
    await expectRefused(UPDATE_CART, cart(customerId, ['SKU-NOPE', sku(1)]), 'input.lines[0].sku');
  });

  it('refuses an erased customer once their erasure has reached customers, and writes nothing', async () => {
    const customerId = 'ref-erased-1';
    await expectAccepted('mutation($i: UpsertCustomerInput!) { upsertCustomer(input: $i) { id } }', {
      i: { id: customerId, email: 'ref.erased@example.org' },
    });
    await expectAccepted(RECORD_ORDER, order('ref-erased-before', customerId));
    const opened = await expectAccepted('mutation($id: ID!) { requestErasure(customerId: $id) { id } }', {
      id: customerId,
    });
    const requestId = opened.requestErasure.id as string;
    await until(
      async () =>
        (await mesh.query('query($id: ID!) { dataSubjectRequest(id: $id) { status } }', { id: requestId })).data
          ?.dataSubjectRequest?.status === 'COMPLETED',
      60_000,
    );
    await expectRefused(RECORD_ORDER, order('ref-erased-after', customerId), 'input.customerId');
    await expectRefused(UPDATE_CART, cart(customerId), 'input.customerId');
    await expectRefused(RECORD_TOUCHPOINT, touchpoint(customerId), 'input.customerId');
  });
});
