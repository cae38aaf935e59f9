import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf, startSubgraphForTest, type SubgraphUnderTest } from '../../../shared/testing.js';
import type { CampaignsDatabase } from '../src/db/database.js';
import { okOf, serverWithOrders, type OrderFixture } from './fixtures.js';
import { migrations } from '../src/db/migrations/index.js';
import { spendDays } from '../src/spend.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');

const orders: OrderFixture[] = [];
let subgraph: SubgraphUnderTest<CampaignsDatabase>;
const ok = (query: string, variables?: Record<string, unknown>) => okOf(subgraph)(query, variables);
const SPEND = `mutation($input: RecordCampaignSpendInput!) { recordCampaignSpend(input: $input) { campaign { id } day amount { amount currency } } }`;
const spend = (campaignId: string, day: string, amount: string, currency = 'EUR') =>
  subgraph.run(SPEND, { input: { campaignId, day, amount: { amount, currency } } });
const create = async (name: string, channel: string) =>
  (
    await ok(`mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`, {
      input: { name, channel },
    })
  ).createCampaign.id as string;
const touch = (customerId: string, campaignId: string, at: number) =>
  ok(`mutation($input: RecordTouchpointInput!) { recordTouchpoint(input: $input) { id } }`, {
    input: { customerId, campaignId, kind: 'CLICK', occurredAt: new Date(at).toISOString() },
  });
const RETURNS = `query($model: AttributionModel!, $from: DateTime!, $to: DateTime!) {
  attribution(model: $model, from: $from, to: $to) { conversionValue returns {
    totalSpend { amount currency } roas
    byChannel { channel spend { amount } revenue conversions roas costPerAcquisition { amount currency } }
    byCampaign { campaign { id } spend { amount } revenue conversions roas costPerAcquisition { amount } }
  } } }`;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('campaigns', migrations, serverWithOrders(orders));
});

afterAll(async () => {
  await subgraph.stop();
});

describe('recordCampaignSpend', () => {
  it('sets a day’s spend, replacing an earlier record of the same day', async () => {
    const id = await create('Spend once', 'EMAIL');
    const first = await spend(id, '2026-02-01', '10');
    expect(first.errors).toBeUndefined();
    expect(first.data.recordCampaignSpend).toEqual({
      campaign: { id },
      day: '2026-02-01',
      amount: { amount: '10.00', currency: 'EUR' },
    });
    expect((await spend(id, '2026-02-01', '12.5', 'eur')).data.recordCampaignSpend.amount).toEqual({
      amount: '12.50',
      currency: 'EUR',
    });
    const rows = await subgraph.testDb.db
      .selectFrom('campaign_spend')
      .selectAll()
      .where('campaign_id', '=', id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses bad amounts, other currencies, bad days and unknown campaigns, writing nothing', async () => {
    const id = await create('Spend refused', 'EMAIL');
    for (const amount of ['-1', '1.234', 'abc', '', '12345678901'])
      expect(errorCodeOf(await spend(id, '2026-02-01', amount)), amount).toBe('BAD_USER_INPUT');
    expect(errorCodeOf(await spend(id, '2026-02-01', '5', 'USD'))).toBe('BAD_USER_INPUT');
    expect(errorCodeOf(await spend(id, '2026-02-30', '5'))).toBe('BAD_USER_INPUT');
    expect(errorCodeOf(await spend('cmp-none', '2026-02-01', '5'))).toBe('NOT_FOUND');
    expect(
      await subgraph.testDb.db
        .selectFrom('campaign_spend')
        .selectAll()
        .where('campaign_id', 'in', [id, 'cmp-none'])
        .execute(),
    ).toEqual([]);
  });
});

describe('ROAS and cost per acquisition', () => {
  it('counts the UTC days whose start lies in [from, to)', () => {
    expect(spendDays(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-08T00:00:00Z'))).toEqual({
      first: '2026-01-01',
      last: '2026-01-07',
    });
    expect(spendDays(new Date('2026-01-01T12:00:00Z'), new Date('2026-01-03T00:00:01Z'))).toEqual({
      first: '2026-01-02',
      last: '2026-01-03',
    });
    expect(spendDays(new Date('2026-01-01T12:00:00Z'), new Date('2026-01-01T18:00:00Z'))).toBeNull();
  });

  it('sets each model’s credit against the period’s spend, per campaign and channel (hand-computed)', async () => {
    const email = await create('ROAS email', 'EMAIL');
    const sms = await create('ROAS sms', 'SMS');
    const idle = await create('ROAS idle', 'EMAIL');
    // cus-r1 clicks the email campaign and orders 100; cus-r2 clicks email, then SMS, and orders 60.
    await touch('cus-r1', email, T0 + DAY);
    await touch('cus-r2', email, T0 + DAY);
    await touch('cus-r2', sms, T0 + 2 * DAY);
    orders.push({ id: 'o-r1', customerId: 'cus-r1', placedAt: T0 + 3 * DAY, total: 100 });
    orders.push({ id: 'o-r2', customerId: 'cus-r2', placedAt: T0 + 5 * DAY, total: 60 });
    // In the period (Jan 1–7): email 3 × 10.00 = 30.00, SMS 15.50, the idle email campaign 5.00. Outside: Dec 31 and Jan 8.
    for (const day of ['2026-01-01', '2026-01-02', '2026-01-03']) await spend(email, day, '10');
    await spend(sms, '2026-01-02', '15.50');
    await spend(idle, '2026-01-04', '5');
    await spend(email, '2025-12-31', '1000');
    await spend(email, '2026-01-08', '1000');
    const period = { from: new Date(T0).toISOString(), to: new Date(T0 + 7 * DAY).toISOString() };

    const last = (await ok(RETURNS, { model: 'LAST_TOUCH', ...period })).attribution.returns;
    // Total 50.50; ROAS 160 / 50.50 = 3.16832.
    expect(last.totalSpend).toEqual({ amount: '50.50', currency: 'EUR' });
    expect(last.roas).toBeCloseTo(3.16832, 5);
    const byCampaign = Object.fromEntries(last.byCampaign.map((r: any) => [r.campaign.id, r]));
    // Email: 100 / 30 = 3.33333, CPA 30.00 / 1; SMS: 60 / 15.50 = 3.87097, CPA 15.50; idle: ROAS 0, no CPA.
    expect(byCampaign[email]).toMatchObject({
      spend: { amount: '30.00' },
      revenue: 100,
      conversions: 1,
      costPerAcquisition: { amount: '30.00' },
    });
    expect(byCampaign[email].roas).toBeCloseTo(3.33333, 5);
    expect(byCampaign[sms]).toMatchObject({
      spend: { amount: '15.50' },
      revenue: 60,
      costPerAcquisition: { amount: '15.50' },
    });
    expect(byCampaign[sms].roas).toBeCloseTo(3.87097, 5);
    expect(byCampaign[idle]).toEqual({
      campaign: { id: idle },
      spend: { amount: '5.00' },
      revenue: 0,
      conversions: 0,
      roas: 0,
      costPerAcquisition: null,
    });
    // Channels: EMAIL spend 30 + 5 = 35.00 against 100 (ROAS 2.85714, CPA 35.00); SMS 15.50 against 60.
    const byChannel = Object.fromEntries(last.byChannel.map((r: any) => [r.channel, r]));
    expect(byChannel.EMAIL).toMatchObject({
      spend: { amount: '35.00' },
      revenue: 100,
      conversions: 1,
      costPerAcquisition: { amount: '35.00', currency: 'EUR' },
    });
    expect(byChannel.EMAIL.roas).toBeCloseTo(2.85714, 5);
    expect(byChannel.SMS.roas).toBeCloseTo(3.87097, 5);

    // LINEAR splits cus-r2's 60 between email and SMS: email 130 over 1.5 conversions (CPA 30 / 1.5 = 20.00), SMS 30 over 0.5 (31.00).
    const linear = (await ok(RETURNS, { model: 'LINEAR', ...period })).attribution.returns;
    const linearCampaign = Object.fromEntries(linear.byCampaign.map((r: any) => [r.campaign.id, r]));
    expect(linearCampaign[email]).toMatchObject({
      revenue: 130,
      conversions: 1.5,
      costPerAcquisition: { amount: '20.00' },
    });
    expect(linearCampaign[email].roas).toBeCloseTo(130 / 30, 9);
    expect(linearCampaign[sms]).toMatchObject({
      revenue: 30,
      conversions: 0.5,
      costPerAcquisition: { amount: '31.00' },
    });
    expect(linear.totalSpend).toEqual(last.totalSpend);
  });
});
