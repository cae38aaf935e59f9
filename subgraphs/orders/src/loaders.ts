import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { timeKeyParts, toConnection, type Connection, type TimeKey } from '../../../shared/pagination.js';
import { findCartLines, rowToCartLine, type CartLine } from './db/cart-line.repository.js';
import { findCartsByCustomerIds, findCartsByIds, rowToCart, type Cart } from './db/cart.repository.js';
import type { OrdersDatabase } from './db/database.js';
import { findOrderLines, rowToOrderLine, type OrderLine } from './db/order-line.repository.js';
import {
  findOrderStatusChanges,
  rowToOrderStatusChange,
  type OrderStatusChange,
} from './db/order-status-change.repository.js';
import {
  findOrderPages,
  findOrdersByExternalIds,
  findOrdersByIds,
  findPurchaseStats,
  findRevenueByCurrency,
  rowToOrder,
  toPurchaseStats,
  type Order,
  type PurchaseStats,
} from './db/order.repository.js';
import type { OrderRow } from './db/order.table.js';
import { decimalToCents } from '../../../shared/money.js';
import { findLatestClvModel, findPurchaseSummaries, type PurchaseSummaryRow } from './db/clv.repository.js';
import { findRfmScores, rowToRfmScore, type RfmScore } from './db/rfm.repository.js';
import {
  findRecommendationCandidates,
  findRulesByAntecedentSkus,
  rowToAssociationRule,
  type AssociationRule,
} from './db/association-rule.repository.js';
import { RECOMMENDATION_CANDIDATES } from './cross-sell.js';
import { recommendationCandidates, type ScoredItem } from './recommendations.js';
import { rowToClvModel, type ClvModel } from './lifetime-value.js';
import { measureBatches } from '../../../shared/metrics.js';
import { jobByIdLoader } from '../../../shared/jobs/graphql.js';
import type { JobRow, JobsDatabase } from '../../../shared/jobs/job.table.js';

// Every batch's size goes to /metrics (mesh360_dataloader_batch_size): batches of one mean N+1.
const measured = measureBatches('orders');

/** One page of one customer's orders: `first` is already validated, `after` already decoded. */
export interface OrderPageKey {
  customerId: string;
  first: number;
  after?: TimeKey;
}

export interface OrdersLoaders {
  orderById: DataLoader<string, Order | null>;
  jobById: DataLoader<string, JobRow | null>;
  orderByExternalId: DataLoader<string, Order | null>;
  linesByOrderId: DataLoader<string, OrderLine[]>;
  /** Each order's status changes, oldest first. */
  statusChangesByOrderId: DataLoader<string, OrderStatusChange[]>;
  ordersByCustomerId: DataLoader<OrderPageKey, Connection<Order>, string>;
  purchaseStatsByCustomerId: DataLoader<string, PurchaseStats & { customerId: string }>;
  /** Revenue per currency (by currency code), never summed across currencies. */
  revenueByCurrencyByCustomerId: DataLoader<string, CurrencyRevenue[]>;
  cartByCustomerId: DataLoader<string, Cart | null>;
  cartById: DataLoader<string, Cart | null>;
  linesByCartId: DataLoader<string, CartLine[]>;
  /** RFM scores from the snapshot for exactly asOf, or the latest; keys are customer ids for one asOf. */
  rfmByCustomerId: DataLoader<RfmKey, RfmScore | null, string>;
  /** Each customer's purchase summary up to the start of the request (lifetime value). */
  purchaseSummaryByCustomerId: DataLoader<string, PurchaseSummaryRow | null>;
  /** The latest fitted lifetime-value model, read once per request. */
  latestClvModel: () => Promise<ClvModel | null>;
  /** Rules whose antecedent contains the sku, best first; keys carry the page size. */
  rulesByAntecedentSku: DataLoader<RulePageKey, AssociationRule[], string>;
  recommendationCandidatesByCustomerId: DataLoader<string, string[]>;
  /** The blend's candidates with score and reason (recommendations.ts). */
  recommendationsByCustomerId: DataLoader<string, ScoredItem[]>;
}

export interface RulePageKey {
  sku: string;
  first: number;
}

export interface RfmKey {
  customerId: string;
  asOf?: Date;
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** Revenue of one customer in one currency: exact cents over a count of orders. */
export interface CurrencyRevenue {
  currency: string;
  orders: bigint;
  cents: bigint;
}

/** Per-request loaders: one statement per entity type and field, whatever the number of keys. */
export function createLoaders(db: Kysely<OrdersDatabase>): OrdersLoaders {
  const requestStart = new Date();
  let latestClvModel: Promise<ClvModel | null> | undefined;
  const orderById: OrdersLoaders['orderById'] = new DataLoader(
    measured('orderById', async (ids) => {
      const byId = new Map((await findOrdersByIds(db, ids)).map((row) => [row.id, rowToOrder(row)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  );
  return {
    orderById,
    jobById: jobByIdLoader(db as unknown as Kysely<JobsDatabase>, measured),
    orderByExternalId: new DataLoader(
      measured('orderByExternalId', async (externalIds) => {
        const orders = (await findOrdersByExternalIds(db, externalIds)).map(rowToOrder);
        for (const order of orders) orderById.prime(order.id, order);
        const byExternalId = new Map(orders.map((order) => [order.externalId, order]));
        return externalIds.map((externalId) => byExternalId.get(externalId) ?? null);
      }),
    ),
    linesByOrderId: new DataLoader(
      measured('linesByOrderId', async (orderIds) => {
        const byOrder = groupBy((await findOrderLines(db, orderIds)).map(rowToOrderLine), (line) => line.orderId);
        return orderIds.map((id) => byOrder.get(id) ?? []);
      }),
    ),
    statusChangesByOrderId: new DataLoader(
      measured('statusChangesByOrderId', async (orderIds) => {
        const changes = (await findOrderStatusChanges(db, orderIds)).map(rowToOrderStatusChange);
        const byOrder = groupBy(changes, (change) => change.orderId);
        return orderIds.map((id) => byOrder.get(id) ?? []);
      }),
    ),
    ordersByCustomerId: orderPageLoader(db, orderById),
    purchaseStatsByCustomerId: new DataLoader(
      measured('purchaseStatsByCustomerId', async (customerIds) => {
        const byCustomer = new Map((await findPurchaseStats(db, customerIds)).map((row) => [row.customer_id, row]));
        return customerIds.map((id) => ({ ...toPurchaseStats(byCustomer.get(id)), customerId: id }));
      }),
    ),
    revenueByCurrencyByCustomerId: new DataLoader(
      measured('revenueByCurrencyByCustomerId', async (customerIds) => {
        const byCustomer = new Map<string, CurrencyRevenue[]>();
        for (const row of await findRevenueByCurrency(db, customerIds)) {
          const revenue = {
            currency: row.currency,
            orders: BigInt(row.revenue_order_count),
            cents: decimalToCents(row.total_spent),
          };
          byCustomer.set(row.customer_id, [...(byCustomer.get(row.customer_id) ?? []), revenue]);
        }
        return customerIds.map((id) => byCustomer.get(id) ?? []);
      }),
    ),
    cartByCustomerId: new DataLoader(
      measured('cartByCustomerId', async (customerIds) => {
        const byCustomer = new Map(
          (await findCartsByCustomerIds(db, customerIds)).map((row) => [row.customer_id, rowToCart(row)]),
        );
        return customerIds.map((id) => byCustomer.get(id) ?? null);
      }),
    ),
    cartById: new DataLoader(
      measured('cartById', async (ids) => {
        const byId = new Map((await findCartsByIds(db, ids)).map((row) => [row.id, rowToCart(row)]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    ),
    linesByCartId: new DataLoader(
      measured('linesByCartId', async (cartIds) => {
        const byCart = groupBy((await findCartLines(db, cartIds)).map(rowToCartLine), (line) => line.cartId);
        return cartIds.map((id) => byCart.get(id) ?? []);
      }),
    ),
    rfmByCustomerId: new DataLoader(
      measured('rfmByCustomerId', async (keys) => {
        // A request normally asks one asOf (or none): one statement per distinct asOf.
        const scores = new Map<string, RfmScore>();
        await Promise.all(
          [...groupBy(keys, (key) => key.asOf?.toISOString() ?? '').values()].map(async (group) => {
            const rows = await findRfmScores(db, [...new Set(group.map((key) => key.customerId))], group[0].asOf);
            for (const row of rows)
              scores.set(rfmKey({ customerId: row.customer_id, asOf: group[0].asOf }), rowToRfmScore(row, row));
          }),
        );
        return keys.map((key) => scores.get(rfmKey(key)) ?? null);
      }),
      { cacheKeyFn: rfmKey },
    ),
    purchaseSummaryByCustomerId: new DataLoader(
      measured('purchaseSummaryByCustomerId', async (customerIds) => {
        const byCustomer = new Map(
          (await findPurchaseSummaries(db, requestStart, customerIds)).map((row) => [row.customer_id, row]),
        );
        return customerIds.map((id) => byCustomer.get(id) ?? null);
      }),
    ),
    rulesByAntecedentSku: new DataLoader(
      measured('rulesByAntecedentSku', async (keys) => {
        const rules = new Map<string, AssociationRule[]>();
        await Promise.all(
          [...groupBy(keys, (key) => key.first).entries()].map(async ([first, group]) => {
            for (const row of await findRulesByAntecedentSkus(db, [...new Set(group.map((key) => key.sku))], first)) {
              const key = rulePageKey({ sku: row.sku, first });
              rules.set(key, [...(rules.get(key) ?? []), rowToAssociationRule(row)]);
            }
          }),
        );
        return keys.map((key) => rules.get(rulePageKey(key)) ?? []);
      }),
      { cacheKeyFn: rulePageKey },
    ),
    recommendationCandidatesByCustomerId: new DataLoader(
      measured('recommendationCandidatesByCustomerId', async (customerIds) => {
        const byCustomer = groupBy(
          await findRecommendationCandidates(db, customerIds, RECOMMENDATION_CANDIDATES),
          (row) => row.customer_id,
        );
        return customerIds.map((id) => (byCustomer.get(id) ?? []).map((row) => row.sku));
      }),
    ),
    recommendationsByCustomerId: new DataLoader(
      measured('recommendationsByCustomerId', (customerIds) => recommendationCandidates(db, customerIds)),
    ),
    latestClvModel: () => (latestClvModel ??= findLatestClvModel(db).then((row) => (row ? rowToClvModel(row) : null))),
  };
}

/**
 * Pages of orders for many customers. Keys that ask for the same page (same first and after) share
 * one statement; a gateway request normally has one such group, so Customer.orders costs one
 * statement whatever the number of customers.
 */
function orderPageLoader(
  db: Kysely<OrdersDatabase>,
  orderById: OrdersLoaders['orderById'],
): OrdersLoaders['ordersByCustomerId'] {
  return new DataLoader(
    measured('ordersByCustomerId', async (keys) => {
      const pages = new Map<string, Connection<Order>>();
      await Promise.all(
        [...groupBy(keys, pageArgs).values()].map(async (group) => {
          const { first, after } = group[0];
          // first + 1 rows per customer: the extra one only says whether another page exists.
          const rows = await findOrderPages(db, [...new Set(group.map((key) => key.customerId))], first + 1, after);
          const byCustomer = groupBy(rows, (row: OrderRow) => row.customer_id);
          for (const key of group) {
            const connection = toConnection(
              byCustomer.get(key.customerId) ?? [],
              first,
              (row) => timeKeyParts(row.placed_at, row.id),
              rowToOrder,
            );
            for (const order of connection.nodes) orderById.prime(order.id, order);
            pages.set(pageKey(key), connection);
          }
        }),
      );
      return keys.map((key) => pages.get(pageKey(key))!);
    }),
    { cacheKeyFn: pageKey },
  );
}

function pageArgs(key: OrderPageKey): string {
  return JSON.stringify([key.first, key.after ? timeKeyParts(key.after.at, key.after.id) : null]);
}

function pageKey(key: OrderPageKey): string {
  return JSON.stringify([key.customerId, pageArgs(key)]);
}

function rfmKey(key: RfmKey): string {
  return `${key.customerId}@${key.asOf?.toISOString() ?? 'latest'}`;
}

function rulePageKey(key: RulePageKey): string {
  return `${key.sku}@${key.first}`;
}
