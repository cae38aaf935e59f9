import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCampaigns } from '../../../scripts/seed/campaigns.js';
import { createWorld } from '../../../scripts/seed/world.js';
import { createTestDatabase, type TestDatabase } from '../../../shared/testing.js';
import type { CampaignsDatabase } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';

let testDb: TestDatabase<CampaignsDatabase>;

beforeAll(async () => {
  testDb = await createTestDatabase<CampaignsDatabase>('campaigns', migrations);
});

afterAll(async () => {
  await testDb.destroy();
});

describe('seedCampaigns', () => {
  it("writes the world's campaigns, promoted skus in order, and touchpoints", async () => {
    const world = createWorld(
      { customers: 50, products: 40, orders: 200, campaigns: 12, touchpoints: 6_500 },
      7,
      new Date('2026-06-01T00:00:00Z'),
    );
    const reports: [number, number][] = [];
    await seedCampaigns(testDb.db, world, (done, total) => reports.push([done, total]));

    const count = async (table: 'campaigns' | 'campaign_promoted_skus' | 'touchpoints') => testDb.rowCount(table);
    let promoted = 0;
    for (let c = 0; c < 12; c++) promoted += world.campaign(c).promotedSkus.length;
    expect(await count('campaigns')).toBe(12);
    expect(await count('campaign_promoted_skus')).toBe(promoted);
    expect(await count('touchpoints')).toBe(6_500);
    // One report per batch: 1 campaign batch, 2 touchpoint batches of at most 5,000.
    expect(reports).toEqual([
      [12, 6_512],
      [5_012, 6_512],
      [6_512, 6_512],
    ]);

    // Daily spend within budget, only on days the campaign ran before the anchor; the A/B campaign's exposed customers are assigned.
    for (const c of [0, 4]) {
      const spend = world.campaignSpend(c);
      const { startsAt, endsAt, budget, id } = world.campaign(c);
      const stored = await testDb.db
        .selectFrom('campaign_spend')
        .select([sql<string>`day::text`.as('day'), sql<string>`amount::text`.as('amount')])
        .where('campaign_id', '=', id)
        .orderBy('day')
        .execute();
      expect(stored).toEqual(spend.map((s) => ({ day: s.day, amount: s.amount.toFixed(2) })));
      expect(spend.reduce((sum, s) => sum + s.amount, 0)).toBeLessThanOrEqual(budget * 0.9 * 1.4 + 1);
      for (const s of spend) {
        expect(Date.parse(s.day)).toBeGreaterThanOrEqual(Date.parse(startsAt.toISOString().slice(0, 10)));
        expect(Date.parse(s.day)).toBeLessThan(Math.min(endsAt.getTime(), world.anchor.getTime()));
      }
    }
    const exposed = await testDb.db
      .selectFrom('touchpoints')
      .select(sql<number>`count(distinct customer_id)`.as('n'))
      .where('campaign_id', '=', world.campaign(1).id)
      .where('kind', 'in', ['IMPRESSION', 'OPEN'])
      .executeTakeFirstOrThrow();
    expect(Number(exposed.n)).toBeGreaterThan(0);
    expect(await testDb.rowCount('experiment_assignments')).toBe(Number(exposed.n));

    const campaign = world.campaign(4);
    const skus = await testDb.db
      .selectFrom('campaign_promoted_skus')
      .select('sku')
      .where('campaign_id', '=', campaign.id)
      .orderBy('position')
      .execute();
    expect(skus.map((row) => row.sku)).toEqual(campaign.promotedSkus);
    const row = await testDb.db
      .selectFrom('campaigns')
      .selectAll()
      .where('id', '=', campaign.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      name: campaign.name,
      channel: campaign.channel,
      status: campaign.status,
      budget: campaign.budget,
      starts_at: campaign.startsAt,
    });

    const touchpoint = world.touchpoint(4_321);
    const stored = await testDb.db
      .selectFrom('touchpoints')
      .selectAll()
      .where('id', '=', touchpoint.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      id: touchpoint.id,
      customer_id: touchpoint.customerId,
      campaign_id: touchpoint.campaignId,
      channel: touchpoint.channel,
      kind: touchpoint.kind,
      occurred_at: touchpoint.occurredAt,
    });
  });
});
