import { sql, type Kysely } from 'kysely';

// Privacy preferences beside consent: an objection to direct marketing (GDPR Art. 21) and a
// do-not-sell/share preference (CCPA), append-only like consent. Consent and preferences are both
// ordered by receipt (seq), so the current-consent index now leads with seq.
const timestamp = sql`timestamptz(3)`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('privacy_preferences')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('seq', 'bigint', (col) => col.notNull().generatedAlwaysAsIdentity())
    .addColumn('customer_id', 'text', (col) => col.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('active', 'boolean', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('captured_at', timestamp, (col) => col.notNull())
    .addColumn('recorded_at', timestamp, (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'privacy_preferences_kind_check',
      sql`kind in ('OBJECT_TO_DIRECT_MARKETING', 'DO_NOT_SELL_OR_SHARE')`,
    )
    .execute();
  await db.schema
    .createIndex('privacy_preferences_current_idx')
    .on('privacy_preferences')
    .columns(['customer_id', 'kind', 'seq desc'])
    .execute();
  await db.schema
    .createIndex('consent_records_receipt_idx')
    .on('consent_records')
    .columns(['customer_id', 'purpose', 'channel', 'seq desc'])
    .execute();
  await db.schema
    .createIndex('consent_records_history_receipt_idx')
    .on('consent_records')
    .columns(['customer_id', 'recorded_at desc', 'seq desc'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('consent_records_history_receipt_idx').execute();
  await db.schema.dropIndex('consent_records_receipt_idx').execute();
  await db.schema.dropTable('privacy_preferences').execute();
}
