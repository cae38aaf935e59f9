import { sql, type Kysely } from 'kysely';

// Timestamps are timestamptz(3): millisecond precision, the precision of a JS Date and of the
// DateTime scalar. A keyset cursor then carries the exact stored value, so `(occurred_at, id) < cursor`
// never skips or repeats a row that a microsecond-precise now() would have put between two pages.
const timestamp = sql`timestamptz(3)`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('starts_at', timestamp)
    .addColumn('ends_at', timestamp)
    .addColumn('budget', sql`numeric(12,2)`, (col) => col.check(sql`budget >= 0`))
    .addColumn('created_at', timestamp, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', timestamp, (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'campaigns_channel_check',
      sql`channel in ('EMAIL', 'SMS', 'PUSH', 'SOCIAL', 'SEARCH', 'DISPLAY')`,
    )
    .addCheckConstraint(
      'campaigns_status_check',
      sql`status in ('DRAFT', 'SCHEDULED', 'ACTIVE', 'PAUSED', 'COMPLETED')`,
    )
    .addCheckConstraint('campaigns_schedule_check', sql`ends_at > starts_at`)
    .execute();
  // campaigns(first, after, status): newest first, with and without the status filter.
  await db.schema
    .createIndex('campaigns_created_idx')
    .on('campaigns')
    .columns(['created_at desc', 'id desc'])
    .execute();
  await db.schema
    .createIndex('campaigns_status_created_idx')
    .on('campaigns')
    .columns(['status', 'created_at desc', 'id desc'])
    .execute();

  await db.schema
    .createTable('campaign_promoted_skus')
    .addColumn('campaign_id', 'text', (col) => col.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('sku', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('campaign_promoted_skus_pk', ['campaign_id', 'position'])
    .addUniqueConstraint('campaign_promoted_skus_sku_unique', ['campaign_id', 'sku'])
    .execute();

  await db.schema
    .createTable('touchpoints')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('campaign_id', 'text', (col) => col.notNull().references('campaigns.id'))
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('occurred_at', timestamp, (col) => col.notNull())
    .addCheckConstraint(
      'touchpoints_channel_check',
      sql`channel in ('EMAIL', 'SMS', 'PUSH', 'SOCIAL', 'SEARCH', 'DISPLAY')`,
    )
    .addCheckConstraint('touchpoints_kind_check', sql`kind in ('IMPRESSION', 'CLICK', 'OPEN')`)
    .execute();
  // Customer.touchpoints and Campaign.touchpoints: newest first per owner.
  await db.schema
    .createIndex('touchpoints_customer_idx')
    .on('touchpoints')
    .columns(['customer_id', 'occurred_at desc', 'id desc'])
    .execute();
  await db.schema
    .createIndex('touchpoints_campaign_idx')
    .on('touchpoints')
    .columns(['campaign_id', 'occurred_at desc', 'id desc'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('touchpoints').execute();
  await db.schema.dropTable('campaign_promoted_skus').execute();
  await db.schema.dropTable('campaigns').execute();
}
