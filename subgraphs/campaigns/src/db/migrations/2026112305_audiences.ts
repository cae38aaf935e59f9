import { sql, type Kysely } from 'kysely';

const timestamp = sql`timestamptz(3)`;

export async function up(db: Kysely<any>): Promise<void> {
  // The rule a campaign's next audience build evaluates.
  await db.schema
    .createTable('campaign_audience_rules')
    .addColumn('campaign_id', 'text', (col) => col.primaryKey().references('campaigns.id').onDelete('cascade'))
    .addColumn('segments', sql`text[]`, (col) => col.notNull())
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('country', 'text')
    .addColumn('min_predicted_value', sql`numeric(14,2)`)
    .addColumn('horizon_days', 'integer', (col) => col.notNull())
    .addColumn('updated_at', timestamp, (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  // One row per build: versions of a campaign's audience are kept, so a send list is reproducible.
  await db.schema
    .createTable('audiences')
    .addColumn('campaign_id', 'text', (col) => col.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('computed_at', timestamp, (col) => col.notNull())
    .addColumn('size', 'integer', (col) => col.notNull())
    .addColumn('rule', 'jsonb', (col) => col.notNull())
    .addPrimaryKeyConstraint('audiences_pk', ['campaign_id', 'version'])
    .execute();

  await db.schema
    .createTable('audience_members')
    .addColumn('campaign_id', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('audience_members_pk', ['campaign_id', 'version', 'customer_id'])
    .addForeignKeyConstraint(
      'audience_members_audience_fk',
      ['campaign_id', 'version'],
      'audiences',
      ['campaign_id', 'version'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audience_members').execute();
  await db.schema.dropTable('audiences').execute();
  await db.schema.dropTable('campaign_audience_rules').execute();
}
