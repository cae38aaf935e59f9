import { sql, type Kysely, type Transaction } from 'kysely';
import type { MarketingChannel } from './campaign.table.js';
import type { CampaignsDatabase } from './database.js';

type Db = Kysely<CampaignsDatabase> | Transaction<CampaignsDatabase>;

export interface SpendRow {
  campaign_id: string;
  day: string;
  amount: string;
  currency: string;
}

/**
 * Sets a campaign's spend for a day (a second record of the same day replaces the first), in one
 * statement that also checks the campaign exists; undefined when it does not.
 */
export async function upsertSpend(db: Db, spend: SpendRow): Promise<SpendRow | undefined> {
  return db
    .insertInto('campaign_spend')
    .columns(['campaign_id', 'day', 'amount', 'currency'])
    .expression(
      db
        .selectFrom('campaigns')
        .select((eb) => [
          'campaigns.id as campaign_id',
          eb.cast<string>(eb.val(spend.day), 'date').as('day'),
          eb.cast<string>(eb.val(spend.amount), 'numeric').as('amount'),
          eb.cast<string>(eb.val(spend.currency), 'text').as('currency'),
        ])
        .where('campaigns.id', '=', spend.campaign_id),
    )
    .onConflict((oc) =>
      oc.columns(['campaign_id', 'day']).doUpdateSet({
        amount: sql`excluded.amount`,
        currency: sql`excluded.currency`,
        recorded_at: sql`now()`,
      }),
    )
    .returning(['campaign_id', sql<string>`day::text`.as('day'), sql<string>`amount::text`.as('amount'), 'currency'])
    .executeTakeFirst();
}

/** Spend per campaign (with its channel) over the days first..last (inclusive, YYYY-MM-DD), in one statement. */
export async function sumSpendByCampaign(
  db: Db,
  first: string,
  last: string,
): Promise<{ campaign_id: string; channel: MarketingChannel; currency: string; amount: string }[]> {
  return db
    .selectFrom('campaign_spend')
    .innerJoin('campaigns', 'campaigns.id', 'campaign_spend.campaign_id')
    .select([
      'campaign_spend.campaign_id',
      'campaigns.channel',
      'campaign_spend.currency',
      sql<string>`sum(campaign_spend.amount)::text`.as('amount'),
    ])
    .where('campaign_spend.day', '>=', sql<string>`cast(${first} as date)`)
    .where('campaign_spend.day', '<=', sql<string>`cast(${last} as date)`)
    .groupBy(['campaign_spend.campaign_id', 'campaigns.channel', 'campaign_spend.currency'])
    .orderBy('campaign_spend.campaign_id')
    .execute();
}
