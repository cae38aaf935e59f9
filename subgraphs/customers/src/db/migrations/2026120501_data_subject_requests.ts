import { sql, type Kysely } from 'kysely';

// Data-subject requests (erasure, export) owned by customers with a status per domain, and the
// erasure tombstones: keyed hashes of an erased customer's identifiers that refuse re-ingestion.
const timestamp = sql`timestamptz(3)`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('data_subject_requests')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('regime', 'text', (col) => col.notNull())
    // Null once an erasure of the customer completed; subject_hash (a tombstone hash) stays.
    .addColumn('customer_id', 'text')
    .addColumn('subject_hash', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('OPEN'))
    .addColumn('requested_by', 'text', (col) => col.notNull())
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('due_at', timestamp, (col) => col.notNull())
    .addColumn('completed_at', timestamp)
    .addColumn('export_expires_at', timestamp)
    .addColumn('export_purged_at', timestamp)
    .addCheckConstraint('data_subject_requests_kind_check', sql`kind in ('ERASURE', 'EXPORT')`)
    .addCheckConstraint('data_subject_requests_regime_check', sql`regime in ('GDPR', 'CCPA')`)
    .addCheckConstraint('data_subject_requests_status_check', sql`status in ('OPEN', 'COMPLETED')`)
    .execute();
  // At most one open request of a kind per customer: a second one answers the first.
  await db.schema
    .createIndex('data_subject_requests_open_idx')
    .on('data_subject_requests')
    .columns(['customer_id', 'kind'])
    .unique()
    .where(sql<boolean>`status = 'OPEN'`)
    .execute();
  await db.schema
    .createIndex('data_subject_requests_subject_idx')
    .on('data_subject_requests')
    .column('subject_hash')
    .execute();

  await db.schema
    .createTable('data_subject_request_domains')
    .addColumn('request_id', 'text', (col) => col.notNull().references('data_subject_requests.id').onDelete('cascade'))
    .addColumn('domain', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('PENDING'))
    .addColumn('completed_at', timestamp)
    // EXPORT: what the domain holds about the subject, until the export's retention ends.
    .addColumn('export_part', 'jsonb')
    .addPrimaryKeyConstraint('data_subject_request_domains_pk', ['request_id', 'domain'])
    .addCheckConstraint('data_subject_request_domains_status_check', sql`status in ('PENDING', 'DONE')`)
    .execute();

  await db.schema
    .createTable('erasure_tombstones')
    // HMAC-SHA256 of '<TYPE>:<normalized value>' under the tombstone key, hex; never the value itself.
    .addColumn('hash', 'text', (col) => col.primaryKey())
    .addColumn('identifier_type', 'text', (col) => col.notNull())
    .addColumn('key_id', 'text', (col) => col.notNull())
    .addColumn('request_id', 'text', (col) => col.notNull())
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('erasure_tombstones').execute();
  await db.schema.dropTable('data_subject_request_domains').execute();
  await db.schema.dropTable('data_subject_requests').execute();
}
