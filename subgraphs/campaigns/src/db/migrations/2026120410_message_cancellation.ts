import { sql, type Kysely } from 'kysely';

// A withdrawal, an objection (and later an erasure) cancels queued messages before they are sent.
// Cancelled messages stay as evidence with a status and reason; nothing is deleted. The objection
// is kept in a read model of the owner's privacy preferences so later audiences and triggers skip it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('cart_reminders')
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('QUEUED'))
    .addColumn('cancelled_at', sql`timestamptz(3)`)
    .addColumn('cancellation_reason', 'text')
    // The customers event that caused the cancellation (ConsentChanged or PrivacyPreferenceChanged).
    .addColumn('cancelled_by_event', 'uuid')
    .execute();
  await db.schema
    .alterTable('cart_reminders')
    .addCheckConstraint(
      'cart_reminders_status_check',
      sql`(status = 'QUEUED' and cancelled_at is null and cancellation_reason is null) or (status = 'CANCELLED' and cancelled_at is not null and cancellation_reason in ('CONSENT_WITHDRAWN', 'OBJECTED_TO_DIRECT_MARKETING'))`,
    )
    .execute();
  // Cancelling looks up a customer's queued messages.
  await db.schema
    .createIndex('cart_reminders_customer_queued_idx')
    .on('cart_reminders')
    .columns(['customer_id', 'channel'])
    .where(sql<boolean>`status = 'QUEUED'`)
    .execute();

  // The current value of each privacy preference kind per customer, from PrivacyPreferenceChanged.
  await db.schema
    .createTable('privacy_state')
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('active', 'boolean', (col) => col.notNull())
    .addColumn('seq', 'bigint', (col) => col.notNull())
    .addColumn('event_id', 'uuid', (col) => col.notNull())
    .addPrimaryKeyConstraint('privacy_state_pk', ['customer_id', 'kind'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('privacy_state').execute();
  await db.schema.dropIndex('cart_reminders_customer_queued_idx').execute();
  await db.schema.alterTable('cart_reminders').dropConstraint('cart_reminders_status_check').execute();
  await db.schema
    .alterTable('cart_reminders')
    .dropColumn('status')
    .dropColumn('cancelled_at')
    .dropColumn('cancellation_reason')
    .dropColumn('cancelled_by_event')
    .execute();
}
