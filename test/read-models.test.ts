// Campaigns keeps read models of orders' and customers' facts from their events: recordOrder,
// updateCart, setConsent and setPrivacyPreference in their owners' databases reach campaigns' order
// facts, cart facts, consent and privacy state through the no-broker logs, and late or repeated
// events change nothing; order status changes reach the order facts once and in order. A withdrawal or an objection cancels the customer's queued messages.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventTransport, type DomainEvent } from '../shared/events/index.js';
import type { BackgroundJobs } from '../shared/run.js';
import { referencesAssumedKnown } from './support/owners.js';
import { createTestDatabase, type TestDatabase } from '../shared/testing.js';
import type { CampaignsDatabase } from '../subgraphs/campaigns/src/db/database.js';
import { migrations as campaignMigrations } from '../subgraphs/campaigns/src/db/migrations/index.js';
import { applyConsentEvent, applyOrdersEvent, readModelConsumers } from '../subgraphs/campaigns/src/events/consumed.js';
import { insertAudience } from '../subgraphs/campaigns/src/db/audience.repository.js';
import {
  ensureReminderCampaign,
  insertCartReminderOnce,
} from '../subgraphs/campaigns/src/db/cart-reminder.repository.js';
import { setConsent, setPrivacyPreference } from '../subgraphs/customers/src/consents.js';
import { upsertCustomer } from '../subgraphs/customers/src/customers.js';
import { migrations as customerMigrations } from '../subgraphs/customers/src/db/migrations/index.js';
import { updateCart } from '../subgraphs/orders/src/carts.js';
import { migrations as orderMigrations } from '../subgraphs/orders/src/db/migrations/index.js';
import { recordOrder } from '../subgraphs/orders/src/orders.js';
import { changeOrderStatus } from '../subgraphs/orders/src/order-status.js';

const VIEWER = { subject: 'support-agent', scopes: [] };
import { caughtUp as consumerCaughtUp, serveEventLog as serveLog, until } from './support/event-logs.js';

describe('campaigns read models', () => {
  let orders: TestDatabase<any>, customers: TestDatabase<any>, campaigns: TestDatabase<CampaignsDatabase>;
  let logs: Awaited<ReturnType<typeof serveLog>>[] = [];
  let consumers: BackgroundJobs;
  beforeAll(async () => {
    [orders, customers, campaigns] = await Promise.all([
      createTestDatabase<any>('orders', orderMigrations),
      createTestDatabase<any>('customers', customerMigrations),
      createTestDatabase<CampaignsDatabase>('campaigns', campaignMigrations),
    ]);
    logs = [await serveLog(orders.db, 'orders'), await serveLog(customers.db, 'customers')];
    const events = createEventTransport({ producerUrls: { orders: logs[0].url, customers: logs[1].url } });
    // Facts written before campaigns' consumers first start are backfilled from the logs.
    await recordOrder(orders.db, referencesAssumedKnown, {
      externalId: 'early',
      customerId: 'c-1',
      channel: 'STORE',
      currency: 'EUR',
      lines: [{ sku: 'SKU-9', quantity: 1, unitPrice: 3 }],
    });
    consumers = readModelConsumers({ db: campaigns.db, events });
    consumers.start();
  });
  afterAll(async () => {
    await consumers?.stop();
    for (const log of logs) await log.close();
    await Promise.all([orders, customers, campaigns].map((testDb) => testDb?.destroy()));
  });

  const caughtUp = (consumer: string, producer: string, db: Kysely<any>) =>
    consumerCaughtUp(campaigns.db, consumer, producer, db);

  /** The orders domain's events of one type, oldest first, as a consumer receives them (for redelivering one by hand). */
  const ordersEvents = async (type: string): Promise<DomainEvent[]> =>
    (await orders.db.selectFrom('outbox').selectAll().where('type', '=', type).orderBy('position').execute()).map(
      (row: any) => ({
        ...row,
        occurredAt: row.occurred_at,
        recordedAt: row.recorded_at,
        producer: 'orders',
        position: Number(row.position),
      }),
    );
  const orderFact = (orderId: string) =>
    campaigns.db
      .selectFrom('order_facts')
      .select(['status', 'status_version'])
      .where('order_id', '=', orderId)
      .executeTakeFirstOrThrow();

  it('keeps order facts with lines, and each customer cart as last published', async () => {
    const { order } = await recordOrder(orders.db, referencesAssumedKnown, {
      externalId: 'shop-7',
      customerId: 'c-1',
      channel: 'WEB',
      currency: 'EUR',
      lines: [
        { sku: 'SKU-1', quantity: 2, unitPrice: 9.99 },
        { sku: 'SKU-2', quantity: 1, unitPrice: 5 },
      ],
    });
    await updateCart(orders.db, referencesAssumedKnown, {
      customerId: 'c-1',
      lines: [{ sku: 'SKU-3', quantity: 1, unitPrice: 4 }],
    });
    await updateCart(orders.db, referencesAssumedKnown, {
      customerId: 'c-1',
      lines: [{ sku: 'SKU-4', quantity: 2, unitPrice: 1.5 }],
    });
    await until(() => caughtUp('campaigns-order-facts', 'orders', orders.db));

    const facts = await campaigns.db
      .selectFrom('order_facts')
      .select(['order_id', 'customer_id', 'channel', 'currency', 'total', 'status'])
      .orderBy('placed_at')
      .execute();
    expect(facts.map((fact) => fact.channel)).toEqual(['STORE', 'WEB']);
    expect(facts[1]).toEqual({
      order_id: order.id,
      customer_id: 'c-1',
      channel: 'WEB',
      currency: 'EUR',
      total: 24.98,
      status: 'PLACED',
    });
    const lines = await campaigns.db
      .selectFrom('order_fact_lines')
      .select(['sku', 'quantity', 'unit_price'])
      .where('order_id', '=', order.id)
      .orderBy('line_no')
      .execute();
    expect(lines).toEqual([
      { sku: 'SKU-1', quantity: 2, unit_price: 9.99 },
      { sku: 'SKU-2', quantity: 1, unit_price: 5 },
    ]);
    const cart = await campaigns.db
      .selectFrom('cart_facts')
      .selectAll()
      .where('customer_id', '=', 'c-1')
      .executeTakeFirstOrThrow();
    expect([cart.value, cart.lines]).toEqual([3, [{ sku: 'SKU-4', quantity: 2, unitPrice: 1.5 }]]);

    // A late redelivery of the first cart (an earlier position) does not overwrite the newer one.
    const [stale] = await ordersEvents('CartUpdated');
    await campaigns.db.transaction().execute((trx) => applyOrdersEvent(trx, stale));
    expect(
      (
        await campaigns.db
          .selectFrom('cart_facts')
          .select('value')
          .where('customer_id', '=', 'c-1')
          .executeTakeFirstOrThrow()
      ).value,
    ).toBe(3);
    // Funnels keep every cart activity, once per event: the redelivery added no row.
    const activities = await campaigns.db
      .selectFrom('cart_activity_facts')
      .select(['cart_id', 'line_count'])
      .where('customer_id', '=', 'c-1')
      .orderBy('activity_at')
      .execute();
    expect(activities).toHaveLength(
      (await ordersEvents('CartUpdated')).filter((e) => (e.payload as { customerId: string }).customerId === 'c-1')
        .length,
    );
    expect(activities.at(-1)).toMatchObject({ line_count: 1 });
  });

  it('applies order status changes in order and once: a redelivered or overtaken change, or a late OrderRecorded, changes nothing', async () => {
    const { order } = await recordOrder(orders.db, referencesAssumedKnown, {
      externalId: 'shop-refund',
      customerId: 'c-2',
      channel: 'WEB',
      status: 'DELIVERED',
      lines: [{ sku: 'SKU-1', quantity: 1, unitPrice: 20 }],
    });
    await changeOrderStatus(orders.db, { orderId: order.id, status: 'RETURNED' }, VIEWER);
    await changeOrderStatus(orders.db, { orderId: order.id, status: 'REFUNDED', reason: 'returned' }, VIEWER);
    await until(() => caughtUp('campaigns-order-facts', 'orders', orders.db));
    expect(await orderFact(order.id)).toEqual({ status: 'REFUNDED', status_version: 3 });

    // The RETURNED change delivered again (a redelivery, or one that lost a race with the later change)
    // and the order's OrderRecorded delivered again: the fact stays REFUNDED.
    const returned = (await ordersEvents('OrderStatusChanged')).find(
      (event) => (event.payload as { orderId: string; toStatus: string }).toStatus === 'RETURNED',
    )!;
    const recorded = (await ordersEvents('OrderRecorded')).find((event) => event.key === order.id)!;
    for (const event of [returned, { ...returned, id: randomUUID() }, recorded])
      await campaigns.db.transaction().execute((trx) => applyOrdersEvent(trx, event));
    expect(await orderFact(order.id)).toEqual({ status: 'REFUNDED', status_version: 3 });

    // A change whose order campaigns has not seen yet fails (the consumer retries it) rather than being lost.
    const orphan = {
      ...returned,
      id: randomUUID(),
      key: 'unknown',
      payload: { ...(returned.payload as object), orderId: 'unknown' },
    };
    await expect(campaigns.db.transaction().execute((trx) => applyOrdersEvent(trx, orphan))).rejects.toThrow(
      /before its OrderRecorded/,
    );
  });

  it('keeps the current consent: the record the owner received last wins, in whatever order events arrive', async () => {
    await upsertCustomer(customers.db, { id: 'c-1', email: 'c1@example.com' });
    const now = Date.now();
    await setConsent(customers.db, {
      customerId: 'c-1',
      purpose: 'MARKETING',
      channel: 'EMAIL',
      status: 'OPT_IN',
      source: 'checkout',
      capturedAt: new Date(now - 60_000),
    });
    await setConsent(customers.db, {
      customerId: 'c-1',
      purpose: 'MARKETING',
      channel: 'EMAIL',
      status: 'OPT_OUT',
      source: 'preference-center',
      capturedAt: new Date(now),
    });
    // Captured earlier but sent last (an offline form): the owner refuses it, so it never overrides the withdrawal.
    await expect(
      setConsent(customers.db, {
        customerId: 'c-1',
        purpose: 'MARKETING',
        channel: 'EMAIL',
        status: 'OPT_IN',
        source: 'paper-form',
        capturedAt: new Date(now - 30_000),
      }),
    ).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    await setConsent(customers.db, {
      customerId: 'c-1',
      purpose: 'ANALYTICS',
      channel: 'EMAIL',
      status: 'OPT_IN',
      source: 'checkout',
    });
    await until(() => caughtUp('campaigns-consent-state', 'customers', customers.db));
    const state = await campaigns.db
      .selectFrom('consent_state')
      .select(['purpose', 'channel', 'status'])
      .where('customer_id', '=', 'c-1')
      .orderBy('purpose')
      .execute();
    expect(state).toEqual([
      { purpose: 'ANALYTICS', channel: 'EMAIL', status: 'OPT_IN' },
      { purpose: 'MARKETING', channel: 'EMAIL', status: 'OPT_OUT' },
    ]);
    // Replaying the oldest opt-in directly changes nothing either.
    const optIn = (await customers.db
      .selectFrom('outbox')
      .selectAll()
      .where('type', '=', 'ConsentChanged')
      .orderBy('position')
      .executeTakeFirstOrThrow()) as any;
    await campaigns.db.transaction().execute((trx) =>
      applyConsentEvent(trx, {
        ...optIn,
        occurredAt: optIn.occurred_at,
        recordedAt: optIn.recorded_at,
        producer: 'customers',
        position: Number(optIn.position),
      }),
    );
    expect(
      (
        await campaigns.db
          .selectFrom('consent_state')
          .select('status')
          .where('purpose', '=', 'MARKETING')
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('OPT_OUT');
  });

  describe('queued messages', () => {
    let activity = Date.parse('2026-11-01T10:00:00Z');
    /** Queues a reminder the way the trigger does; undefined when the read models suppress the customer. */
    const queue = (
      customerId: string,
      channel: 'EMAIL' | 'SMS' | 'PUSH',
      db: Kysely<CampaignsDatabase> = campaigns.db,
    ) => {
      activity += 60_000;
      return insertCartReminderOnce(db, {
        id: crypto.randomUUID(),
        customer_id: customerId,
        channel,
        cart_id: `cart-${customerId}`,
        cart_activity_at: new Date(activity),
        items: [{ sku: 'SKU-1', quantity: 1 }],
        discount_code: 'CART-TEST',
        discount_percent_off: 10,
        discount_valid_until: new Date(activity + 86_400_000),
        queued_at: new Date(activity),
      });
    };
    const statuses = async (customerId: string) =>
      campaigns.db
        .selectFrom('cart_reminders')
        .select(['channel', 'status', 'cancellation_reason', 'cancelled_by_event'])
        .where('customer_id', '=', customerId)
        .orderBy('cart_activity_at')
        .execute();
    const lastEventId = async (type: string) =>
      (
        await customers.db
          .selectFrom('outbox')
          .select('id')
          .where('type', '=', type)
          .orderBy('recorded_at', 'desc')
          .orderBy('position', 'desc')
          .executeTakeFirstOrThrow()
      ).id;
    const consentCaughtUp = () => until(() => caughtUp('campaigns-consent-state', 'customers', customers.db));

    beforeAll(async () => {
      for (const id of ['m-1', 'm-2']) {
        await upsertCustomer(customers.db, { id, email: `${id}@example.com` });
        for (const channel of ['EMAIL', 'SMS', 'PUSH'] as const)
          await setConsent(customers.db, {
            customerId: id,
            purpose: 'MARKETING',
            channel,
            status: 'OPT_IN',
            source: 'checkout',
          });
      }
      await consentCaughtUp();
    });

    it("a MARKETING opt-out cancels the customer's queued messages on that channel only, keeping them as evidence", async () => {
      expect(await queue('m-1', 'EMAIL')).toBeDefined();
      expect(await queue('m-1', 'SMS')).toBeDefined();
      expect(await queue('m-2', 'EMAIL')).toBeDefined();
      // Withdrawing another purpose cancels nothing.
      await setConsent(customers.db, {
        customerId: 'm-1',
        purpose: 'ANALYTICS',
        channel: 'EMAIL',
        status: 'OPT_OUT',
        source: 'preference-center',
      });
      await setConsent(customers.db, {
        customerId: 'm-1',
        purpose: 'MARKETING',
        channel: 'EMAIL',
        status: 'OPT_OUT',
        source: 'unsubscribe-link',
      });
      await consentCaughtUp();
      const optOut = await lastEventId('ConsentChanged');
      expect(await statuses('m-1')).toEqual([
        { channel: 'EMAIL', status: 'CANCELLED', cancellation_reason: 'CONSENT_WITHDRAWN', cancelled_by_event: optOut },
        { channel: 'SMS', status: 'QUEUED', cancellation_reason: null, cancelled_by_event: null },
      ]);
      expect((await statuses('m-2')).map((row) => row.status)).toEqual(['QUEUED']);
      // A later trigger run queues nothing for the withdrawn channel, and still queues SMS.
      expect(await queue('m-1', 'EMAIL')).toBeUndefined();
      expect(await queue('m-1', 'SMS')).toBeDefined();
      expect(await campaigns.rowCount('cart_reminders')).toBe(4);
    });

    it('an objection to direct marketing cancels every channel, stays in the read model, and keeps the customer out of audiences and triggers', async () => {
      expect(await queue('m-2', 'PUSH')).toBeDefined();
      await setPrivacyPreference(customers.db, {
        customerId: 'm-2',
        kind: 'OBJECT_TO_DIRECT_MARKETING',
        active: true,
        source: 'letter',
      });
      await consentCaughtUp();
      const objection = await lastEventId('PrivacyPreferenceChanged');
      expect(await statuses('m-2')).toEqual([
        {
          channel: 'EMAIL',
          status: 'CANCELLED',
          cancellation_reason: 'OBJECTED_TO_DIRECT_MARKETING',
          cancelled_by_event: objection,
        },
        {
          channel: 'PUSH',
          status: 'CANCELLED',
          cancellation_reason: 'OBJECTED_TO_DIRECT_MARKETING',
          cancelled_by_event: objection,
        },
      ]);
      expect(
        await campaigns.db
          .selectFrom('privacy_state')
          .select(['kind', 'active'])
          .where('customer_id', '=', 'm-2')
          .execute(),
      ).toEqual([{ kind: 'OBJECT_TO_DIRECT_MARKETING', active: true }]);
      for (const channel of ['EMAIL', 'SMS', 'PUSH'] as const) expect(await queue('m-2', channel)).toBeUndefined();
      // An audience snapshot leaves out the objector (on every channel) and the EMAIL opt-out (on EMAIL only).
      await ensureReminderCampaign(campaigns.db, { id: 'cmp-privacy', name: 'Privacy test', channel: 'EMAIL' });
      const rule = (channel: 'EMAIL' | 'SMS') => ({
        segments: ['CHAMPIONS' as const],
        channel,
        country: null,
        minPredictedValue: null,
        horizonDays: 365,
      });
      const members = async (version: number, channel: 'EMAIL' | 'SMS') => {
        const audience = await campaigns.db
          .transaction()
          .execute((trx) =>
            insertAudience(trx, { campaignId: 'cmp-privacy', version, computedAt: new Date(), rule: rule(channel) }, [
              'm-1',
              'm-2',
              'x-1',
            ]),
          );
        const rows = await campaigns.db
          .selectFrom('audience_members')
          .select('customer_id')
          .where('campaign_id', '=', 'cmp-privacy')
          .where('version', '=', version)
          .orderBy('customer_id')
          .execute();
        return [audience.size, rows.map((row) => row.customer_id)];
      };
      expect(await members(1, 'EMAIL')).toEqual([1, ['x-1']]);
      expect(await members(2, 'SMS')).toEqual([2, ['m-1', 'x-1']]);
      // Lifting the objection restores contact where consent allows; cancelled messages stay cancelled.
      await setPrivacyPreference(customers.db, {
        customerId: 'm-2',
        kind: 'OBJECT_TO_DIRECT_MARKETING',
        active: false,
        source: 'preference-center',
      });
      await consentCaughtUp();
      expect(await queue('m-2', 'SMS')).toBeDefined();
      expect((await statuses('m-2')).map((row) => row.status)).toEqual(['CANCELLED', 'CANCELLED', 'QUEUED']);
    });

    it.skipIf(!process.env.TEST_DATABASE_URL)(
      'a reminder committed while the withdrawal is being applied is cancelled too (Postgres: two connections)',
      async () => {
        await upsertCustomer(customers.db, { id: 'm-3', email: 'm-3@example.com' });
        await setConsent(customers.db, {
          customerId: 'm-3',
          purpose: 'MARKETING',
          channel: 'PUSH',
          status: 'OPT_IN',
          source: 'app',
        });
        await consentCaughtUp();
        // A trigger run queues a reminder (it saw the opt-in) and has not committed yet...
        let commit!: () => void;
        const queued = new Promise<void>((resolveQueued, rejectQueued) => {
          campaigns.db
            .transaction()
            .execute(async (trx) => {
              expect(await queue('m-3', 'PUSH', trx)).toBeDefined();
              resolveQueued();
              await new Promise<void>((resolve) => (commit = resolve));
            })
            .catch(rejectQueued);
        });
        await queued;
        // ...when the customer withdraws: the consumer waits for the trigger's transaction instead of missing its row.
        await setConsent(customers.db, {
          customerId: 'm-3',
          purpose: 'MARKETING',
          channel: 'PUSH',
          status: 'OPT_OUT',
          source: 'app',
        });
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(await caughtUp('campaigns-consent-state', 'customers', customers.db)).toBe(false);
        commit();
        await consentCaughtUp();
        expect((await statuses('m-3')).map((row) => [row.status, row.cancellation_reason])).toEqual([
          ['CANCELLED', 'CONSENT_WITHDRAWN'],
        ]);
      },
    );
  });
});
