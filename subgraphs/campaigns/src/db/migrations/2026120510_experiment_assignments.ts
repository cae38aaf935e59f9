import { sql, type Kysely } from 'kysely';

// A/B assignments are recorded at a customer's first exposure and never re-derived: changing the
// variants later (setCampaignVariants) must not re-bucket history. The experiment also declares
// which touchpoint kinds count as an exposure (a SEND is not one: the customer may never see it).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('campaign_experiments')
    .addColumn('campaign_id', 'text', (col) => col.primaryKey().references('campaigns.id').onDelete('cascade'))
    .addColumn('exposure_kinds', 'jsonb', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('experiment_assignments')
    .addColumn('campaign_id', 'text', (col) => col.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (col) => col.notNull())
    // A key, not a reference: the variant may be removed later and the assignment still stands.
    .addColumn('variant_key', 'text', (col) => col.notNull())
    // The earliest exposure of a declared kind: a backdated touchpoint moves it earlier, never the variant.
    .addColumn('exposed_at', 'timestamptz', (col) => col.notNull())
    .addColumn('assigned_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('experiment_assignments_pk', ['campaign_id', 'customer_id'])
    .execute();
  await db.schema
    .createIndex('experiment_assignments_exposed')
    .on('experiment_assignments')
    .columns(['campaign_id', 'exposed_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('experiment_assignments').execute();
  await db.schema.dropTable('campaign_experiments').execute();
}
