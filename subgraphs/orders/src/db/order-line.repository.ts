import type { Kysely, Transaction } from 'kysely';
import type { OrdersDatabase } from './database.js';
import type { NewOrderLineRow, OrderLineRow } from './order-line.table.js';

type Db = Kysely<OrdersDatabase> | Transaction<OrdersDatabase>;

export interface OrderLine {
  orderId: string;
  sku: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
}

export function rowToOrderLine(row: OrderLineRow): OrderLine {
  return {
    orderId: row.order_id,
    sku: row.sku,
    quantity: row.quantity,
    unitPrice: row.unit_price,
    // In whole cents, so 3 × 0.1 is 0.3 and not 0.30000000000000004.
    lineTotal: (row.quantity * Math.round(row.unit_price * 100)) / 100,
  };
}

/** The lines of many orders in one statement, grouped by order and in recorded order. */
export async function findOrderLines(db: Db, orderIds: readonly string[]): Promise<OrderLineRow[]> {
  if (orderIds.length === 0) return [];
  return db
    .selectFrom('order_lines')
    .select(['order_id', 'line_no', 'sku', 'quantity', 'unit_price'])
    .where('order_id', 'in', [...orderIds])
    .orderBy('order_id')
    .orderBy('line_no')
    .execute();
}

export async function insertOrderLines(trx: Transaction<OrdersDatabase>, lines: NewOrderLineRow[]): Promise<void> {
  if (lines.length > 0) await trx.insertInto('order_lines').values(lines).execute();
}
