import type { Kysely, Transaction } from 'kysely';
import type { CampaignsDatabase } from './database.js';
import type { CampaignVariantRow, NewCampaignVariantRow } from './variant.table.js';

type Db = Kysely<CampaignsDatabase> | Transaction<CampaignsDatabase>;

export interface CampaignVariant {
  key: string;
  name: string | null;
  trafficShare: number;
  control: boolean;
}

export function rowToVariant(row: CampaignVariantRow): CampaignVariant {
  return { key: row.key, name: row.name, trafficShare: row.traffic_share, control: row.control };
}

/** The variants of many campaigns in one statement, in each campaign's order. */
export async function findVariants(db: Db, campaignIds: readonly string[]): Promise<CampaignVariantRow[]> {
  if (campaignIds.length === 0) return [];
  return db
    .selectFrom('campaign_variants')
    .selectAll()
    .where('campaign_id', 'in', [...campaignIds])
    .orderBy('campaign_id')
    .orderBy('position')
    .execute();
}

/** Replaces a campaign's variant set; the caller runs it in a transaction with the campaign row locked. */
export async function replaceVariants(
  trx: Transaction<CampaignsDatabase>,
  campaignId: string,
  variants: Omit<NewCampaignVariantRow, 'campaign_id' | 'position'>[],
): Promise<CampaignVariantRow[]> {
  await trx.deleteFrom('campaign_variants').where('campaign_id', '=', campaignId).execute();
  if (variants.length === 0) return [];
  return trx
    .insertInto('campaign_variants')
    .values(variants.map((variant, position) => ({ ...variant, campaign_id: campaignId, position })))
    .returningAll()
    .execute();
}

/** Locks the campaign row for the rest of the transaction; false when it does not exist. */
export async function lockCampaign(trx: Transaction<CampaignsDatabase>, campaignId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('campaigns')
    .select('id')
    .where('id', '=', campaignId)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}
