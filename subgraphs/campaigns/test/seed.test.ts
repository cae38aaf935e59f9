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
