// Order facts from the orders domain, read through the gateway (Query.orders) page by page: the
// campaigns domain never opens the orders database.
import type { GraphClient } from '../../../shared/graph-client.js';

export interface OrderFact {
  id: string;
  customerId: string;
  placedAt: Date;
  total: number;
}

/** Orders that count as conversions: neither cancelled nor refunded (a returned order counts until it is refunded). */
export const CONVERTING_STATUSES = ['PLACED', 'PAID', 'SHIPPED', 'DELIVERED', 'RETURNED'] as const;
const PAGE = 1000;

export const ORDERS_QUERY = /* GraphQL */ `
  query CampaignOrderFacts($filter: OrderFilter!, $first: Int!, $after: String) {
    orders(filter: $filter, first: $first, after: $after) {
      nodes { id placedAt total customer { id } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

interface OrdersPage {
  orders: {
    nodes: { id: string; placedAt: string; total: number; customer: { id: string } | null }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** Yields converting orders placed in [from, to) (optionally of some customers, at most 1000), a page at a time, oldest first. */
export async function* convertingOrders(
  graph: GraphClient,
  filter: { from: Date; to: Date; customerIds?: string[] },
): AsyncGenerator<OrderFact[]> {
  let after: string | null = null;
  do {
    const page: OrdersPage = await graph.request<OrdersPage>(ORDERS_QUERY, {
      filter: {
        placedFrom: filter.from.toISOString(),
        placedTo: filter.to.toISOString(),
        customerIds: filter.customerIds,
        statuses: CONVERTING_STATUSES,
      },
      first: PAGE,
      after,
    });
    // An order whose customer the customers domain no longer knows (erased) has no one to credit.
    yield page.orders.nodes.flatMap((node) =>
      node.customer
        ? [{ id: node.id, customerId: node.customer.id, placedAt: new Date(node.placedAt), total: node.total }]
        : [],
    );
    after = page.orders.pageInfo.hasNextPage ? page.orders.pageInfo.endCursor : null;
  } while (after);
}
