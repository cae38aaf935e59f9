import { sql, type Kysely } from 'kysely';

// What a campaign cost, per day: ROAS and cost per acquisition divide attributed revenue and
// conversions by it. One row per campaign and day (recording a day again replaces it), exact amounts.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('campaign_spend')
    .addColumn('campaign_id', 'text', (col) => col.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('day', 'date', (col) => col.notNull())
    .addColumn('amount', 'numeric(12, 2)', (col) => col.notNull().check(sql`amount >= 0`))
    .addColumn('currency', 'text', (col) => col.notNull())
    .addColumn('recorded_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('campaign_spend_pk', ['campaign_id', 'day'])
    .execute();
  await db.schema.createIndex('campaign_spend_day').on('campaign_spend').columns(['day', 'campaign_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('campaign_spend').execute();
}
