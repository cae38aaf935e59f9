import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { MarketingChannel } from './campaign.table.js';
import type { CampaignsDatabase } from './database.js';

type Db = Kysely<CampaignsDatabase> | Transaction<CampaignsDatabase>;

export interface FunnelScope {
  campaignId?: string;
  channel?: MarketingChannel;
  /** Exposures in [from, to); later steps up to `until` (to + the window). */
  from: Date;
  to: Date;
  until: Date;
}

/** Customers with an exposure (IMPRESSION or OPEN) in the scope's period: the funnel's population. */
function exposedCustomers(db: Db, scope: FunnelScope) {
  let query = db
    .selectFrom('touchpoints')
    .select('customer_id')
    .distinct()
    .where('kind', 'in', ['IMPRESSION', 'OPEN'])
    .where('occurred_at', '>=', scope.from)
    .where('occurred_at', '<', scope.to);
  if (scope.campaignId) query = query.where('campaign_id', '=', scope.campaignId);
  if (scope.channel) query = query.where('channel', '=', scope.channel);
  return query;
}

export interface FunnelEventRow {
  customer_id: string;
  step: 'EXPOSURE' | 'CLICK' | 'CART' | 'ORDER';
  at: Date;
}

/**
 * Every event of the exposed customers that can be a funnel step, in one statement: the scope's
 * exposures and clicks, cart activities with at least one line, and converting orders (read models
 * of the orders domain), by customer and time.
 */
export async function findFunnelEvents(
  db: Db,
  scope: FunnelScope,
  convertingStatuses: readonly string[],
): Promise<FunnelEventRow[]> {
  const exposed = exposedCustomers(db, scope);
  let touches: SelectQueryBuilder<CampaignsDatabase, 'touchpoints', FunnelEventRow> = db
    .selectFrom('touchpoints')
    .select([
      'customer_id',
      sql<FunnelEventRow['step']>`case when kind = 'CLICK' then 'CLICK' else 'EXPOSURE' end`.as('step'),
      'occurred_at as at',
    ])
    .where('kind', 'in', ['IMPRESSION', 'OPEN', 'CLICK'])
    .where('occurred_at', '>=', scope.from)
    .where('occurred_at', '<=', scope.until);
  if (scope.campaignId) touches = touches.where('campaign_id', '=', scope.campaignId);
  if (scope.channel) touches = touches.where('channel', '=', scope.channel);
  const carts = db
    .selectFrom('cart_activity_facts')
    .select(['customer_id', sql<FunnelEventRow['step']>`'CART'`.as('step'), 'activity_at as at'])
    .where('line_count', '>', 0)
    .where('activity_at', '>=', scope.from)
    .where('activity_at', '<=', scope.until)
    .where('customer_id', 'in', exposed);
  const orders = db
    .selectFrom('order_facts')
    .select(['customer_id', sql<FunnelEventRow['step']>`'ORDER'`.as('step'), 'placed_at as at'])
    .where('status', 'in', [...convertingStatuses])
    .where('placed_at', '>=', scope.from)
    .where('placed_at', '<=', scope.until)
    .where('customer_id', 'in', exposed);
  return db
    .selectFrom(touches.unionAll(carts).unionAll(orders).as('events'))
    .selectAll()
    .orderBy('customer_id')
    .orderBy('at')
    .execute();
}
