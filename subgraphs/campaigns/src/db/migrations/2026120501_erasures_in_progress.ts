import { sql, type Kysely } from 'kysely';

// Customers being erased, while their request is open: campaigns' read models skip late events
// about them (their owners delete those events in their own erasure, which may run after ours).
// Keyed by an unkeyed SHA-256 of the customer id, so not even this short-lived row holds the id;
// each row goes when the request closes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('erasures_in_progress')
    .addColumn('customer_hash', 'text', (col) => col.primaryKey())
    .addColumn('request_id', 'text', (col) => col.notNull())
    .addColumn('started_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('erasures_in_progress_request_idx')
    .on('erasures_in_progress')
    .column('request_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('erasures_in_progress').execute();
}
