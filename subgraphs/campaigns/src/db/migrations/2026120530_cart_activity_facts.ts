import { sql, type Kysely } from 'kysely';

// Every cart activity the orders domain published (CartUpdated), not only the latest: a funnel needs
// to know whether a customer put something in a cart after a click, even when the cart changed since.
// Existing carts are carried over from cart_facts (their latest activity is all that is known).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cart_activity_facts')
    .addColumn('event_id', 'uuid', (col) => col.primaryKey())
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('cart_id', 'text', (col) => col.notNull())
    .addColumn('activity_at', 'timestamptz', (col) => col.notNull())
    .addColumn('line_count', 'integer', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('cart_activity_facts_customer')
    .on('cart_activity_facts')
    .columns(['customer_id', 'activity_at'])
    .execute();
  await sql`
    insert into cart_activity_facts (event_id, customer_id, cart_id, activity_at, line_count)
    select event_id, customer_id, cart_id, last_activity_at, jsonb_array_length(lines) from cart_facts`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cart_activity_facts').execute();
}
