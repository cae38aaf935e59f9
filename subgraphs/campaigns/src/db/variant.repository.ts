import { sql, type Kysely, type Transaction } from 'kysely';
import type { CampaignsDatabase } from './database.js';
import type { TouchpointKind } from './touchpoint.table.js';
import type { CampaignVariantRow, ExperimentAssignmentRow, NewCampaignVariantRow } from './variant.table.js';

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

/** Shares the campaign row lock with other writers of exposures, so setCampaignVariants (FOR UPDATE) cannot run between reading the variants and assigning. */
export async function lockCampaignShared(trx: Transaction<CampaignsDatabase>, campaignId: string): Promise<void> {
  await trx.selectFrom('campaigns').select('id').where('id', '=', campaignId).forShare().execute();
}

/** The touchpoint kinds the campaign's experiment counts as exposures; undefined when it never declared any. */
export async function findExposureKinds(db: Db, campaignId: string): Promise<TouchpointKind[] | undefined> {
  const row = await db
    .selectFrom('campaign_experiments')
    .select('exposure_kinds')
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
  return row?.exposure_kinds;
}

export async function upsertExposureKinds(
  trx: Transaction<CampaignsDatabase>,
  campaignId: string,
  kinds: readonly TouchpointKind[],
): Promise<void> {
  const exposure_kinds = JSON.stringify(kinds);
  await trx
    .insertInto('campaign_experiments')
    .values({ campaign_id: campaignId, exposure_kinds })
    .onConflict((oc) => oc.column('campaign_id').doUpdateSet({ exposure_kinds }))
    .execute();
}

/**
 * Records first exposures. A customer already assigned keeps their variant (it is never re-derived);
 * only their exposure time moves earlier when a touchpoint is recorded with an earlier occurredAt.
 */
export async function recordAssignments(
  trx: Transaction<CampaignsDatabase>,
  campaignId: string,
  assignments: readonly { customerId: string; variantKey: string; exposedAt: Date }[],
): Promise<void> {
  if (assignments.length === 0) return;
  await trx
    .insertInto('experiment_assignments')
    .values(
      assignments.map((a) => ({
        campaign_id: campaignId,
        customer_id: a.customerId,
        variant_key: a.variantKey,
        exposed_at: a.exposedAt,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['campaign_id', 'customer_id']).doUpdateSet({
        exposed_at: sql<Date>`least(experiment_assignments.exposed_at, excluded.exposed_at)`,
      }),
    )
    .execute();
}

/** One customer's recorded variant key; undefined before their first exposure. */
export async function findAssignedVariantKey(
  db: Db,
  campaignId: string,
  customerId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('experiment_assignments')
    .select('variant_key')
    .where('campaign_id', '=', campaignId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return row?.variant_key;
}

/** Every assignment of the campaign, in customer order (experiment results). */
export async function findAssignments(db: Db, campaignId: string): Promise<ExperimentAssignmentRow[]> {
  return db
    .selectFrom('experiment_assignments')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('customer_id')
    .execute();
}
