import type { Kysely, Transaction } from 'kysely';
import type { OrdersDatabase } from './database.js';
import type { NewOrderStatusChangeRow, OrderStatusChangeRow } from './order-status-change.table.js';
import type { OrderStatus } from './order.table.js';

type Db = Kysely<OrdersDatabase> | Transaction<OrdersDatabase>;

export interface OrderStatusChange {
  orderId: string;
  version: number;
  fromStatus: OrderStatus;
  toStatus: OrderStatus;
  reason: string | null;
  changedBy: string;
  changedAt: Date;
}

export function rowToOrderStatusChange(row: OrderStatusChangeRow): OrderStatusChange {
  return {
    orderId: row.order_id,
    version: row.version,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    reason: row.reason,
    changedBy: row.changed_by,
    changedAt: row.changed_at,
  };
}

export async function insertOrderStatusChange(
  trx: Transaction<OrdersDatabase>,
  change: NewOrderStatusChangeRow,
): Promise<OrderStatusChangeRow> {
  return trx.insertInto('order_status_changes').values(change).returningAll().executeTakeFirstOrThrow();
}

/** The status changes of many orders in one statement, each order's oldest first. */
export async function findOrderStatusChanges(db: Db, orderIds: readonly string[]): Promise<OrderStatusChangeRow[]> {
  if (orderIds.length === 0) return [];
  return db
    .selectFrom('order_status_changes')
    .selectAll()
    .where('order_id', 'in', [...orderIds])
    .orderBy('order_id')
    .orderBy('version')
    .execute();
}
