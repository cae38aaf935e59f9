import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Query.orders: every customer's orders of a period, oldest first (attribution, experiments).
  await db.schema.createIndex('orders_placed_idx').on('orders').columns(['placed_at', 'id']).execute();
  // Query.abandonedCarts: carts by idle time, longest idle first.
  await db.schema.createIndex('carts_activity_idx').on('carts').columns(['last_activity_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('carts_activity_idx').execute();
  await db.schema.dropIndex('orders_placed_idx').execute();
}
