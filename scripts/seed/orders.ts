import { type Insertable, sql, type Kysely, type Transaction } from 'kysely';
import { mineAssociationRules } from '../../subgraphs/orders/src/cross-sell.js';
import { fitClvModel, MIN_CUSTOMERS_TO_FIT } from '../../subgraphs/orders/src/lifetime-value.js';
import { refreshRfm } from '../../subgraphs/orders/src/rfm.js';
import { trainRecommendations } from '../../subgraphs/orders/src/recommendations.js';
import type { NewCartLineRow } from '../../subgraphs/orders/src/db/cart-line.table.js';
import type { NewCartRow } from '../../subgraphs/orders/src/db/cart.table.js';
import type { OrdersDatabase } from '../../subgraphs/orders/src/db/database.js';
import type { NewOrderLineRow } from '../../subgraphs/orders/src/db/order-line.table.js';
import type { NewOrderRow } from '../../subgraphs/orders/src/db/order.table.js';
import { appendEvents } from '../../shared/events/index.js';
import { cartUpdated, orderRecorded } from '../../subgraphs/orders/src/events/published.js';
import { batches, type DemoWorld } from './world.js';

// Postgres takes at most 65,535 bind parameters per statement.
// 9 parameters per order: 5,000 orders are 45,000 parameters.
const ORDER_BATCH = 5000;
// 5 parameters per line: 12,000 lines are 60,000. A batch of orders (up to four lines each) takes a few of these.
const LINE_CHUNK = 12_000;
const CART_BATCH = 5000;

/** Sum of quantity × unit price, added in whole cents so the stored total is exact. */
function totalOf(lines: readonly { quantity: number; unitPrice: number }[]): number {
  return lines.reduce((sum, line) => sum + line.quantity * Math.round(line.unitPrice * 100), 0) / 100;
}

async function insertInChunks<T extends keyof OrdersDatabase>(
  trx: Transaction<OrdersDatabase>,
  table: T,
  rows: Insertable<OrdersDatabase[T]>[],
  chunk: number,
): Promise<void> {
  for (let start = 0; start < rows.length; start += chunk) {
    await trx
      .insertInto(table)
      .values(rows.slice(start, start + chunk))
      .execute();
  }
}

/**
 * Writes the world's orders (with their lines and totals) and open carts into the orders database
 * only. It streams by index: each batch is generated, written in one transaction (orders with their
 * lines, so a batch is all there or not at all) and dropped, so memory stays bounded at any size.
 */
export async function seedOrders(
  db: Kysely<OrdersDatabase>,
  world: DemoWorld,
  progress?: (done: number, total: number) => void,
): Promise<void> {
  const total = world.sizes.orders + world.cartCount;
  let done = 0;
  for (const [start, end] of batches(world.sizes.orders, ORDER_BATCH)) {
    const orders: NewOrderRow[] = [];
    const lines: NewOrderLineRow[] = [];
    const events: ReturnType<typeof orderRecorded>[] = [];
    for (let k = start; k < end; k++) {
      const order = world.order(k);
      const row = {
        id: order.id,
        external_id: order.externalId,
        customer_id: order.customerId,
        status: order.status,
        channel: order.channel,
        currency: order.currency,
        placed_at: order.placedAt,
        total: totalOf(order.lines),
        created_at: order.placedAt,
      };
      const orderLines = order.lines.map((line, index) => ({
        order_id: order.id,
        line_no: index + 1,
        sku: line.sku,
        quantity: line.quantity,
        unit_price: line.unitPrice,
      }));
      orders.push(row);
      lines.push(...orderLines);
      events.push(orderRecorded(row, orderLines));
    }
    // Seeded orders are published like recordOrder's, in the same transaction (see seedCustomers).
    await db.transaction().execute(async (trx) => {
      await insertInChunks(trx, 'orders', orders, ORDER_BATCH);
      await insertInChunks(trx, 'order_lines', lines, LINE_CHUNK);
      await appendEvents(trx, events);
    });
    done += end - start;
    progress?.(done, total);
  }
  for (const [start, end] of batches(world.cartCount, CART_BATCH)) {
    const carts: NewCartRow[] = [];
    const lines: NewCartLineRow[] = [];
    const events: ReturnType<typeof cartUpdated>[] = [];
    for (let c = start; c < end; c++) {
      const cart = world.cart(c);
      const row = {
        id: cart.id,
        customer_id: cart.customerId,
        last_activity_at: cart.lastActivityAt,
        updated_at: cart.lastActivityAt,
      };
      const cartLines = cart.lines.map((line, index) => ({
        cart_id: cart.id,
        line_no: index + 1,
        sku: line.sku,
        quantity: line.quantity,
        unit_price: line.unitPrice,
      }));
      carts.push(row);
      lines.push(...cartLines);
      events.push(cartUpdated(row, totalOf(cart.lines), cartLines));
    }
    await db.transaction().execute(async (trx) => {
      await insertInChunks(trx, 'carts', carts, CART_BATCH);
      await insertInChunks(trx, 'cart_lines', lines, LINE_CHUNK);
      await appendEvents(trx, events);
    });
    done += end - start;
    progress?.(done, total);
  }
  await runAnalyticsJobs(db);
}

/**
 * Runs the orders domain's analytics jobs once over the seeded orders, so RFM segments, lifetime
 * value, cross-sell rules and recommendations answer from the first start (later refreshes are explicit mutations).
 */
async function runAnalyticsJobs(db: Kysely<OrdersDatabase>): Promise<void> {
  const now = new Date();
  await refreshRfm(db, now);
  const customersWithOrders = await db
    .selectFrom('orders')
    .select(sql<number>`count(distinct customer_id)`.as('n'))
    .executeTakeFirstOrThrow();
  // A world too small to identify the model (some tests seed a handful of customers) simply has none.
  if (customersWithOrders.n >= MIN_CUSTOMERS_TO_FIT) await fitClvModel(db, now);
  await mineAssociationRules(db, null);
  await trainRecommendations(db, null);
}
