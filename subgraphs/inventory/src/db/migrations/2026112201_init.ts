import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('products')
    .addColumn('sku', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('price', sql`numeric(12,2)`, (col) => col.notNull().check(sql`price >= 0`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('products_category_idx').on('products').columns(['category', 'sku']).execute();

  // The CHECK is the last line of defence against overselling: even a buggy update cannot
  // leave more units reserved than are on hand.
  await db.schema
    .createTable('stock_levels')
    .addColumn('sku', 'text', (col) => col.notNull().references('products.sku').onDelete('cascade'))
    .addColumn('location', 'text', (col) => col.notNull())
    .addColumn('on_hand', 'integer', (col) => col.notNull())
    .addColumn('reserved', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('stock_levels_pk', ['sku', 'location'])
    .addCheckConstraint('stock_levels_quantities_check', sql`reserved >= 0 and on_hand >= reserved`)
    .execute();

  await db.schema
    .createTable('reservations')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('sku', 'text', (col) => col.notNull())
    .addColumn('location', 'text', (col) => col.notNull())
    .addColumn('quantity', 'integer', (col) => col.notNull().check(sql`quantity > 0`))
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('reference', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('released_at', 'timestamptz')
    .addForeignKeyConstraint('reservations_stock_fk', ['sku', 'location'], 'stock_levels', ['sku', 'location'])
    .execute();
  await db.schema.createIndex('reservations_sku_idx').on('reservations').columns(['sku', 'status']).execute();

  await db.schema
    .createTable('stock_adjustments')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('sku', 'text', (col) => col.notNull())
    .addColumn('location', 'text', (col) => col.notNull())
    .addColumn('delta', 'integer', (col) => col.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stock_adjustments').execute();
  await db.schema.dropTable('reservations').execute();
  await db.schema.dropTable('stock_levels').execute();
  await db.schema.dropTable('products').execute();
}
