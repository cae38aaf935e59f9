import { sql, type Kysely } from 'kysely';

// Products become editable (currency, discontinued), locations become explicit rows that stock
// refers to, and a reservation records which locations gave how many units.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('products')
    .addColumn('currency', 'text', (col) => col.notNull().defaultTo('EUR'))
    .execute();
  await db.schema.alterTable('products').addColumn('discontinued_at', 'timestamptz').execute();
  await db.schema
    .alterTable('products')
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('locations')
    .addColumn('code', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // Every location stock, reservations or adjustments already name becomes a row (named after its
  // code), so existing data keeps its meaning and the foreign key below holds.
  await sql`
    insert into locations (code, name)
    select location, location from (
      select location from stock_levels
      union select location from reservations
      union select location from stock_adjustments
    ) as known
    on conflict do nothing`.execute(db);
  await db.schema
    .alterTable('stock_levels')
    .addForeignKeyConstraint('stock_levels_location_fk', ['location'], 'locations', ['code'])
    .execute();

  // One row per location a reservation took units from; release gives each back where it came from.
  await db.schema
    .createTable('reservation_allocations')
    .addColumn('reservation_id', 'text', (col) => col.notNull().references('reservations.id').onDelete('cascade'))
    .addColumn('location', 'text', (col) => col.notNull())
    .addColumn('quantity', 'integer', (col) => col.notNull().check(sql`quantity > 0`))
    .addPrimaryKeyConstraint('reservation_allocations_pk', ['reservation_id', 'location'])
    .execute();
  await sql`
    insert into reservation_allocations (reservation_id, location, quantity)
    select id, location, quantity from reservations`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reservation_allocations').execute();
  await db.schema.alterTable('stock_levels').dropConstraint('stock_levels_location_fk').execute();
  await db.schema.dropTable('locations').execute();
  await db.schema.alterTable('products').dropColumn('updated_at').execute();
  await db.schema.alterTable('products').dropColumn('discontinued_at').execute();
  await db.schema.alterTable('products').dropColumn('currency').execute();
}
