import { sql, type Kysely } from 'kysely';

// The churn model and the behavioural clusters (issue 16), and the consent read model they honour.
// consent_states and privacy_states are this domain's copy of customers' ConsentChanged and
// PrivacyPreferenceChanged (the latest seq wins), so training and scoring can leave out customers
// who refused ANALYTICS or object to direct marketing without reading another domain's database.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('consent_states')
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('purpose', 'text', (col) => col.notNull())
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('seq', 'bigint', (col) => col.notNull())
    .addColumn('event_id', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('consent_states_pk', ['customer_id', 'purpose', 'channel'])
    .execute();
  await db.schema
    .createTable('privacy_states')
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('active', 'boolean', (col) => col.notNull())
    .addColumn('seq', 'bigint', (col) => col.notNull())
    .addColumn('event_id', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('privacy_states_pk', ['customer_id', 'kind'])
    .execute();

  await db.schema
    .createTable('churn_models')
    .addColumn('version', 'serial', (col) => col.primaryKey())
    .addColumn('fitted_at', sql`timestamptz(3)`, (col) => col.notNull())
    .addColumn('as_of', sql`timestamptz(3)`, (col) => col.notNull())
    .addColumn('horizon_days', 'integer', (col) => col.notNull())
    // Features as of cutoff (as_of − horizon), label: no purchase in (cutoff, as_of].
    .addColumn('cutoff', sql`timestamptz(3)`, (col) => col.notNull())
    .addColumn('model', 'jsonb', (col) => col.notNull())
    .addColumn('metrics', 'jsonb', (col) => col.notNull())
    .addColumn('scored_customers', 'integer', (col) => col.notNull())
    .addColumn('excluded_customers', 'integer', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('churn_scores')
    .addColumn('model_version', 'integer', (col) =>
      col.notNull().references('churn_models.version').onDelete('cascade'),
    )
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('probability', 'float8', (col) => col.notNull())
    .addColumn('band', 'text', (col) => col.notNull())
    .addColumn('factors', 'jsonb', (col) => col.notNull())
    .addPrimaryKeyConstraint('churn_scores_pk', ['model_version', 'customer_id'])
    .execute();
  // customersAtChurnRisk pages one band of one model by customer id.
  await db.schema
    .createIndex('churn_scores_band_idx')
    .on('churn_scores')
    .columns(['model_version', 'band', 'customer_id'])
    .execute();
  await db.schema.createIndex('churn_scores_customer_idx').on('churn_scores').column('customer_id').execute();

  await db.schema
    .createTable('cluster_models')
    .addColumn('version', 'serial', (col) => col.primaryKey())
    .addColumn('fitted_at', sql`timestamptz(3)`, (col) => col.notNull())
    .addColumn('as_of', sql`timestamptz(3)`, (col) => col.notNull())
    .addColumn('k', 'integer', (col) => col.notNull())
    .addColumn('seed', 'integer', (col) => col.notNull())
    .addColumn('chosen_by', 'text', (col) => col.notNull())
    .addColumn('silhouette', 'float8')
    .addColumn('candidates', 'jsonb', (col) => col.notNull())
    .addColumn('clusters', 'jsonb', (col) => col.notNull())
    .addColumn('customers', 'integer', (col) => col.notNull())
    .addColumn('excluded_customers', 'integer', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('cluster_assignments')
    .addColumn('model_version', 'integer', (col) =>
      col.notNull().references('cluster_models.version').onDelete('cascade'),
    )
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('cluster', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('cluster_assignments_pk', ['model_version', 'customer_id'])
    .execute();
  await db.schema
    .createIndex('cluster_assignments_cluster_idx')
    .on('cluster_assignments')
    .columns(['model_version', 'cluster', 'customer_id'])
    .execute();
  await db.schema
    .createIndex('cluster_assignments_customer_idx')
    .on('cluster_assignments')
    .column('customer_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'cluster_assignments',
    'cluster_models',
    'churn_scores',
    'churn_models',
    'privacy_states',
    'consent_states',
  ])
    await db.schema.dropTable(table).execute();
}
