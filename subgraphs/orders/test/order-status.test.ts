// Orders change status after they are recorded: the state machine, the history, the outbox event,
// and the analytics (purchase stats, lifetime value, RFM, the value model) before and after a refund.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  errorCodeOf as codeOf,
  runJobToEnd,
  startSubgraphForTest,
  type OperationResult as Result,
  type SubgraphUnderTest,
  type TestDatabase,
} from '../../../shared/testing.js';
import { findPurchaseSummaries } from '../src/db/clv.repository.js';
import type { OrdersDatabase } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';
import { ORDER_STATUSES, type OrderStatus } from '../src/db/order.table.js';
import { canTransition, ORDER_TRANSITIONS } from '../src/order-status.js';
import { serverWithOwners } from './fixtures.js';

let subgraph: SubgraphUnderTest<OrdersDatabase>;
let testDb: TestDatabase<OrdersDatabase>;
const run = (query: string, variables?: Record<string, unknown>): Promise<Result> => subgraph.run(query, variables);

beforeAll(async () => {
  subgraph = await startSubgraphForTest('orders', migrations, serverWithOwners());
  testDb = subgraph.testDb;
});

afterAll(async () => {
  await subgraph.stop();
});

let seq = 0;
/** Records an order of one line (quantity × unitPrice) and answers its id. */
async function record(
  customerId: string,
  status: OrderStatus = 'PLACED',
  unitPrice = 10,
  placedAt = '2026-03-01T10:00:00.000Z',
): Promise<string> {
  const result = await run(`mutation($input: RecordOrderInput!) { recordOrder(input: $input) { id } }`, {
    input: {
      externalId: `STATUS-${++seq}`,
      customerId,
      channel: 'WEB',
      status,
      placedAt,
      lines: [{ sku: 'SKU-1', quantity: 1, unitPrice }],
    },
  });
  expect(result.errors).toBeUndefined();
  return result.data.recordOrder.id;
}

const CHANGE = `mutation($orderId: ID!, $status: OrderStatus!, $reason: Text) {
  changeOrderStatus(orderId: $orderId, status: $status, reason: $reason) {
    id status statusHistory { fromStatus toStatus reason changedBy version changedAt }
  }
}`;
const change = (orderId: string, status: OrderStatus, reason?: string) => run(CHANGE, { orderId, status, reason });

const statusEvents = (orderId: string) =>
  testDb.db
    .selectFrom('outbox')
    .select(['key', 'payload'])
    .where('type', '=', 'OrderStatusChanged')
    .where('key', '=', orderId)
    .orderBy('position')
    .execute();

const written = async () => ({
  changes: await testDb.rowCount('order_status_changes'),
  events: await testDb.rowCount('outbox'),
});

describe('the order state machine', () => {
  it('defines the moves from every status, and CANCELLED and REFUNDED are final', () => {
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...ORDER_STATUSES].sort());
    expect(ORDER_TRANSITIONS.CANCELLED).toEqual([]);
    expect(ORDER_TRANSITIONS.REFUNDED).toEqual([]);
    expect(canTransition('PLACED', 'CANCELLED')).toBe(true);
    expect(canTransition('SHIPPED', 'CANCELLED')).toBe(false);
    expect(canTransition('DELIVERED', 'RETURNED')).toBe(true);
    expect(canTransition('RETURNED', 'REFUNDED')).toBe(true);
    expect(canTransition('PLACED', 'REFUNDED')).toBe(false);
    // Every status other than the first can be reached from another one.
    const reachable = new Set(Object.values(ORDER_TRANSITIONS).flat());
    expect([...ORDER_STATUSES].filter((status) => !reachable.has(status))).toEqual(['PLACED']);
  });
});

describe('Mutation.changeOrderStatus and its shortcuts', () => {
  it('walks an order from PLACED to REFUNDED, keeping who, when and why, and publishing each change in order', async () => {
    const id = await record('cus-walk');
    const path: OrderStatus[] = ['PAID', 'SHIPPED', 'DELIVERED', 'RETURNED', 'REFUNDED'];
    for (const status of path) {
      const result = await change(id, status, status === 'RETURNED' ? '  wrong size  ' : undefined);
      expect(result.errors).toBeUndefined();
      expect(result.data.changeOrderStatus.status).toBe(status);
    }
    const { data } = await run(
      `query($id: ID!) { order(id: $id) { status statusHistory { fromStatus toStatus reason changedBy version } } }`,
      {
        id,
      },
    );
    expect(data.order.status).toBe('REFUNDED');
    expect(data.order.statusHistory).toEqual([
      { fromStatus: 'PLACED', toStatus: 'PAID', reason: null, changedBy: 'test-analyst', version: 2 },
      { fromStatus: 'PAID', toStatus: 'SHIPPED', reason: null, changedBy: 'test-analyst', version: 3 },
      { fromStatus: 'SHIPPED', toStatus: 'DELIVERED', reason: null, changedBy: 'test-analyst', version: 4 },
      { fromStatus: 'DELIVERED', toStatus: 'RETURNED', reason: 'wrong size', changedBy: 'test-analyst', version: 5 },
      { fromStatus: 'RETURNED', toStatus: 'REFUNDED', reason: null, changedBy: 'test-analyst', version: 6 },
    ]);
    const events = await statusEvents(id);
    expect(events.map((event) => event.payload)).toEqual(
      data.order.statusHistory.map((entry: { fromStatus: string; toStatus: string; version: number }) => ({
        orderId: id,
        customerId: 'cus-walk',
        fromStatus: entry.fromStatus,
        toStatus: entry.toStatus,
        version: entry.version,
        changedAt: expect.any(String),
        currency: 'EUR',
        total: 10,
      })),
    );
  });

  it('cancels, returns and refunds with the shortcut mutations', async () => {
    const placed = await record('cus-short');
    const delivered = await record('cus-short', 'DELIVERED');
    const result = await run(
      `mutation($placed: ID!, $delivered: ID!) {
        cancel: cancelOrder(orderId: $placed, reason: "customer changed their mind") { status statusHistory { reason } }
        back: returnOrder(orderId: $delivered) { status }
      }`,
      { placed, delivered },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.cancel).toEqual({
      status: 'CANCELLED',
      statusHistory: [{ reason: 'customer changed their mind' }],
    });
    expect(result.data.back.status).toBe('RETURNED');
    const refund = await run(`mutation($id: ID!) { refundOrder(orderId: $id) { status } }`, { id: delivered });
    expect(refund.data.refundOrder.status).toBe('REFUNDED');
  });

  it('refuses a move the machine does not allow with a CONFLICT naming from and to, writing nothing', async () => {
    const cancelled = await record('cus-conflict', 'CANCELLED');
    const placed = await record('cus-conflict');
    const before = await written();
    const refund = await run(`mutation($id: ID!) { refundOrder(orderId: $id) { status } }`, { id: cancelled });
    expect(codeOf(refund)).toBe('CONFLICT');
    expect(refund.errors![0].message).toContain('from CANCELLED to REFUNDED');
    expect(refund.errors![0].extensions).toMatchObject({ from: 'CANCELLED', to: 'REFUNDED' });
    const returned = await run(`mutation($id: ID!) { returnOrder(orderId: $id) { status } }`, { id: placed });
    expect(codeOf(returned)).toBe('CONFLICT');
    expect(returned.errors![0].extensions).toMatchObject({ from: 'PLACED', to: 'RETURNED' });
    expect(returned.errors![0].message).toContain('PAID, CANCELLED');
    expect(await written()).toEqual(before);
    expect((await run(`query($id: ID!) { order(id: $id) { status } }`, { id: placed })).data.order.status).toBe(
      'PLACED',
    );
  });

  it('answers NOT_FOUND for an unknown order and BAD_USER_INPUT for a blank id or an overlong reason, writing nothing', async () => {
    const before = await written();
    expect(codeOf(await change('no-such-order', 'CANCELLED'))).toBe('NOT_FOUND');
    expect(codeOf(await change('   ', 'CANCELLED'))).toBe('BAD_USER_INPUT');
    const id = await record('cus-bad');
    const afterRecord = await written();
    expect(codeOf(await change(id, 'CANCELLED', 'x'.repeat(201)))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(CHANGE, { orderId: id, status: 'LOST' }))).toBe('BAD_USER_INPUT');
    expect(await written()).toEqual(afterRecord);
    expect(afterRecord.changes).toBe(before.changes);
  });

  it('treats a repeated change to the current status as done: no history row, no event', async () => {
    const id = await record('cus-retry');
    expect((await change(id, 'CANCELLED')).errors).toBeUndefined();
    const before = await written();
    const again = await change(id, 'CANCELLED', 'retried');
    expect(again.errors).toBeUndefined();
    expect(again.data.changeOrderStatus.statusHistory).toHaveLength(1);
    expect(await written()).toEqual(before);
  });

  it('applies concurrent changes of one order one after the other', async () => {
    const id = await record('cus-race', 'DELIVERED');
    // Both may start from DELIVERED; the row lock makes the second see the first's status.
    const results = await Promise.all([change(id, 'RETURNED'), change(id, 'REFUNDED')]);
    for (const result of results) expect(result.errors).toBeUndefined();
    const history = (await run(`query($id: ID!) { order(id: $id) { statusHistory { version } } }`, { id })).data.order
      .statusHistory;
    expect(history.map((entry: { version: number }) => entry.version)).toEqual([2, 3]);
    expect((await statusEvents(id)).map((event) => (event.payload as { version: number }).version)).toEqual([2, 3]);
  });
});

describe('Order.statusHistory', () => {
  it('reads the history of many orders in one statement', async () => {
    const ids = [];
    for (let i = 0; i < 6; i++) {
      const id = await record(`cus-batch-${i}`);
      await change(id, 'PAID');
      ids.push(id);
    }
    const statementsFor = async (orderIds: string[]) => {
      testDb.resetStatementCount();
      const result = await run(
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Order { id statusHistory { toStatus } } } }`,
        { reps: orderIds.map((id) => ({ __typename: 'Order', id })) },
      );
      expect(result.data._entities.map((order: any) => order.statusHistory)).toEqual(
        orderIds.map(() => [{ toStatus: 'PAID' }]),
      );
      return testDb.statementCount();
    };
    expect(await statementsFor(ids.slice(0, 2))).toBe(await statementsFor(ids));
  });
});

describe('analytics before and after a refund or a cancellation', () => {
  const CUSTOMER = `query($id: ID!) { _entities(representations: [{ __typename: "Customer", id: $id }]) { ... on Customer {
    purchaseStats { orderCount totalSpentByCurrency { amount currency } }
    lifetimeValue { historical }
  } } }`;
  const customer = async (id: string) => (await run(CUSTOMER, { id })).data._entities[0];

  it('drops a refunded order from revenue, lifetime value, RFM monetary and the value model, and a returned one only once refunded', async () => {
    const a = await record('cus-refund', 'DELIVERED', 30, '2026-02-01T10:00:00.000Z');
    const b = await record('cus-refund', 'DELIVERED', 12.5, '2026-02-10T10:00:00.000Z');
    const asOf = new Date('2026-03-01T00:00:00.000Z');

    expect(await customer('cus-refund')).toEqual({
      purchaseStats: { orderCount: 2, totalSpentByCurrency: [{ amount: '42.50', currency: 'EUR' }] },
      lifetimeValue: { historical: 42.5 },
    });
    const rfm = async () => {
      const job = await runJobToEnd(subgraph, `mutation($asOf: DateTime) { refreshRfm(asOf: $asOf) { id } }`, {
        asOf: asOf.toISOString(),
      });
      expect(job.status).toBe('SUCCEEDED');
      const result = await run(
        `query($asOf: DateTime) { _entities(representations: [{ __typename: "Customer", id: "cus-refund" }]) { ... on Customer { rfm(asOf: $asOf) { frequency monetary } } } }`,
        { asOf: asOf.toISOString() },
      );
      return result.data._entities[0].rfm;
    };
    const summary = async () => {
      const [row] = await findPurchaseSummaries(testDb.db, asOf, ['cus-refund']);
      return row && { x: row.x, revenue: row.revenue };
    };
    expect(await rfm()).toEqual({ frequency: 2, monetary: 42.5 });
    expect(await summary()).toEqual({ x: 1, revenue: 42.5 });

    expect(
      (await run(`mutation($id: ID!) { refundOrder(orderId: $id) { status } }`, { id: b })).errors,
    ).toBeUndefined();
    // A refunded order was still bought (it counts in orderCount and RFM frequency) but is no revenue.
    expect(await customer('cus-refund')).toEqual({
      purchaseStats: { orderCount: 2, totalSpentByCurrency: [{ amount: '30.00', currency: 'EUR' }] },
      lifetimeValue: { historical: 30 },
    });
    expect(await rfm()).toEqual({ frequency: 2, monetary: 30 });
    // For the value model a refunded order is no purchase: one purchase left, no repeat.
    expect(await summary()).toEqual({ x: 0, revenue: 30 });

    // The other order is returned (still revenue until refunded), then refunded: no revenue left.
    expect(
      (await run(`mutation($id: ID!) { returnOrder(orderId: $id) { status } }`, { id: a })).errors,
    ).toBeUndefined();
    expect((await customer('cus-refund')).lifetimeValue).toEqual({ historical: 30 });
    expect(
      (await run(`mutation($id: ID!) { refundOrder(orderId: $id) { status } }`, { id: a })).errors,
    ).toBeUndefined();
    expect((await customer('cus-refund')).purchaseStats.totalSpentByCurrency).toEqual([]);
    expect(await summary()).toBeUndefined();
  });

  it('drops a cancelled order from the order count, revenue and RFM frequency', async () => {
    const id = await record('cus-cancel', 'PLACED', 20, '2026-02-05T10:00:00.000Z');
    await record('cus-cancel', 'PAID', 5, '2026-02-06T10:00:00.000Z');
    expect((await customer('cus-cancel')).purchaseStats).toEqual({
      orderCount: 2,
      totalSpentByCurrency: [{ amount: '25.00', currency: 'EUR' }],
    });
    expect((await run(`mutation($id: ID!) { cancelOrder(orderId: $id) { status } }`, { id })).errors).toBeUndefined();
    expect(await customer('cus-cancel')).toEqual({
      purchaseStats: { orderCount: 1, totalSpentByCurrency: [{ amount: '5.00', currency: 'EUR' }] },
      lifetimeValue: { historical: 5 },
    });
  });
});
