import { sql, type Kysely } from 'kysely';

// Timestamps are timestamptz(3): millisecond precision, the precision of a JS Date and of the
// DateTime scalar, so a keyset cursor carries the exact stored value and pages never skip or repeat rows.
const timestamp = sql`timestamptz(3)`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('birth_date', 'date')
    .addColumn('country', 'text', (col) => col.check(sql`country ~ '^[A-Z]{2}$'`))
    .addColumn('city', 'text')
    .addColumn('created_at', timestamp, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', timestamp, (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // customers(first, after, filter): newest first, alone or narrowed by country or city.
  await db.schema
    .createIndex('customers_created_idx')
    .on('customers')
    .columns(['created_at desc', 'id desc'])
    .execute();
  await db.schema
    .createIndex('customers_country_created_idx')
    .on('customers')
    .columns(['country', 'created_at desc', 'id desc'])
    .execute();
  await db.schema
    .createIndex('customers_city_created_idx')
    .on('customers')
    .columns(['city', 'created_at desc', 'id desc'])
    .execute();

  await db.schema
    .createTable('customer_identities')
    .addColumn('customer_id', 'text', (col) => col.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('added_at', timestamp, (col) => col.notNull().defaultTo(sql`now()`))
    // The unique pair is what makes an identity point at exactly one customer (customerByIdentity, CONFLICT).
    .addPrimaryKeyConstraint('customer_identities_pk', ['type', 'value'])
    .addCheckConstraint('customer_identities_type_check', sql`type in ('EMAIL', 'PHONE', 'LOYALTY_ID', 'DEVICE_ID')`)
    .execute();
  // Customer.identities / email / phone, batched by customer id.
  await db.schema
    .createIndex('customer_identities_customer_idx')
    .on('customer_identities')
    .columns(['customer_id', 'added_at'])
    .execute();

  await db.schema
    .createTable('consent_records')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('seq', 'bigint', (col) => col.notNull().generatedAlwaysAsIdentity())
    .addColumn('customer_id', 'text', (col) => col.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (col) => col.notNull())
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('captured_at', timestamp, (col) => col.notNull())
    .addColumn('recorded_at', timestamp, (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('consent_records_purpose_check', sql`purpose in ('MARKETING', 'ANALYTICS', 'PERSONALIZATION')`)
    .addCheckConstraint('consent_records_channel_check', sql`channel in ('EMAIL', 'SMS', 'PUSH', 'PHONE')`)
    .addCheckConstraint('consent_records_status_check', sql`status in ('OPT_IN', 'OPT_OUT')`)
    .execute();
  // Current consent per (purpose, channel) and the optedIn filter: the latest record of each pair.
  await db.schema
    .createIndex('consent_records_current_idx')
    .on('consent_records')
    .columns(['customer_id', 'purpose', 'channel', 'captured_at desc', 'seq desc'])
    .execute();
  // Customer.consentHistory: newest first per customer.
  await db.schema
    .createIndex('consent_records_history_idx')
    .on('consent_records')
    .columns(['customer_id', 'captured_at desc', 'seq desc'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consent_records').execute();
  await db.schema.dropTable('customer_identities').execute();
  await db.schema.dropTable('customers').execute();
}
