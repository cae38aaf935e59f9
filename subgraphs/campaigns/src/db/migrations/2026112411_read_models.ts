import { sql, type Kysely } from 'kysely';

// Read models of other domains' published facts, fed by their events (src/events/consumed.ts).
export async function up(db: Kysely<any>): Promise<void> {
  // One row per order the orders domain recorded (OrderRecorded), with its lines.
  await db.schema
    .createTable('order_facts')
    .addColumn('order_id', 'text', (col) => col.primaryKey())
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('currency', 'text', (col) => col.notNull())
    .addColumn('placed_at', 'timestamptz', (col) => col.notNull())
    .addColumn('total', sql`numeric(12,2)`, (col) => col.notNull())
    .addColumn('event_id', 'uuid', (col) => col.notNull())
    .execute();
  // Attribution and A/B read a period's orders, per customer or in placed order.
  await db.schema
    .createIndex('order_facts_customer_idx')
    .on('order_facts')
    .columns(['customer_id', 'placed_at'])
    .execute();
  await db.schema.createIndex('order_facts_placed_idx').on('order_facts').columns(['placed_at', 'order_id']).execute();
  await db.schema
    .createTable('order_fact_lines')
    .addColumn('order_id', 'text', (col) => col.notNull().references('order_facts.order_id').onDelete('cascade'))
    .addColumn('line_no', 'integer', (col) => col.notNull())
    .addColumn('sku', 'text', (col) => col.notNull())
    .addColumn('quantity', 'integer', (col) => col.notNull())
    .addColumn('unit_price', sql`numeric(12,2)`, (col) => col.notNull())
    .addPrimaryKeyConstraint('order_fact_lines_pk', ['order_id', 'line_no'])
    .execute();
  await db.schema.createIndex('order_fact_lines_sku_idx').on('order_fact_lines').column('sku').execute();

  // Each customer's open cart as last published (CartUpdated carries the whole cart).
  await db.schema
    .createTable('cart_facts')
    .addColumn('customer_id', 'text', (col) => col.primaryKey())
    .addColumn('cart_id', 'text', (col) => col.notNull())
    .addColumn('last_activity_at', 'timestamptz', (col) => col.notNull())
    .addColumn('value', sql`numeric(12,2)`, (col) => col.notNull())
    .addColumn('lines', 'jsonb', (col) => col.notNull())
    .addColumn('event_id', 'uuid', (col) => col.notNull())
    // The event's position in the orders log (commit order): a redelivered older event never wins.
    .addColumn('source_position', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('cart_facts_activity_idx')
    .on('cart_facts')
    .columns(['last_activity_at', 'customer_id'])
    .execute();

  // The current consent per customer × purpose × channel (the latest captured record wins).
  await db.schema
    .createTable('consent_state')
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('purpose', 'text', (col) => col.notNull())
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('captured_at', 'timestamptz', (col) => col.notNull())
    .addColumn('seq', 'bigint', (col) => col.notNull())
    .addColumn('event_id', 'uuid', (col) => col.notNull())
    .addPrimaryKeyConstraint('consent_state_pk', ['customer_id', 'purpose', 'channel'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consent_state').execute();
  await db.schema.dropTable('cart_facts').execute();
  await db.schema.dropTable('order_fact_lines').execute();
  await db.schema.dropTable('order_facts').execute();
}
