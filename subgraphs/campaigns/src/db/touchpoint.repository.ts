import type { Kysely, Transaction } from 'kysely';
import type { TimeKey } from '../../../../shared/pagination.js';
import type { MarketingChannel } from './campaign.table.js';
import type { CampaignsDatabase } from './database.js';
import type { TouchpointKind, TouchpointRow } from './touchpoint.table.js';

type Db = Kysely<CampaignsDatabase> | Transaction<CampaignsDatabase>;

export interface Touchpoint {
  id: string;
  customerId: string;
  campaignId: string;
  channel: MarketingChannel;
  kind: TouchpointKind;
  occurredAt: Date;
}

export function rowToTouchpoint(row: TouchpointRow): Touchpoint {
  return {
    id: row.id,
    customerId: row.customer_id,
    campaignId: row.campaign_id,
    channel: row.channel,
    kind: row.kind,
    occurredAt: row.occurred_at,
  };
}

/** The column a touchpoint page is partitioned by: Campaign.touchpoints or Customer.touchpoints. */
export type TouchpointOwner = 'campaign_id' | 'customer_id';

/**
 * The first `limit` touchpoints (newest first) after `after` of every owner, in one statement:
 * row_number() over (partition by owner) numbers each owner's rows, and the outer query keeps the
 * first `limit` of each. Rows come back grouped by owner, newest first within an owner.
 */
export async function findTouchpointPages(
  db: Db,
  owner: TouchpointOwner,
  ownerIds: readonly string[],
  limit: number,
  after?: TimeKey,
): Promise<TouchpointRow[]> {
  if (ownerIds.length === 0 || limit === 0) return [];
  let ranked = db
    .selectFrom('touchpoints')
    .select(['id', 'customer_id', 'campaign_id', 'channel', 'kind', 'occurred_at'])
    .select((eb) =>
      eb.fn
        .agg<number>('row_number')
        .over((over) => over.partitionBy(owner).orderBy('occurred_at', 'desc').orderBy('id', 'desc'))
        .as('rank'),
    )
    .where(owner, 'in', [...ownerIds]);
  if (after)
    ranked = ranked.where(({ eb, refTuple, tuple }) =>
      eb(refTuple('occurred_at', 'id'), '<', tuple(after.at, after.id)),
    );
  return db
    .selectFrom(ranked.as('ranked'))
    .select(['id', 'customer_id', 'campaign_id', 'channel', 'kind', 'occurred_at'])
    .where('rank', '<=', limit)
    .orderBy(owner)
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export interface RecordTouchpointRow {
  id: string;
  customerId: string;
  campaignId: string;
  kind: TouchpointKind;
  /** null takes the campaign's channel. */
  channel: MarketingChannel | null;
  occurredAt: Date;
}

/**
 * Inserts a touchpoint of an existing campaign in one statement (insert ... select from campaigns),
 * so the existence check, the channel default and the write cannot be split by a concurrent change.
 * Returns undefined when the campaign does not exist.
 */
export async function insertTouchpoint(db: Db, touchpoint: RecordTouchpointRow): Promise<TouchpointRow | undefined> {
  return db
    .insertInto('touchpoints')
    .columns(['id', 'customer_id', 'campaign_id', 'channel', 'kind', 'occurred_at'])
    .expression(
      db
        .selectFrom('campaigns')
        .select((eb) => [
          // Parameters in a select list have no type of their own: cast them to the column types.
          eb.cast<string>(eb.val(touchpoint.id), 'text').as('id'),
          eb.cast<string>(eb.val(touchpoint.customerId), 'text').as('customer_id'),
          'campaigns.id as campaign_id',
          eb.fn
            .coalesce(eb.cast<MarketingChannel | null>(eb.val(touchpoint.channel), 'text'), 'campaigns.channel')
            .as('channel'),
          eb.cast<TouchpointKind>(eb.val(touchpoint.kind), 'text').as('kind'),
          eb.cast<Date>(eb.val(touchpoint.occurredAt), 'timestamptz').as('occurred_at'),
        ])
        .where('campaigns.id', '=', touchpoint.campaignId),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Touchpoints by id in one statement (the touchpoint loader's batch). */
export async function findTouchpointsByIds(db: Db, ids: readonly string[]): Promise<TouchpointRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('touchpoints')
    .select(['id', 'customer_id', 'campaign_id', 'channel', 'kind', 'occurred_at'])
    .where('id', 'in', [...ids])
    .execute();
}

/** Every touchpoint of these customers in [from, to], in one statement (attribution windows). */
export async function findTouchpointsOfCustomers(
  db: Db,
  customerIds: readonly string[],
  from: Date,
  to: Date,
): Promise<TouchpointRow[]> {
  if (customerIds.length === 0) return [];
  return db
    .selectFrom('touchpoints')
    .select(['id', 'customer_id', 'campaign_id', 'channel', 'kind', 'occurred_at'])
    .where('customer_id', 'in', [...customerIds])
    .where('occurred_at', '>=', from)
    .where('occurred_at', '<=', to)
    .execute();
}
