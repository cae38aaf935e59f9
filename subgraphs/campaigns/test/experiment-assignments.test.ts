import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf, startSubgraphForTest, type SubgraphUnderTest } from '../../../shared/testing.js';
import type { CampaignsDatabase } from '../src/db/database.js';
import { backfillAssignments } from '../src/db/migrations/2026120510_experiment_assignments.js';
import { assignVariant } from '../src/experiments.js';
import { okOf, serverWithOrders, type OrderFixture } from './fixtures.js';
import { migrations } from '../src/db/migrations/index.js';

const DAY = 86_400_000;
const T0 = Date.parse('2025-03-01T00:00:00.000Z');

const orders: OrderFixture[] = [];
let subgraph: SubgraphUnderTest<CampaignsDatabase>;
const ok = (query: string, variables?: Record<string, unknown>) => okOf(subgraph)(query, variables);
const touch = (customerId: string, campaignId: string, kind: string, at: number) =>
  ok(`mutation($input: RecordTouchpointInput!) { recordTouchpoint(input: $input) { id } }`, {
    input: { customerId, campaignId, kind, occurredAt: new Date(at).toISOString() },
  });
const setVariants = (campaignId: string, variants: unknown[], exposureKinds?: string[]) =>
  subgraph.run(
    `mutation($id: ID!, $variants: [CampaignVariantInput!]!, $kinds: [TouchpointKind!]) {
      setCampaignVariants(campaignId: $id, variants: $variants, exposureKinds: $kinds) { variants { key trafficShare } }
    }`,
    { id: campaignId, variants, kinds: exposureKinds },
  );
const EXPERIMENT = `query($id: ID!) { campaign(id: $id) { experiment(conversionWindowDays: 7) {
  exposureKinds removedVariantExposures judgedBefore
  variants { variant { key } exposures pendingExposures conversions sampleTooSmall conversionRateInterval { lower upper } liftInterval { lower upper } }
} } }`;
const experiment = async (id: string) => (await ok(EXPERIMENT, { id })).campaign.experiment;
const variantOf = async (id: string, customerId: string) =>
  (
    await ok(`query($id: ID!, $c: ID!) { campaign(id: $id) { variantFor(customerId: $c) { key } } }`, {
      id,
      c: customerId,
    })
  ).campaign.variantFor?.key ?? null;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('campaigns', migrations, serverWithOrders(orders));
});

afterAll(async () => {
  await subgraph.stop();
});

describe('sticky A/B assignment', () => {
  const half = [
    { key: 'A', trafficShare: 0.5, control: true },
    { key: 'B', trafficShare: 0.5 },
  ];

  it('records the variant at first exposure, counts only declared kinds, and never re-buckets after setCampaignVariants', async () => {
    const id = (await ok(`mutation { createCampaign(input: { name: "Sticky", channel: EMAIL }) { id } }`))
      .createCampaign.id;
    expect((await setVariants(id, half)).errors).toBeUndefined();
    const customers = Array.from({ length: 40 }, (_, i) => `cus-sticky-${i}`);
    const expected = { A: 0, B: 0 } as Record<string, number>;
    const before = new Map<string, string>();
    for (const [i, customerId] of customers.entries()) {
      // Everyone is sent the message; only the even ones open it. A send is not an exposure.
      await touch(customerId, id, 'SEND', T0 + i * 60_000);
      if (i % 2 === 0) {
        await touch(customerId, id, 'OPEN', T0 + DAY + i * 60_000);
        const key = assignVariant(
          half.map((v) => ({ ...v, name: null, control: v.control ?? false })),
          id,
          customerId,
        )!.key;
        before.set(customerId, key);
        expected[key] += 1;
        // Every fourth customer orders two days after opening (a conversion); the others twenty days later (outside the window).
        orders.push({ id: `o-${i}`, customerId, placedAt: T0 + DAY + i * 60_000 + (i % 4 === 0 ? 2 : 20) * DAY });
      }
    }
    let result = await experiment(id);
    expect(result.exposureKinds).toEqual(['IMPRESSION', 'OPEN']);
    expect(result.variants.map((v: any) => [v.variant.key, v.exposures, v.pendingExposures])).toEqual([
      ['A', expected.A, 0],
      ['B', expected.B, 0],
    ]);
    const conversions = (key: string) => customers.filter((c, i) => i % 4 === 0 && before.get(c) === key).length;
    expect(result.variants.map((v: any) => v.conversions)).toEqual([conversions('A'), conversions('B')]);
    // 20 exposures in all: far below 30 per variant, so no test, but the intervals are there.
    expect(result.variants[1].sampleTooSmall).toBe(true);
    expect(result.variants[0].conversionRateInterval.lower).toBeLessThan(
      result.variants[0].conversionRateInterval.upper,
    );
    expect(result.variants[1].liftInterval).not.toBeNull();

    // The shares change to 10/90 and the control moves: the assigned keep their variant and the figures stay.
    const skewed = [
      { key: 'A', trafficShare: 0.1 },
      { key: 'B', trafficShare: 0.9, control: true },
    ];
    expect((await setVariants(id, skewed)).errors).toBeUndefined();
    for (const [customerId, key] of before) expect(await variantOf(id, customerId)).toBe(key);
    result = await experiment(id);
    expect(result.variants.map((v: any) => [v.variant.key, v.exposures, v.conversions])).toEqual([
      ['A', expected.A, conversions('A')],
      ['B', expected.B, conversions('B')],
    ]);

    // A customer never exposed gets the new shares when first exposed; an earlier backdated touch moves the exposure, not the variant.
    const newcomer = customers[1];
    const newShares = skewed.map((v) => ({ ...v, name: null, control: v.control ?? false }));
    await touch(newcomer, id, 'IMPRESSION', T0 + 3 * DAY);
    expect(await variantOf(id, newcomer)).toBe(assignVariant(newShares, id, newcomer)!.key);
    const [early] = customers;
    await touch(early, id, 'IMPRESSION', T0 - DAY);
    expect(await variantOf(id, early)).toBe(before.get(early));
  });

  it('judges only exposures whose conversion window has closed', async () => {
    const id = (await ok(`mutation { createCampaign(input: { name: "Fresh", channel: EMAIL }) { id } }`)).createCampaign
      .id;
    await setVariants(id, half);
    await touch('cus-old', id, 'OPEN', Date.now() - 8 * DAY);
    await touch('cus-new', id, 'OPEN', Date.now() - 2 * DAY);
    const result = await experiment(id);
    const byKey = Object.fromEntries(result.variants.map((v: any) => [v.variant.key, v]));
    const oldKey = await variantOf(id, 'cus-old');
    const newKey = await variantOf(id, 'cus-new');
    expect(byKey[oldKey].exposures).toBe(1);
    expect(byKey[newKey].pendingExposures).toBe(1);
    expect(result.variants.reduce((sum: number, v: any) => sum + v.exposures, 0)).toBe(1);
    expect(Date.parse(result.judgedBefore)).toBeLessThanOrEqual(Date.now() - 7 * DAY);
  });

  it('counts the declared kinds, refuses SEND as an exposure kind, and keeps removed variants out of every figure', async () => {
    const id = (await ok(`mutation { createCampaign(input: { name: "Clicks", channel: EMAIL }) { id } }`))
      .createCampaign.id;
    expect((await setVariants(id, half, ['CLICK'])).errors).toBeUndefined();
    const refused = await setVariants(
      id,
      [
        { key: 'X', trafficShare: 1 },
        { key: 'Y', trafficShare: 0 },
      ],
      ['SEND'],
    );
    expect(errorCodeOf(refused)).toBe('BAD_USER_INPUT');
    const sendKinds = await setVariants(id, half, ['OPEN', 'SEND']);
    expect(errorCodeOf(sendKinds)).toBe('BAD_USER_INPUT');
    await touch('cus-k1', id, 'OPEN', T0);
    await touch('cus-k2', id, 'CLICK', T0);
    let result = await experiment(id);
    expect(result.exposureKinds).toEqual(['CLICK']);
    expect(result.variants.reduce((sum: number, v: any) => sum + v.exposures, 0)).toBe(1);

    // Replace the variant cus-k2 was assigned to: they leave every variant's figures and variantFor answers null.
    const assigned = await variantOf(id, 'cus-k2');
    const other = assigned === 'A' ? 'B' : 'A';
    await setVariants(id, [
      { key: other, trafficShare: 0.5, control: true },
      { key: 'C', trafficShare: 0.5 },
    ]);
    expect(await variantOf(id, 'cus-k2')).toBeNull();
    result = await experiment(id);
    expect(result.exposureKinds).toEqual(['CLICK']);
    expect(result.removedVariantExposures).toBe(1);
    expect(result.variants.reduce((sum: number, v: any) => sum + v.exposures, 0)).toBe(0);
  });
});

describe('the upgrade of running experiments', () => {
  it('assigns customers exposed before the migration exactly as the hash did then', async () => {
    const db = subgraph.testDb.db;
    const id = (await ok(`mutation { createCampaign(input: { name: "Before", channel: EMAIL }) { id } }`))
      .createCampaign.id;
    const shares = [
      { key: 'A', trafficShare: 0.2, control: true },
      { key: 'B', trafficShare: 0.3 },
      { key: 'C', trafficShare: 0.5 },
    ];
    await setVariants(id, shares);
    // Touchpoints as they were stored before assignments existed: written directly, no assignment.
    await db
      .insertInto('touchpoints')
      .values(
        Array.from({ length: 300 }, (_, i) => ({
          id: `tp-before-${i}`,
          customer_id: `cus-before-${i}`,
          campaign_id: id,
          channel: 'EMAIL' as const,
          kind: i % 10 === 0 ? ('SEND' as const) : ('IMPRESSION' as const),
          occurred_at: new Date(T0 + i * 60_000),
        })),
      )
      .execute();
    await backfillAssignments(db);
    const rows = await db
      .selectFrom('experiment_assignments')
      .select(['customer_id', 'variant_key', 'exposed_at'])
      .where('campaign_id', '=', id)
      .execute();
    const variants = shares.map((v) => ({ ...v, name: null, control: v.control ?? false }));
    // 30 customers were only sent the message: not exposed, not assigned.
    expect(rows).toHaveLength(270);
    for (const row of rows) {
      expect(row.variant_key, row.customer_id).toBe(assignVariant(variants, id, row.customer_id)!.key);
      expect(row.exposed_at.getTime()).toBe(T0 + Number(row.customer_id.split('-')[2]) * 60_000);
    }
    expect(new Set(rows.map((row) => row.variant_key))).toEqual(new Set(['A', 'B', 'C']));
  });
});
