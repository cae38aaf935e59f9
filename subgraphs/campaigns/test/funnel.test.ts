import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf, startSubgraphForTest, type SubgraphUnderTest } from '../../../shared/testing.js';
import type { CampaignsDatabase } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';
import { customerPath, funnelSteps, median } from '../src/funnel.js';
import { createServer } from '../src/server.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2027-03-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms);

describe('one customer’s path', () => {
  const from = at(0);
  const to = at(2 * DAY);
  const ev = (step: 'EXPOSURE' | 'CLICK' | 'CART' | 'ORDER', ms: number) => ({ step, at: at(ms) });

  it('takes each step after the previous one, within the window of the first exposure in the period', () => {
    expect(
      customerPath(
        [
          ev('EXPOSURE', -DAY),
          ev('EXPOSURE', HOUR),
          ev('CLICK', 2 * HOUR),
          ev('CART', 3 * HOUR),
          ev('ORDER', 4 * HOUR),
        ],
        from,
        to,
        7 * DAY,
      ),
    ).toEqual([T0 + HOUR, T0 + 2 * HOUR, T0 + 3 * HOUR, T0 + 4 * HOUR]);
    // A cart and an order before the click do not count; nor does an order past the window.
    expect(
      customerPath(
        [ev('EXPOSURE', 0), ev('CART', HOUR), ev('ORDER', 2 * HOUR), ev('CLICK', 3 * HOUR), ev('ORDER', 8 * DAY)],
        from,
        to,
        7 * DAY,
      ),
    ).toEqual([T0, T0 + 3 * HOUR]);
    // Exposed only before the period, or only at its (exclusive) end: not in the funnel.
    expect(customerPath([ev('EXPOSURE', -HOUR), ev('CLICK', HOUR)], from, to, 7 * DAY)).toEqual([]);
    expect(customerPath([ev('EXPOSURE', 2 * DAY)], from, to, 7 * DAY)).toEqual([]);
  });

  it('computes the median of odd and even counts', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('counts steps, conversions and median times from paths (hand-computed)', () => {
    // Three customers: all exposed; two click (after 60 s and 120 s); one carts 30 s later; none orders.
    const steps = funnelSteps([[0, 60_000, 90_000], [0, 120_000], [0]]);
    expect(steps).toEqual([
      {
        step: 'EXPOSURE',
        customers: 3,
        conversionFromPrevious: null,
        conversionFromFirst: null,
        medianSecondsFromPrevious: null,
      },
      {
        step: 'CLICK',
        customers: 2,
        conversionFromPrevious: 2 / 3,
        conversionFromFirst: 2 / 3,
        medianSecondsFromPrevious: 90,
      },
      {
        step: 'CART',
        customers: 1,
        conversionFromPrevious: 0.5,
        conversionFromFirst: 1 / 3,
        medianSecondsFromPrevious: 30,
      },
      {
        step: 'ORDER',
        customers: 0,
        conversionFromPrevious: 0,
        conversionFromFirst: 0,
        medianSecondsFromPrevious: null,
      },
    ]);
    expect(funnelSteps([]).map((step) => step.conversionFromPrevious)).toEqual([null, null, null, null]);
  });
});

let subgraph: SubgraphUnderTest<CampaignsDatabase>;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('campaigns', migrations, createServer);
});

afterAll(async () => {
  await subgraph.stop();
});

describe('Campaign.funnel and Query.channelFunnel', () => {
  const STEPS = `steps { step customers conversionFromPrevious conversionFromFirst medianSecondsFromPrevious }`;

  beforeAll(async () => {
    const db = subgraph.testDb.db;
    await db
      .insertInto('campaigns')
      .values(
        ['cmp-f', 'cmp-g'].map((id) => ({
          id,
          name: id,
          channel: 'EMAIL' as const,
          status: 'ACTIVE' as const,
          starts_at: null,
          ends_at: null,
          budget: null,
          created_at: at(-DAY),
          updated_at: at(-DAY),
        })),
      )
      .execute();
    let n = 0;
    const touch = (customer: string, kind: 'IMPRESSION' | 'OPEN' | 'CLICK', ms: number, campaign = 'cmp-f') =>
      db
        .insertInto('touchpoints')
        .values({
          id: `tp-f-${n++}`,
          customer_id: customer,
          campaign_id: campaign,
          channel: 'EMAIL',
          kind,
          occurred_at: at(ms),
        })
        .execute();
    const cart = (customer: string, ms: number, lines = 1) =>
      db
        .insertInto('cart_activity_facts')
        .values({
          event_id: randomUUID(),
          customer_id: customer,
          cart_id: `cart-${customer}`,
          activity_at: at(ms),
          line_count: lines,
        })
        .execute();
    const order = (customer: string, ms: number, status = 'PLACED') =>
      db
        .insertInto('order_facts')
        .values({
          order_id: `o-${n++}`,
          customer_id: customer,
          status,
          channel: 'WEB',
          currency: 'EUR',
          placed_at: at(ms),
          total: 10,
          event_id: randomUUID(),
        })
        .execute();
    // c1 goes all the way: impression +1h, click +3h, cart +5h, order +24h.
    await touch('c1', 'IMPRESSION', HOUR);
    await touch('c1', 'CLICK', 3 * HOUR);
    await cart('c1', 5 * HOUR);
    await order('c1', DAY);
    // c2 opens +2h, clicks 30 minutes later, carts at +24h; its order at +20h precedes the cart, the one at +9d is past the window.
    await touch('c2', 'OPEN', 2 * HOUR);
    await touch('c2', 'CLICK', 2.5 * HOUR);
    await order('c2', 20 * HOUR);
    await cart('c2', DAY);
    await order('c2', 9 * DAY);
    // c3 never clicks: its cart and order do not count.
    await touch('c3', 'IMPRESSION', HOUR);
    await cart('c3', 2 * HOUR);
    await order('c3', 3 * HOUR);
    // c4 clicks without an exposure; c5 was exposed before the period: neither is in the funnel.
    await touch('c4', 'CLICK', HOUR);
    await touch('c5', 'IMPRESSION', -DAY);
    // c6 clicks after its 7-day window.
    await touch('c6', 'IMPRESSION', 4 * HOUR);
    await touch('c6', 'CLICK', 8 * DAY);
    // c8's order was cancelled; c9's cart activity emptied the cart.
    await touch('c8', 'IMPRESSION', 0);
    await touch('c8', 'CLICK', HOUR);
    await cart('c8', 2 * HOUR);
    await order('c8', 3 * HOUR, 'CANCELLED');
    await touch('c9', 'IMPRESSION', 0);
    await touch('c9', 'CLICK', HOUR);
    await cart('c9', 2 * HOUR, 0);
    // c7 saw another email campaign: only in the channel's funnel.
    await touch('c7', 'IMPRESSION', HOUR, 'cmp-g');
  });

  it('counts ordered steps per customer with conversion and median times (hand-computed)', async () => {
    const result = await subgraph.run(
      `query($from: DateTime!, $to: DateTime!) { campaign(id: "cmp-f") { funnel(from: $from, to: $to, windowDays: 7) { from to windowDays campaign { id } channel ${STEPS} } } }`,
      { from: at(0).toISOString(), to: at(2 * DAY).toISOString() },
    );
    expect(result.errors).toBeUndefined();
    const funnel = result.data.campaign.funnel;
    expect(funnel).toMatchObject({ windowDays: 7, campaign: { id: 'cmp-f' }, channel: null });
    // Exposed: c1 c2 c3 c6 c8 c9 (6). Clicked: c1 c2 c8 c9 (4); seconds 7200, 1800, 3600, 3600 → median 3600.
    // Carted: c1 c2 c8 (3); seconds 7200, 77400, 3600 → 7200. Ordered: c1 (1); 19 h = 68400 s.
    expect(funnel.steps).toEqual([
      {
        step: 'EXPOSURE',
        customers: 6,
        conversionFromPrevious: null,
        conversionFromFirst: null,
        medianSecondsFromPrevious: null,
      },
      {
        step: 'CLICK',
        customers: 4,
        conversionFromPrevious: 4 / 6,
        conversionFromFirst: 4 / 6,
        medianSecondsFromPrevious: 3600,
      },
      {
        step: 'CART',
        customers: 3,
        conversionFromPrevious: 3 / 4,
        conversionFromFirst: 3 / 6,
        medianSecondsFromPrevious: 7200,
      },
      {
        step: 'ORDER',
        customers: 1,
        conversionFromPrevious: 1 / 3,
        conversionFromFirst: 1 / 6,
        medianSecondsFromPrevious: 68400,
      },
    ]);
  });

  it('limits to a channel, spans every campaign of a channel, and refuses bad arguments', async () => {
    const period = { from: at(0).toISOString(), to: at(2 * DAY).toISOString() };
    const sms = await subgraph.run(
      `query($from: DateTime!, $to: DateTime!) { campaign(id: "cmp-f") { funnel(from: $from, to: $to, channel: SMS) { ${STEPS} } } }`,
      period,
    );
    expect(sms.data.campaign.funnel.steps.map((s: any) => s.customers)).toEqual([0, 0, 0, 0]);
    const email = await subgraph.run(
      `query($from: DateTime!, $to: DateTime!) { channelFunnel(channel: EMAIL, from: $from, to: $to) { campaign { id } channel ${STEPS} } }`,
      period,
    );
    expect(email.errors).toBeUndefined();
    expect(email.data.channelFunnel).toMatchObject({ campaign: null, channel: 'EMAIL' });
    expect(email.data.channelFunnel.steps.map((s: any) => s.customers)).toEqual([7, 4, 3, 1]);
    for (const args of [
      { from: period.to, to: period.from, windowDays: 7 },
      { ...period, windowDays: 0 },
      { ...period, windowDays: 91 },
      { from: at(0).toISOString(), to: at(367 * DAY).toISOString(), windowDays: 7 },
    ]) {
      const refused = await subgraph.run(
        `query($from: DateTime!, $to: DateTime!, $windowDays: Int) { channelFunnel(channel: EMAIL, from: $from, to: $to, windowDays: $windowDays) { windowDays } }`,
        args,
      );
      expect(errorCodeOf(refused), JSON.stringify(args)).toBe('BAD_USER_INPUT');
    }
  });
});
