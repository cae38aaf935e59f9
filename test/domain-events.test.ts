// Every domain publishes its facts through its own outbox, in the transaction of the change:
// a write that changes something appends its event, a no-op or refused write appends nothing.
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventTables } from '../shared/events/index.js';
import { everyCustomerKnown, referencesAssumedKnown } from './support/owners.js';
import { createTestDatabase, type TestDatabase } from '../shared/testing.js';
import { setConsent, setPrivacyPreference } from '../subgraphs/customers/src/consents.js';
import { addIdentity, upsertCustomer } from '../subgraphs/customers/src/customers.js';
import { migrations as customerMigrations } from '../subgraphs/customers/src/db/migrations/index.js';
import { updateCart } from '../subgraphs/orders/src/carts.js';
import { migrations as orderMigrations } from '../subgraphs/orders/src/db/migrations/index.js';
import { recordOrder } from '../subgraphs/orders/src/orders.js';
import { migrations as inventoryMigrations } from '../subgraphs/inventory/src/db/migrations/index.js';
import { adjustStock, releaseReservation, reserveStock } from '../subgraphs/inventory/src/stock.js';
import { createCampaign, updateCampaign } from '../subgraphs/campaigns/src/campaigns.js';
import { migrations as campaignMigrations } from '../subgraphs/campaigns/src/db/migrations/index.js';
import { recordTouchpoint } from '../subgraphs/campaigns/src/touchpoints.js';

/** The outbox rows appended since `after` (by recorded order), as [type, key, payload]. */
async function appended(db: Kysely<any>, seen: Set<string>): Promise<[string, string, any][]> {
  const rows = await (db as Kysely<EventTables>)
    .selectFrom('outbox')
    .select(['id', 'type', 'key', 'payload'])
    .orderBy('recorded_at')
    .orderBy(sql`ctid`)
    .execute();
  const fresh = rows.filter((row) => !seen.has(row.id));
  for (const row of fresh) seen.add(row.id);
  return fresh.map((row) => [row.type, row.key, row.payload]);
}

describe('domain events', () => {
  const dbs: TestDatabase<any>[] = [];
  const open = async (domain: string, migrations: Parameters<typeof createTestDatabase>[1]) => {
    const testDb = await createTestDatabase<any>(domain, migrations);
    dbs.push(testDb);
    return testDb.db as Kysely<any>;
  };
  let customers: Kysely<any>, orders: Kysely<any>, inventory: Kysely<any>, campaigns: Kysely<any>;
  beforeAll(async () => {
    [customers, orders, inventory, campaigns] = await Promise.all([
      open('customers', customerMigrations),
      open('orders', orderMigrations),
      open('inventory', inventoryMigrations),
      open('campaigns', campaignMigrations),
    ]);
  });
  afterAll(async () => Promise.all(dbs.map((testDb) => testDb.destroy())));

  it('customers: CustomerUpserted, IdentityAdded and ConsentChanged, without names or contact data', async () => {
    const seen = new Set<string>();
    const { customer } = await upsertCustomer(customers, {
      id: 'c-1',
      email: 'Ada@Example.com',
      firstName: 'Ada',
      country: 'DE',
    });
    const events = await appended(customers, seen);
    expect(events.map(([type, key]) => [type, key])).toEqual([
      ['CustomerUpserted', 'c-1'],
      ['IdentityAdded', 'c-1'],
    ]);
    expect(events[0][2]).toMatchObject({ customerId: 'c-1', created: true, country: 'DE' });
    expect(JSON.stringify(events)).not.toMatch(/ada/i);
    // The same upsert again changes nothing and publishes nothing; a conflict publishes nothing.
    await upsertCustomer(customers, { id: 'c-1', email: 'ada@example.com', firstName: 'Ada', country: 'DE' });
    await upsertCustomer(customers, { id: 'c-2', email: 'ada@example.com' }).catch(() => undefined);
    expect(await appended(customers, seen)).toEqual([]);
    await addIdentity(customers, customer.id, 'PHONE', '+49 30 1234567');
    await setConsent(customers, {
      customerId: 'c-1',
      purpose: 'MARKETING',
      channel: 'EMAIL',
      status: 'OPT_IN',
      source: 'checkout',
    });
    const later = await appended(customers, seen);
    expect(later.map(([type]) => type)).toEqual(['IdentityAdded', 'ConsentChanged']);
    expect(later[1][2]).toMatchObject({
      customerId: 'c-1',
      purpose: 'MARKETING',
      channel: 'EMAIL',
      status: 'OPT_IN',
      source: 'checkout',
    });
    await setConsent(customers, {
      customerId: 'nobody',
      purpose: 'MARKETING',
      channel: 'EMAIL',
      status: 'OPT_IN',
      source: 'checkout',
    }).catch(() => undefined);
    expect(await appended(customers, seen)).toEqual([]);
  });

  it('customers: PrivacyPreferenceChanged with each objection or do-not-sell record, in its transaction', async () => {
    const seen = new Set<string>();
    await upsertCustomer(customers, { id: 'c-p', email: 'pat@example.com' });
    await appended(customers, seen);
    await setPrivacyPreference(customers, {
      customerId: 'c-p',
      kind: 'OBJECT_TO_DIRECT_MARKETING',
      active: true,
      source: 'letter',
    });
    // A consent decision carrying a do-not-sell preference publishes both records.
    await setConsent(customers, {
      customerId: 'c-p',
      purpose: 'ANALYTICS',
      channel: 'EMAIL',
      status: 'OPT_OUT',
      source: 'form',
      doNotSellOrShare: true,
    });
    const events = await appended(customers, seen);
    expect(events.map(([type, key]) => [type, key])).toEqual([
      ['PrivacyPreferenceChanged', 'c-p'],
      ['ConsentChanged', 'c-p'],
      ['PrivacyPreferenceChanged', 'c-p'],
    ]);
    expect(events[0][2]).toMatchObject({
      customerId: 'c-p',
      kind: 'OBJECT_TO_DIRECT_MARKETING',
      active: true,
      source: 'letter',
    });
    expect(events[2][2]).toMatchObject({
      customerId: 'c-p',
      kind: 'DO_NOT_SELL_OR_SHARE',
      active: true,
      source: 'form',
    });
    expect(events[2][2].seq).toBeGreaterThan(events[0][2].seq);
    // Refused (unknown customer, empty source): no record, no event.
    await expect(
      setPrivacyPreference(customers, {
        customerId: 'nobody',
        kind: 'OBJECT_TO_DIRECT_MARKETING',
        active: true,
        source: 'letter',
      }),
    ).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    await expect(
      setPrivacyPreference(customers, {
        customerId: 'c-p',
        kind: 'OBJECT_TO_DIRECT_MARKETING',
        active: true,
        source: ' ',
      }),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(await appended(customers, seen)).toEqual([]);
  });

  it('orders: OrderRecorded once per externalId with lines, totals, currency and channel; CartUpdated with the whole cart', async () => {
    const seen = new Set<string>();
    const input = {
      externalId: 'shop-1',
      customerId: 'c-1',
      channel: 'WEB' as const,
      currency: 'EUR',
      lines: [
        { sku: 'SKU-1', quantity: 2, unitPrice: 9.99 },
        { sku: 'SKU-2', quantity: 1, unitPrice: 5 },
      ],
    };
    const { order } = await recordOrder(orders, referencesAssumedKnown, input);
    await recordOrder(orders, referencesAssumedKnown, input);
    const events = await appended(orders, seen);
    expect(events).toHaveLength(1);
    expect(events[0][0]).toBe('OrderRecorded');
    expect(events[0][1]).toBe(order.id);
    expect(events[0][2]).toMatchObject({
      orderId: order.id,
      externalId: 'shop-1',
      customerId: 'c-1',
      channel: 'WEB',
      currency: 'EUR',
      status: 'PLACED',
      total: 24.98,
      lines: [
        { lineNo: 1, sku: 'SKU-1', quantity: 2, unitPrice: 9.99 },
        { lineNo: 2, sku: 'SKU-2', quantity: 1, unitPrice: 5 },
      ],
    });
    await updateCart(orders, referencesAssumedKnown, {
      customerId: 'c-1',
      lines: [{ sku: 'SKU-3', quantity: 3, unitPrice: 2 }],
    });
    const [cart] = await appended(orders, seen);
    expect(cart).toMatchObject([
      'CartUpdated',
      'c-1',
      { customerId: 'c-1', value: 6, lines: [{ lineNo: 1, sku: 'SKU-3', quantity: 3, unitPrice: 2 }] },
    ]);
  });

  it('inventory: StockChanged with the levels the change committed', async () => {
    const seen = new Set<string>();
    await inventory
      .insertInto('products')
      .values({ sku: 'SKU-1', name: 'Mug', category: 'Kitchen', price: 9.99 })
      .execute();
    await inventory.insertInto('locations').values({ code: 'berlin', name: 'Berlin' }).execute();
    await adjustStock(inventory, { sku: 'SKU-1', location: 'berlin', delta: 10 });
    const reservation = await reserveStock(inventory, { sku: 'SKU-1', quantity: 4 });
    await releaseReservation(inventory, reservation.id);
    await adjustStock(inventory, { sku: 'SKU-1', location: 'berlin', delta: -100 }).catch(() => undefined);
    const events = await appended(inventory, seen);
    expect(
      events.map(([, , payload]) => [
        payload.change,
        payload.delta,
        payload.onHand,
        payload.reserved,
        payload.totalAvailable,
      ]),
    ).toEqual([
      ['ADJUSTED', 10, 10, 0, 10],
      ['RESERVED', 4, 10, 4, 6],
      ['RELEASED', -4, 10, 0, 10],
    ]);
    expect(events.every(([type, key]) => type === 'StockChanged' && key === 'SKU-1')).toBe(true);
  });

  it('campaigns: CampaignChanged with its whole state, TouchpointRecorded', async () => {
    const seen = new Set<string>();
    const { campaign } = await createCampaign(campaigns, { name: 'Spring', channel: 'EMAIL', promotedSkus: ['SKU-1'] });
    await updateCampaign(campaigns, campaign.id, { status: 'ACTIVE' });
    await updateCampaign(campaigns, campaign.id, {});
    await recordTouchpoint(campaigns, everyCustomerKnown, {
      customerId: 'c-1',
      campaignId: campaign.id,
      kind: 'CLICK',
    });
    await recordTouchpoint(campaigns, everyCustomerKnown, {
      customerId: 'c-1',
      campaignId: 'no-such-campaign',
      kind: 'CLICK',
    }).catch(() => undefined);
    const events = await appended(campaigns, seen);
    expect(
      events.map(([type, , payload]) => [
        type,
        payload.status ?? payload.kind,
        payload.promotedSkus ?? payload.customerId,
      ]),
    ).toEqual([
      ['CampaignChanged', 'DRAFT', ['SKU-1']],
      ['CampaignChanged', 'ACTIVE', ['SKU-1']],
      ['TouchpointRecorded', 'CLICK', 'c-1'],
    ]);
  });
});
