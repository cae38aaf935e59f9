import { sql, type Kysely } from 'kysely';

// Prefix search on name and email (customers(filter: { search })): expression indexes on the
// lower-cased names and on normalized EMAIL identities, with text_pattern_ops so `like 'abc%'` is
// an index range scan whatever the database's collation.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index customers_first_name_prefix_idx on customers (lower(first_name) text_pattern_ops)`.execute(db);
  await sql`create index customers_last_name_prefix_idx on customers (lower(last_name) text_pattern_ops)`.execute(db);
  await sql`create index customer_identities_email_prefix_idx on customer_identities (value text_pattern_ops) where type = 'EMAIL'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('customer_identities_email_prefix_idx').execute();
  await db.schema.dropIndex('customers_last_name_prefix_idx').execute();
  await db.schema.dropIndex('customers_first_name_prefix_idx').execute();
}
