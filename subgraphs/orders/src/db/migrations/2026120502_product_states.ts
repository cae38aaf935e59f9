import { sql, type Kysely } from 'kysely';

// A read model of inventory's ProductChanged events: whether each product is discontinued, so
// cross-sell (frequentlyBoughtWith, recommendation candidates) leaves discontinued products out in
// SQL, before its limit. `position` is the event's place in inventory's log: the latest one wins.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('product_states')
    .addColumn('sku', 'text', (col) => col.primaryKey())
    .addColumn('discontinued', 'boolean', (col) => col.notNull())
    .addColumn('position', 'bigint', (col) => col.notNull())
    .addColumn('event_id', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // The filters ask "is any of these skus discontinued": a partial index holds only those.
  await db.schema
    .createIndex('product_states_discontinued')
    .on('product_states')
    .column('sku')
    .where(sql.ref('discontinued'), '=', true)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('product_states').execute();
}
