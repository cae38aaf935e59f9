import type { Kysely } from 'kysely';

// Audience rules can also target the orders domain's churn bands and behavioural clusters (issue 16),
// read through the graph like the RFM segments; null means "any".
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('campaign_audience_rules')
    .addColumn('churn_bands', 'jsonb')
    .addColumn('clusters', 'jsonb')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaign_audience_rules').dropColumn('churn_bands').dropColumn('clusters').execute();
}
