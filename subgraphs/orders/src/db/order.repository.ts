import { sql, type Kysely, type Transaction } from 'kysely';
import type { TimeKey } from '../../../../shared/pagination.js';
import type { OrdersDatabase } from './database.js';
import {
  NO_REVENUE_STATUSES,
  type NewOrderRow,
  type OrderRow,
  type OrderStatus,
  type SalesChannel,
} from './order.table.js';

type Db = Kysely<OrdersDatabase> | Transaction<OrdersDatabase>;

export interface Order {
  id: string;
  externalId: string;
  customerId: string;
  status: OrderStatus;
  channel: SalesChannel;
  currency: string;
  placedAt: Date;
  total: number;
}

export function rowToOrder(row: OrderRow): Order {
  return {
    id: row.id,
    externalId: row.external_id,
    customerId: row.customer_id,
    status: row.status,
    channel: row.channel,
    currency: row.currency,
    placedAt: row.placed_at,
    total: row.total,
  };
}

const orderColumns = [
  'id',
  'external_id',
  'customer_id',
  'status',
  'channel',
  'currency',
  'placed_at',
  'total',
  'status_version',
  'created_at',
] as const;

/** Orders by id in one statement (the order loader's batch). */
/** When the first order was placed; undefined when there is none. */
export async function findFirstOrderAt(db: Db): Promise<Date | undefined> {
  const row = await db
    .selectFrom('orders')
    .select((eb) => eb.fn.min('placed_at').as('first'))
    .executeTakeFirst();
  return row?.first ? new Date(row.first as unknown as string | Date) : undefined;
}

export async function findOrdersByIds(db: Db, ids: readonly string[]): Promise<OrderRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('orders')
    .select(orderColumns)
    .where('id', 'in', [...ids])
    .execute();
}

/** Orders by the shops' ids in one statement. */
export async function findOrdersByExternalIds(db: Db, externalIds: readonly string[]): Promise<OrderRow[]> {
  if (externalIds.length === 0) return [];
  return db
    .selectFrom('orders')
    .select(orderColumns)
    .where('external_id', 'in', [...externalIds])
    .execute();
}

/**
 * The first `limit` orders (newest first) after `after` of every customer, in one statement:
 * row_number() over (partition by customer_id) numbers each customer's rows in the order of the
 * (customer_id, placed_at desc, id desc) index, and the outer query keeps the first `limit` of each.
 */
export async function findOrderPages(
  db: Db,
  customerIds: readonly string[],
  limit: number,
  after?: TimeKey,
): Promise<OrderRow[]> {
  if (customerIds.length === 0 || limit === 0) return [];
  let ranked = db
    .selectFrom('orders')
    .select(orderColumns)
    .select((eb) =>
      eb.fn
        .agg<number>('row_number')
        .over((over) => over.partitionBy('customer_id').orderBy('placed_at', 'desc').orderBy('id', 'desc'))
        .as('rank'),
    )
    .where('customer_id', 'in', [...customerIds]);
  if (after)
    ranked = ranked.where(({ eb, refTuple, tuple }) => eb(refTuple('placed_at', 'id'), '<', tuple(after.at, after.id)));
  return db
    .selectFrom(ranked.as('ranked'))
    .select(orderColumns)
    .where('rank', '<=', limit)
    .orderBy('customer_id')
    .orderBy('placed_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export interface PurchaseStats {
  orderCount: number;
  totalSpent: number;
  averageOrderValue: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
}

export interface PurchaseStatsRow {
  customer_id: string;
  /** Orders that were not cancelled. */
  order_count: number;
  /** Orders that were neither cancelled nor refunded: the ones that count as revenue. */
  revenue_order_count: number;
  total_spent: number | null;
  first_order_at: Date | null;
  last_order_at: Date | null;
}

/** Stats of a customer's aggregate row; a customer without orders has no row and gets zeros. */
export function toPurchaseStats(row: PurchaseStatsRow | undefined): PurchaseStats {
  const totalSpent = row?.total_spent ?? 0;
  const revenueOrders = row?.revenue_order_count ?? 0;
  return {
    orderCount: row?.order_count ?? 0,
    totalSpent,
    // Rounded to the cent, like every amount this domain returns.
    averageOrderValue: revenueOrders > 0 ? Math.round((totalSpent / revenueOrders) * 100) / 100 : 0,
    firstOrderAt: row?.first_order_at ?? null,
    lastOrderAt: row?.last_order_at ?? null,
  };
}

export interface RevenueByCurrencyRow {
  customer_id: string;
  currency: string;
  revenue_order_count: number;
  /** numeric(14,2) sum as text, so no float touches it. */
  total_spent: string;
}

/** Revenue (orders neither cancelled nor refunded) of many customers per currency, in one statement; never summed across currencies. */
export async function findRevenueByCurrency(db: Db, customerIds: readonly string[]): Promise<RevenueByCurrencyRow[]> {
  if (customerIds.length === 0) return [];
  return db
    .selectFrom('orders')
    .select((eb) => [
      'customer_id',
      'currency',
      eb.fn.countAll<number>().as('revenue_order_count'),
      sql<string>`sum(total)::text`.as('total_spent'),
    ])
    .where('customer_id', 'in', [...customerIds])
    .where('status', 'not in', NO_REVENUE_STATUSES)
    .groupBy(['customer_id', 'currency'])
    .orderBy('customer_id')
    .orderBy('currency')
    .execute();
}

/** Purchase aggregates of many customers in one statement; customers without orders are absent. */
export async function findPurchaseStats(db: Db, customerIds: readonly string[]): Promise<PurchaseStatsRow[]> {
  if (customerIds.length === 0) return [];
  return db
    .selectFrom('orders')
    .select((eb) => [
      'customer_id',
      eb.fn.countAll<number>().filterWhere('status', '!=', 'CANCELLED').as('order_count'),
      eb.fn.countAll<number>().filterWhere('status', 'not in', NO_REVENUE_STATUSES).as('revenue_order_count'),
      eb.fn.sum<number | null>('total').filterWhere('status', 'not in', NO_REVENUE_STATUSES).as('total_spent'),
      eb.fn.min<Date | null>('placed_at').filterWhere('status', '!=', 'CANCELLED').as('first_order_at'),
      eb.fn.max<Date | null>('placed_at').filterWhere('status', '!=', 'CANCELLED').as('last_order_at'),
    ])
    .where('customer_id', 'in', [...customerIds])
    .groupBy('customer_id')
    .execute();
}

/**
 * Inserts the order unless one with its external_id exists (committed, or committed by a concurrent
 * transaction this statement waited for). Returns undefined when it already existed.
 */
export async function insertOrderIfNew(
  trx: Transaction<OrdersDatabase>,
  order: NewOrderRow,
): Promise<OrderRow | undefined> {
  return trx
    .insertInto('orders')
    .values(order)
    .onConflict((oc) => oc.column('external_id').doNothing())
    .returning(orderColumns)
    .executeTakeFirst();
}

/**
 * The order, locked until the transaction ends: a status change reads the current status and writes
 * the next one under this lock, so two concurrent changes of one order are applied one after the other.
 */
export async function findOrderForUpdate(trx: Transaction<OrdersDatabase>, id: string): Promise<OrderRow | undefined> {
  return trx.selectFrom('orders').select(orderColumns).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Sets the order's status and status version (the caller holds the row lock). */
export async function updateOrderStatus(
  trx: Transaction<OrdersDatabase>,
  id: string,
  status: OrderStatus,
  version: number,
): Promise<OrderRow> {
  return trx
    .updateTable('orders')
    .set({ status, status_version: version })
    .where('id', '=', id)
    .returning(orderColumns)
    .executeTakeFirstOrThrow();
}

export async function findOrderByExternalId(db: Db, externalId: string): Promise<OrderRow | undefined> {
  return db.selectFrom('orders').select(orderColumns).where('external_id', '=', externalId).executeTakeFirst();
}

export interface OrderFeedQuery {
  placedFrom?: Date;
  placedTo?: Date;
  customerIds?: string[];
  statuses?: OrderStatus[];
  limit: number;
  after?: TimeKey;
}

/** Orders for other domains' analytics, oldest first, keyset on (placed_at, id). */
export async function findOrderFeed(db: Db, query: OrderFeedQuery): Promise<OrderRow[]> {
  let select = db.selectFrom('orders').select(orderColumns);
  if (query.placedFrom) select = select.where('placed_at', '>=', query.placedFrom);
  if (query.placedTo) select = select.where('placed_at', '<', query.placedTo);
  if (query.customerIds) select = select.where('customer_id', 'in', query.customerIds);
  if (query.statuses) select = select.where('status', 'in', query.statuses);
  const after = query.after;
  if (after)
    select = select.where(({ eb, refTuple, tuple }) => eb(refTuple('placed_at', 'id'), '>', tuple(after.at, after.id)));
  return select.orderBy('placed_at').orderBy('id').limit(query.limit).execute();
}
