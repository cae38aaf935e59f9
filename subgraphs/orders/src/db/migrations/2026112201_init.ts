import { sql, type Kysely } from 'kysely';

// Timestamps are timestamptz(3): millisecond precision, the precision of a JS Date and of the
// DateTime scalar, so a keyset cursor carries the exact stored value and never skips or repeats a row.
const timestamp = sql`timestamptz(3)`;
const money = sql`numeric(12,2)`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('orders')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('external_id', 'text', (col) => col.notNull())
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('currency', 'text', (col) => col.notNull())
    .addColumn('placed_at', timestamp, (col) => col.notNull())
    .addColumn('total', money, (col) => col.notNull().check(sql`total >= 0`))
    .addColumn('created_at', timestamp, (col) => col.notNull().defaultTo(sql`now()`))
    // recordOrder is idempotent on the shop's id: insert ... on conflict (external_id) do nothing.
    .addUniqueConstraint('orders_external_id_unique', ['external_id'])
    .addCheckConstraint(
      'orders_status_check',
      sql`status in ('PLACED', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED')`,
    )
    .addCheckConstraint('orders_channel_check', sql`channel in ('WEB', 'MOBILE_APP', 'STORE', 'MARKETPLACE')`)
    .addCheckConstraint('orders_currency_check', sql`currency ~ '^[A-Z]{3}$'`)
    .execute();
  // Customer.orders (newest first per customer), purchaseStats and per-customer RFM all start here.
  await db.schema
    .createIndex('orders_customer_placed_idx')
    .on('orders')
    .columns(['customer_id', 'placed_at desc', 'id desc'])
    .execute();

  await db.schema
    .createTable('order_lines')
    .addColumn('order_id', 'text', (col) => col.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('line_no', 'integer', (col) => col.notNull())
    .addColumn('sku', 'text', (col) => col.notNull())
    .addColumn('quantity', 'integer', (col) => col.notNull().check(sql`quantity >= 1`))
    .addColumn('unit_price', money, (col) => col.notNull().check(sql`unit_price >= 0`))
    .addPrimaryKeyConstraint('order_lines_pk', ['order_id', 'line_no'])
    .execute();
  // Per-product questions (sales stats, baskets that hold a sku for association rules) start from the
  // sku, and order_id lets "which orders hold this sku" be answered from the index alone. Unique: a
  // sku is one line of an order (recordOrder rejects repeats), so a basket is a set of skus.
  await db.schema
    .createIndex('order_lines_sku_order_unique')
    .on('order_lines')
    .columns(['sku', 'order_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('carts')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('last_activity_at', timestamp, (col) => col.notNull())
    .addColumn('updated_at', timestamp, (col) => col.notNull().defaultTo(sql`now()`))
    // One open cart per customer; updateCart upserts on it.
    .addUniqueConstraint('carts_customer_id_unique', ['customer_id'])
    .execute();

  await db.schema
    .createTable('cart_lines')
    .addColumn('cart_id', 'text', (col) => col.notNull().references('carts.id').onDelete('cascade'))
    .addColumn('line_no', 'integer', (col) => col.notNull())
    .addColumn('sku', 'text', (col) => col.notNull())
    .addColumn('quantity', 'integer', (col) => col.notNull().check(sql`quantity >= 1`))
    .addColumn('unit_price', money, (col) => col.notNull().check(sql`unit_price >= 0`))
    .addPrimaryKeyConstraint('cart_lines_pk', ['cart_id', 'line_no'])
    .execute();
  // The same rule for carts: a sku is one line of a cart.
  await db.schema
    .createIndex('cart_lines_sku_cart_unique')
    .on('cart_lines')
    .columns(['sku', 'cart_id'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cart_lines').execute();
  await db.schema.dropTable('carts').execute();
  await db.schema.dropTable('order_lines').execute();
  await db.schema.dropTable('orders').execute();
}
