import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { GraphClient } from '../../../shared/graph-client.js';
import type { SubgraphUnderTest } from '../../../shared/testing.js';
import { createServer } from '../src/server.js';
import { TOUCHPOINT_CUSTOMER_QUERY } from '../src/touchpoints.js';
import type { CampaignsDatabase } from '../src/db/database.js';

export const BASE = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;
const DAY = 86_400_000;
export const KINDS = ['IMPRESSION', 'CLICK', 'OPEN'] as const;

export const pad2 = (n: number) => String(n).padStart(2, '0');
export const campaignId = (i: number) => `cmp-${pad2(i)}`;
export const customerId = (k: number) => `cus-${pad2(k)}`;
/** Deliberately not alphabetical, so a test notices when the order is lost. */
export const promotedSkusOf = (i: number) => [`SKU-${i}-C`, `SKU-${i}-A`, `SKU-${i}-B`];
/** Customer k's touchpoint j (0..6) belongs to this campaign index. */
export const touchpointCampaign = (k: number, j: number) => ((k + j) % 60) + 1;

/**
 * 60 campaigns created one minute apart (every third ACTIVE, the rest DRAFT), three promoted skus each,
 * and 60 customers with 7 touchpoints each, one minute apart; every campaign gets 7 touchpoints.
 */
export async function resetFixtures(db: Kysely<CampaignsDatabase>): Promise<void> {
  await db.deleteFrom('touchpoints').execute();
  await db.deleteFrom('campaign_promoted_skus').execute();
  await db.deleteFrom('campaigns').execute();
  const indexes = Array.from({ length: 60 }, (_, n) => n + 1);
  await db
    .insertInto('campaigns')
    .values(
      indexes.map((i) => ({
        id: campaignId(i),
        name: `Campaign ${i}`,
        channel: i % 2 === 1 ? ('EMAIL' as const) : ('SMS' as const),
        status: i % 3 === 0 ? ('ACTIVE' as const) : ('DRAFT' as const),
        starts_at: new Date(BASE + i * DAY),
        ends_at: new Date(BASE + (i + 30) * DAY),
        budget: i * 100.5,
        created_at: new Date(BASE + i * MINUTE),
        updated_at: new Date(BASE + i * MINUTE),
      })),
    )
    .execute();
  await db
    .insertInto('campaign_promoted_skus')
    .values(
      indexes.flatMap((i) => promotedSkusOf(i).map((sku, position) => ({ campaign_id: campaignId(i), position, sku }))),
    )
    .execute();
  await db
    .insertInto('touchpoints')
    .values(
      indexes.flatMap((k) =>
        Array.from({ length: 7 }, (_, j) => ({
          id: `tp-${pad2(k)}-${j}`,
          customer_id: customerId(k),
          campaign_id: campaignId(touchpointCampaign(k, j)),
          channel: 'EMAIL' as const,
          kind: KINDS[j % 3],
          occurred_at: new Date(BASE + (k * 10 + j) * MINUTE),
        })),
      ),
    )
    .execute();
}

export interface OrderFixture {
  id: string;
  customerId: string;
  placedAt: number;
  total?: number;
}

/** A customer id the customers domain does not know (unknown or erased): recordTouchpoint refuses it. */
export const UNKNOWN_CUSTOMER = 'cus-gone';

/**
 * The graph as campaigns queries it: the orders domain (Query.orders) answers the converting orders in
 * `orders` of the asked customers in [placedFrom, placedTo), one page; the customers domain knows
 * every customer but UNKNOWN_CUSTOMER.
 */
export function ordersGraph(orders: readonly OrderFixture[]): GraphClient {
  return {
    request: async <T>(query: string, variables?: Record<string, unknown>) => {
      if (query === TOUCHPOINT_CUSTOMER_QUERY) {
        const { ids } = variables as { ids: string[] };
        return { customersByIds: ids.map((id) => (id === UNKNOWN_CUSTOMER ? null : { id })) } as T;
      }
      const filter = (variables as { filter: { placedFrom: string; placedTo: string; customerIds?: string[] } }).filter;
      const nodes = orders
        .filter(
          (order) =>
            (!filter.customerIds || filter.customerIds.includes(order.customerId)) &&
            order.placedAt >= Date.parse(filter.placedFrom) &&
            order.placedAt < Date.parse(filter.placedTo),
        )
        .map((order) => ({
          id: order.id,
          placedAt: new Date(order.placedAt).toISOString(),
          total: order.total ?? 10,
          customer: { id: order.customerId },
        }));
      return { orders: { nodes, pageInfo: { hasNextPage: false, endCursor: null } } } as T;
    },
  };
}

/** A campaigns server factory (for startSubgraphForTest) whose Query.orders calls are answered from `orders`. */
export const serverWithOrders =
  (orders: OrderFixture[]) =>
  ({ db }: { db: Kysely<CampaignsDatabase> }) =>
    createServer({ db, graph: ordersGraph(orders) });

/** Runs an operation that must not fail and answers its data. */
export const okOf =
  (subgraph: SubgraphUnderTest<CampaignsDatabase>) => async (query: string, variables?: Record<string, unknown>) => {
    const result = await subgraph.run(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
