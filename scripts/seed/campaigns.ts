import type { Kysely } from 'kysely';
import type { CampaignsDatabase } from '../../subgraphs/campaigns/src/db/database.js';
import type { NewTouchpointRow } from '../../subgraphs/campaigns/src/db/touchpoint.table.js';
import { appendEvents } from '../../shared/events/index.js';
import { campaignChanged, touchpointRecorded } from '../../subgraphs/campaigns/src/events/published.js';
import { recordExposures } from '../../subgraphs/campaigns/src/experiments.js';
import { batches, type DemoCampaign, type DemoWorld } from './world.js';

// Up to 16 promoted skus per campaign, 3 parameters each: 1,000 campaigns stay under 65,535 parameters.
const CAMPAIGN_BATCH = 1000;
// 6 parameters per touchpoint.
const TOUCHPOINT_BATCH = 5000;
const SPEND_BATCH = 10_000;

/** Writes the world's campaigns (with promoted skus) and touchpoints into the campaigns database only. */
export async function seedCampaigns(
  db: Kysely<CampaignsDatabase>,
  world: DemoWorld,
  progress?: (done: number, total: number) => void,
): Promise<void> {
  const total = world.sizes.campaigns + world.sizes.touchpoints;
  let done = 0;
  // Campaigns first: touchpoints reference them.
  for (const [start, end] of batches(world.sizes.campaigns, CAMPAIGN_BATCH)) {
    const campaigns: DemoCampaign[] = [];
    for (let c = start; c < end; c++) campaigns.push(world.campaign(c));
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('campaigns')
        .values(
          campaigns.map((c) => ({
            id: c.id,
            name: c.name,
            channel: c.channel,
            status: c.status,
            starts_at: c.startsAt,
            ends_at: c.endsAt,
            budget: c.budget,
            created_at: c.createdAt,
            updated_at: c.createdAt,
          })),
        )
        .execute();
      const promoted = campaigns.flatMap((c) =>
        c.promotedSkus.map((sku, position) => ({ campaign_id: c.id, position, sku })),
      );
      if (promoted.length > 0) await trx.insertInto('campaign_promoted_skus').values(promoted).execute();
      // Daily spend, so ROAS and cost per acquisition have a denominator (4 parameters a row).
      const spend = campaigns.flatMap((c, i) =>
        world.campaignSpend(start + i).map((s) => ({
          campaign_id: c.id,
          day: s.day,
          amount: s.amount.toFixed(2),
          currency: 'EUR',
        })),
      );
      for (let i = 0; i < spend.length; i += SPEND_BATCH)
        await trx
          .insertInto('campaign_spend')
          .values(spend.slice(i, i + SPEND_BATCH))
          .execute();
      // Published with the rows, like the API's writes (see seedCustomers).
      await appendEvents(
        trx,
        campaigns.map((c) =>
          campaignChanged(
            {
              id: c.id,
              name: c.name,
              channel: c.channel,
              status: c.status,
              starts_at: c.startsAt,
              ends_at: c.endsAt,
              budget: c.budget,
              updated_at: c.createdAt,
            },
            c.promotedSkus,
            true,
          ),
        ),
      );
    });
    done += end - start;
    progress?.(done, total);
  }
  // The second campaign is an A/B test (A the control, 50/50), so experiment results have data.
  if (world.sizes.campaigns >= 2) {
    await db
      .insertInto('campaign_variants')
      .values([
        {
          campaign_id: world.campaign(1).id,
          position: 0,
          key: 'A',
          name: 'Original',
          traffic_share: 0.5,
          control: true,
        },
        {
          campaign_id: world.campaign(1).id,
          position: 1,
          key: 'B',
          name: 'New subject line',
          traffic_share: 0.5,
          control: false,
        },
      ])
      .execute();
  }
  for (const [start, end] of batches(world.sizes.touchpoints, TOUCHPOINT_BATCH)) {
    const touchpoints: NewTouchpointRow[] = [];
    for (let t = start; t < end; t++) {
      const tp = world.touchpoint(t);
      touchpoints.push({
        id: tp.id,
        customer_id: tp.customerId,
        campaign_id: tp.campaignId,
        channel: tp.channel,
        kind: tp.kind,
        occurred_at: tp.occurredAt,
      });
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('touchpoints').values(touchpoints).execute();
      await appendEvents(
        trx,
        touchpoints.map((tp) => touchpointRecorded({ ...tp, occurred_at: tp.occurred_at as Date })),
      );
      // Assigned at first exposure, as recordTouchpoint does (only the A/B campaign has variants).
      if (world.sizes.campaigns >= 2) {
        const experiment = world.campaign(1).id;
        await recordExposures(
          trx,
          experiment,
          touchpoints
            .filter((tp) => tp.campaign_id === experiment)
            .map((tp) => ({ customerId: tp.customer_id, kind: tp.kind, occurredAt: tp.occurred_at as Date })),
        );
      }
    });
    done += end - start;
    progress?.(done, total);
  }
}
