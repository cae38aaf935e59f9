import type { Kysely, Transaction } from 'kysely';
import type { TimeKey } from '../../../../shared/pagination.js';
import type {
  CampaignRow,
  CampaignStatus,
  CampaignUpdate,
  MarketingChannel,
  NewCampaignRow,
} from './campaign.table.js';
import type { CampaignsDatabase } from './database.js';

type Db = Kysely<CampaignsDatabase> | Transaction<CampaignsDatabase>;

export interface Campaign {
  id: string;
  name: string;
  channel: MarketingChannel;
  status: CampaignStatus;
  startsAt: Date | null;
  endsAt: Date | null;
  budget: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export function rowToCampaign(row: CampaignRow): Campaign {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    status: row.status,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    budget: row.budget,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Campaigns by id in one statement (the campaign loader's batch). */
export async function findCampaignsByIds(db: Db, ids: readonly string[]): Promise<CampaignRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('campaigns')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

/** Locks the campaign row for the rest of the transaction, so concurrent updates apply one after the other. */
export async function findCampaignForUpdate(
  trx: Transaction<CampaignsDatabase>,
  id: string,
): Promise<CampaignRow | undefined> {
  return trx.selectFrom('campaigns').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface CampaignPageQuery {
  limit: number;
  after?: TimeKey;
  status?: CampaignStatus | null;
}

/** A page of campaigns, newest first (created_at desc, id desc). */
export async function listCampaigns(db: Db, query: CampaignPageQuery): Promise<CampaignRow[]> {
  let select = db
    .selectFrom('campaigns')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit);
  if (query.status) select = select.where('status', '=', query.status);
  const after = query.after;
  if (after)
    select = select.where(({ eb, refTuple, tuple }) =>
      eb(refTuple('created_at', 'id'), '<', tuple(after.at, after.id)),
    );
  return select.execute();
}

export async function insertCampaign(db: Db, campaign: NewCampaignRow): Promise<CampaignRow> {
  return db.insertInto('campaigns').values(campaign).returningAll().executeTakeFirstOrThrow();
}

export async function updateCampaignRow(db: Db, id: string, changes: CampaignUpdate): Promise<CampaignRow | undefined> {
  return db.updateTable('campaigns').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Promoted skus of many campaigns in one statement, each list in campaign order. */
export async function findPromotedSkus(db: Db, campaignIds: readonly string[]): Promise<Map<string, string[]>> {
  const byCampaign = new Map<string, string[]>();
  if (campaignIds.length === 0) return byCampaign;
  const rows = await db
    .selectFrom('campaign_promoted_skus')
    .select(['campaign_id', 'sku'])
    .where('campaign_id', 'in', [...campaignIds])
    .orderBy('campaign_id')
    .orderBy('position')
    .execute();
  for (const row of rows) {
    const skus = byCampaign.get(row.campaign_id) ?? [];
    skus.push(row.sku);
    byCampaign.set(row.campaign_id, skus);
  }
  return byCampaign;
}

/** Replaces a campaign's promoted skus; run it inside the transaction that writes the campaign. */
export async function replacePromotedSkus(
  trx: Transaction<CampaignsDatabase>,
  campaignId: string,
  skus: readonly string[],
): Promise<void> {
  await trx.deleteFrom('campaign_promoted_skus').where('campaign_id', '=', campaignId).execute();
  if (skus.length === 0) return;
  await trx
    .insertInto('campaign_promoted_skus')
    .values(skus.map((sku, position) => ({ campaign_id: campaignId, position, sku })))
    .execute();
}
