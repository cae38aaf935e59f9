import { sql, type Kysely } from 'kysely';

const timestamp = sql`timestamptz(3)`;

export async function up(db: Kysely<any>): Promise<void> {
  // A reminder is a SEND touchpoint, so attribution and experiments see it like any other contact.
  await db.schema.alterTable('touchpoints').dropConstraint('touchpoints_kind_check').execute();
  await db.schema
    .alterTable('touchpoints')
    .addCheckConstraint('touchpoints_kind_check', sql`kind in ('IMPRESSION', 'CLICK', 'OPEN', 'SEND')`)
    .execute();

  await db.schema
    .createTable('cart_reminders')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('cart_id', 'text', (col) => col.notNull())
    .addColumn('cart_activity_at', timestamp, (col) => col.notNull())
    .addColumn('items', 'jsonb', (col) => col.notNull())
    .addColumn('discount_code', 'text', (col) => col.notNull())
    .addColumn('discount_percent_off', sql`numeric(5,2)`, (col) => col.notNull())
    .addColumn('discount_valid_until', timestamp, (col) => col.notNull())
    .addColumn('queued_at', timestamp, (col) => col.notNull())
    // Set in the same transaction as the insert; nullable only because the touchpoint is written second.
    .addColumn('touchpoint_id', 'text', (col) => col.references('touchpoints.id'))
    .addCheckConstraint('cart_reminders_channel_check', sql`channel in ('EMAIL', 'SMS', 'PUSH')`)
    // At most one reminder per cart activity, whatever the number of trigger runs, restarts or instances.
    .addUniqueConstraint('cart_reminders_activity_unique', ['cart_id', 'cart_activity_at'])
    .execute();
  await db.schema
    .createIndex('cart_reminders_queued_idx')
    .on('cart_reminders')
    .columns(['queued_at desc', 'id desc'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cart_reminders').execute();
  await sql`delete from touchpoints where kind = 'SEND'`.execute(db);
  await db.schema.alterTable('touchpoints').dropConstraint('touchpoints_kind_check').execute();
  await db.schema
    .alterTable('touchpoints')
    .addCheckConstraint('touchpoints_kind_check', sql`kind in ('IMPRESSION', 'CLICK', 'OPEN')`)
    .execute();
}
