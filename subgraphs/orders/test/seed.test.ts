import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrders } from '../../../scripts/seed/orders.js';
import { createWorld } from '../../../scripts/seed/world.js';
import { createTestDatabase, type TestDatabase } from '../../../shared/testing.js';
import type { OrdersDatabase } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';

let testDb: TestDatabase<OrdersDatabase>;

beforeAll(async () => {
  testDb = await createTestDatabase<OrdersDatabase>('orders', migrations);
});

afterAll(async () => {
  await testDb.destroy();
});

describe('seedOrders', () => {
  it("writes the world's orders with lines and exact totals, and its open carts", async () => {
    const world = createWorld(
      { customers: 50, products: 40, orders: 5_300, campaigns: 2, touchpoints: 0 },
      7,
      new Date('2026-06-01T00:00:00Z'),
    );
    const reports: [number, number][] = [];
    await seedOrders(testDb.db, world, (done, total) => reports.push([done, total]));

    let lines = 0;
    for (let k = 0; k < world.sizes.orders; k++) lines += world.order(k).lines.length;
    let cartLines = 0;
    for (let c = 0; c < world.cartCount; c++) cartLines += world.cart(c).lines.length;
    const count = async (table: keyof OrdersDatabase) => testDb.rowCount(table);
    expect(await count('orders')).toBe(5_300);
    expect(await count('order_lines')).toBe(lines);
    expect(world.cartCount).toBe(2);
    expect(await count('carts')).toBe(2);
    expect(await count('cart_lines')).toBe(cartLines);
    // One report per batch: two order batches of at most 5,000, then one cart batch.
    expect(reports).toEqual([
      [5_000, 5_302],
      [5_300, 5_302],
      [5_302, 5_302],
    ]);

    const order = world.order(4_321);
    const stored = await testDb.db
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    const expectedTotal =
      order.lines.reduce((sum, line) => sum + line.quantity * Math.round(line.unitPrice * 100), 0) / 100;
    expect(stored).toEqual({
      id: order.id,
      external_id: order.externalId,
      customer_id: order.customerId,
      status: order.status,
      channel: order.channel,
      currency: order.currency,
      placed_at: order.placedAt,
      total: expectedTotal,
      // Seeded orders are as recorded: their status never changed.
      status_version: 1,
      created_at: order.placedAt,
    });
    const storedLines = await testDb.db
      .selectFrom('order_lines')
      .select(['sku', 'quantity', 'unit_price'])
      .where('order_id', '=', order.id)
      .orderBy('line_no')
      .execute();
    expect(storedLines).toEqual(
      order.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, unit_price: line.unitPrice })),
    );

    // Every stored total equals the sum of its lines.
    const mismatches = await testDb.db
      .selectFrom('orders')
      .innerJoin('order_lines', 'order_lines.order_id', 'orders.id')
      .select('orders.id')
      .groupBy(['orders.id', 'orders.total'])
      .having((eb) =>
        eb('orders.total', '!=', eb.fn.sum<number>(eb('order_lines.quantity', '*', eb.ref('order_lines.unit_price')))),
      )
      .execute();
    expect(mismatches).toEqual([]);

    const cart = world.cart(1);
    const storedCart = await testDb.db
      .selectFrom('carts')
      .selectAll()
      .where('customer_id', '=', cart.customerId)
      .executeTakeFirstOrThrow();
    expect(storedCart).toEqual({
      id: cart.id,
      customer_id: cart.customerId,
      last_activity_at: cart.lastActivityAt,
      updated_at: cart.lastActivityAt,
    });
  });
});
