import type { Kysely } from 'kysely';
import type { GraphClient } from '../../../shared/graph-client.js';
import type { OrdersDatabase } from '../src/db/database.js';
import { ORDER_REFERENCES_QUERY } from '../src/references.js';
import { createServer } from '../src/server.js';
import type { NewOrderLineRow } from '../src/db/order-line.table.js';
import type { NewOrderRow, OrderStatus } from '../src/db/order.table.js';

export const BASE = Date.UTC(2026, 0, 1);
export const MINUTE = 60_000;
export const DAY = 86_400_000;

export const pad2 = (n: number) => String(n).padStart(2, '0');
export const customerId = (k: number) => `cus-${pad2(k)}`;
/** Customer k's order j (1..4). */
export const orderId = (k: number, j: number) => `ord-${pad2(k)}-${j}`;
export const orderPlacedAt = (k: number, j: number) => new Date(BASE + (k * 10 + j) * MINUTE);
/** Two lines: SKU-A × j at 10.00 and SKU-B × 1 at k + 0.99. */
export const orderTotal = (k: number, j: number) => Math.round((10 * j + k + 0.99) * 100) / 100;
/** Even customers have a cart: SKU-C × 2 at 5.25 and SKU-D × 1 at k. */
export const cartValue = (k: number) => 10.5 + k;

function order(
  id: string,
  customer: string,
  placedAt: Date,
  status: OrderStatus,
  lines: { sku: string; quantity: number; unitPrice: number }[],
) {
  const row: NewOrderRow = {
    id,
    external_id: `EXT-${id}`,
    customer_id: customer,
    status,
    channel: 'WEB',
    currency: 'EUR',
    placed_at: placedAt,
    total: lines.reduce((sum, line) => sum + line.quantity * Math.round(line.unitPrice * 100), 0) / 100,
    created_at: placedAt,
  };
  const lineRows: NewOrderLineRow[] = lines.map((line, index) => ({
    order_id: id,
    line_no: index + 1,
    sku: line.sku,
    quantity: line.quantity,
    unit_price: line.unitPrice,
  }));
  return { row, lineRows };
}

/**
 * 50 customers (cus-01..cus-50) with 4 orders each, one minute apart, every even one with a cart;
 * cus-stats with a hand-checked mix of statuses; cus-ties with three orders placed at the same instant.
 */
export async function resetFixtures(db: Kysely<OrdersDatabase>): Promise<void> {
  await db.deleteFrom('cart_lines').execute();
  await db.deleteFrom('carts').execute();
  await db.deleteFrom('order_lines').execute();
  await db.deleteFrom('orders').execute();

  const orders: ReturnType<typeof order>[] = [];
  for (let k = 1; k <= 50; k++) {
    for (let j = 1; j <= 4; j++) {
      orders.push(
        order(orderId(k, j), customerId(k), orderPlacedAt(k, j), 'DELIVERED', [
          { sku: 'SKU-A', quantity: j, unitPrice: 10 },
          { sku: 'SKU-B', quantity: 1, unitPrice: k + 0.99 },
        ]),
      );
    }
  }
  // Stats: only DELIVERED and PAID are revenue (100.00 + 50.50); CANCELLED is ignored everywhere.
  const stats = (id: string, days: number, status: OrderStatus, unitPrice: number) =>
    orders.push(
      order(id, 'cus-stats', new Date(BASE + days * DAY), status, [{ sku: 'SKU-S', quantity: 1, unitPrice }]),
    );
  stats('ord-s-1', 1, 'DELIVERED', 100);
  stats('ord-s-2', 0, 'CANCELLED', 30);
  stats('ord-s-3', 5, 'REFUNDED', 20);
  stats('ord-s-4', 3, 'PAID', 50.5);
  stats('ord-s-5', 9, 'CANCELLED', 999);
  // Ties: the id breaks them, newest first means id descending.
  const tie = new Date(BASE + 2 * DAY);
  for (const [id, at] of [
    ['ord-t-a', tie],
    ['ord-t-b', tie],
    ['ord-t-c', tie],
    ['ord-t-0', new Date(BASE + 3 * DAY)],
    ['ord-t-z', new Date(BASE + DAY)],
  ] as const) {
    orders.push(order(id, 'cus-ties', at, 'SHIPPED', [{ sku: 'SKU-T', quantity: 1, unitPrice: 1 }]));
  }
  await db
    .insertInto('orders')
    .values(orders.map((o) => o.row))
    .execute();
  await db
    .insertInto('order_lines')
    .values(orders.flatMap((o) => o.lineRows))
    .execute();

  const evens = Array.from({ length: 25 }, (_, n) => 2 * (n + 1));
  await db
    .insertInto('carts')
    .values(
      evens.map((k) => ({
        id: `cart-${pad2(k)}`,
        customer_id: customerId(k),
        last_activity_at: new Date(BASE + k * MINUTE),
        updated_at: new Date(BASE + k * MINUTE),
      })),
    )
    .execute();
  await db
    .insertInto('cart_lines')
    .values(
      evens.flatMap((k) => [
        { cart_id: `cart-${pad2(k)}`, line_no: 1, sku: 'SKU-C', quantity: 2, unit_price: 5.25 },
        { cart_id: `cart-${pad2(k)}`, line_no: 2, sku: 'SKU-D', quantity: 1, unit_price: k },
      ]),
    )
    .execute();
}

/**
 * Customers and inventory as the orders service asks them (OrderReferences): every customer and sku
 * exists except the ones named here, which answer null as an unknown or erased record does.
 */
export function ownersGraph(unknown: { customers?: readonly string[]; skus?: readonly string[] } = {}): GraphClient {
  return {
    request: async <T>(query: string, variables?: Record<string, unknown>) => {
      if (query !== ORDER_REFERENCES_QUERY)
        throw new Error(`the orders service sent an unexpected operation: ${query}`);
      const { customerIds, skus } = variables as { customerIds: string[]; skus: string[] };
      return {
        customersByIds: customerIds.map((id) => (unknown.customers?.includes(id) ? null : { id })),
        productsBySkus: skus.map((sku) => (unknown.skus?.includes(sku) ? null : { sku })),
      } as T;
    },
  };
}

/** The orders server for startSubgraphForTest, with ownersGraph(unknown) as its graph. */
export const serverWithOwners =
  (unknown: Parameters<typeof ownersGraph>[0] = {}) =>
  ({ db }: { db: Kysely<OrdersDatabase> }) =>
    createServer({ db, graph: ownersGraph(unknown) });
