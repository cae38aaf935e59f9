import { sql, type Kysely } from 'kysely';

const timestamp = sql`timestamptz(3)`;

// Queued messages are now delivered (a delivery worker claims them, re-checks consent with its owner
// and sends them through a MessageSender), and a message's SEND touchpoint is written when delivery
// succeeds instead of when it is queued: a cancelled or failed message earns no attribution credit.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('cart_reminders')
    // Delivery attempts made so far (a claim counts as one), and when the next one is due.
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', timestamp)
    // A worker's claim: the token it finishes with, and when an unfinished claim (a crashed worker) lapses.
    .addColumn('claim_token', 'uuid')
    .addColumn('claimed_until', timestamp)
    .addColumn('sent_at', timestamp)
    .addColumn('failed_at', timestamp)
    .addColumn('last_error', 'text')
    .execute();
  await sql`update cart_reminders set next_attempt_at = queued_at`.execute(db);
  await db.schema
    .alterTable('cart_reminders')
    .alterColumn('next_attempt_at', (col) => col.setNotNull())
    .execute();
  // Nothing was ever delivered: the SEND touchpoints written at queue time are taken back, so the
  // messages cancelled meanwhile stop earning credit; the queued ones get theirs when they are sent.
  await sql`
    with taken as (
      update cart_reminders set touchpoint_id = null where touchpoint_id is not null returning touchpoint_id as id
    )
    delete from touchpoints where id in (select id from taken)`.execute(db);
  await db.schema.alterTable('cart_reminders').dropConstraint('cart_reminders_status_check').execute();
  await db.schema
    .alterTable('cart_reminders')
    .addCheckConstraint(
      'cart_reminders_status_check',
      sql`(status in ('QUEUED', 'SENDING', 'FAILED') and cancelled_at is null and cancellation_reason is null and sent_at is null and touchpoint_id is null)
        or (status = 'SENT' and sent_at is not null and touchpoint_id is not null and cancelled_at is null)
        or (status = 'CANCELLED' and cancelled_at is not null and sent_at is null and touchpoint_id is null
            and cancellation_reason in ('CONSENT_WITHDRAWN', 'OBJECTED_TO_DIRECT_MARKETING', 'NOT_CONTACTABLE_AT_SEND'))`,
    )
    .execute();
  // The worker's claim looks up due messages (and lapsed claims) in due order.
  await db.schema
    .createIndex('cart_reminders_due_idx')
    .on('cart_reminders')
    .columns(['next_attempt_at'])
    .where(sql<boolean>`status in ('QUEUED', 'SENDING')`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cart_reminders_due_idx').execute();
  await db.schema.alterTable('cart_reminders').dropConstraint('cart_reminders_status_check').execute();
  // Sent and failed messages cannot be told apart from queued ones by the older schema.
  await sql`update cart_reminders set status = 'QUEUED' where status in ('SENDING', 'SENT', 'FAILED')`.execute(db);
  await sql`update cart_reminders set status = 'CANCELLED', cancellation_reason = 'CONSENT_WITHDRAWN' where cancellation_reason = 'NOT_CONTACTABLE_AT_SEND'`.execute(
    db,
  );
  await db.schema
    .alterTable('cart_reminders')
    .addCheckConstraint(
      'cart_reminders_status_check',
      sql`(status = 'QUEUED' and cancelled_at is null and cancellation_reason is null) or (status = 'CANCELLED' and cancelled_at is not null and cancellation_reason in ('CONSENT_WITHDRAWN', 'OBJECTED_TO_DIRECT_MARKETING'))`,
    )
    .execute();
  await db.schema
    .alterTable('cart_reminders')
    .dropColumn('attempts')
    .dropColumn('next_attempt_at')
    .dropColumn('claim_token')
    .dropColumn('claimed_until')
    .dropColumn('sent_at')
    .dropColumn('failed_at')
    .dropColumn('last_error')
    .execute();
}
