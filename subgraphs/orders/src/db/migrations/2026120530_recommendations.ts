import { sql, type Kysely } from 'kysely';

// Recommendations (issue 16): each product's category in product_states (for repeat-purchase
// categories), and versioned item-to-item models with their popularity, category repurchase rates
// and offline evaluations.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('product_states').addColumn('category', 'text').execute();

  await db.schema
    .createTable('recommendation_models')
    .addColumn('version', 'serial', (col) => col.primaryKey())
    // SERVING models answer Customer.recommendationCandidates; HOLDOUT ones are trained without each
    // customer's last order for the offline evaluation only.
    .addColumn('purpose', 'text', (col) => col.notNull())
    .addColumn('trained_at', 'timestamptz', (col) => col.notNull())
    .addColumn('as_of', 'timestamptz', (col) => col.notNull())
    .addColumn('half_life_days', 'double precision', (col) => col.notNull())
    .addColumn('min_co_customers', 'integer', (col) => col.notNull())
    .addColumn('neighbours', 'integer', (col) => col.notNull())
    .addColumn('customer_count', 'integer', (col) => col.notNull())
    .addColumn('item_count', 'integer', (col) => col.notNull())
    .addColumn('pair_count', 'integer', (col) => col.notNull())
    .addColumn('duration_ms', 'integer', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('item_similarities')
    .addColumn('model_version', 'integer', (col) =>
      col.notNull().references('recommendation_models.version').onDelete('cascade'),
    )
    .addColumn('sku', 'text', (col) => col.notNull())
    .addColumn('neighbour_sku', 'text', (col) => col.notNull())
    .addColumn('score', 'double precision', (col) => col.notNull())
    .addColumn('co_customers', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('item_similarities_pk', ['model_version', 'sku', 'neighbour_sku'])
    .execute();
  await db.schema
    .createTable('item_popularity')
    .addColumn('model_version', 'integer', (col) =>
      col.notNull().references('recommendation_models.version').onDelete('cascade'),
    )
    .addColumn('sku', 'text', (col) => col.notNull())
    .addColumn('score', 'double precision', (col) => col.notNull())
    .addColumn('customers', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('item_popularity_pk', ['model_version', 'sku'])
    .execute();
  await db.schema
    .createTable('category_repurchase')
    .addColumn('model_version', 'integer', (col) =>
      col.notNull().references('recommendation_models.version').onDelete('cascade'),
    )
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('buyers', 'integer', (col) => col.notNull())
    .addColumn('repurchasers', 'integer', (col) => col.notNull())
    .addColumn('rate', 'double precision', (col) => col.notNull())
    .addColumn('repeat_purchase', 'boolean', (col) => col.notNull())
    .addPrimaryKeyConstraint('category_repurchase_pk', ['model_version', 'category'])
    .execute();
  await db.schema
    .createTable('recommendation_evaluations')
    .addColumn('model_version', 'integer', (col) =>
      col.notNull().references('recommendation_models.version').onDelete('cascade'),
    )
    .addColumn('strategy', 'text', (col) => col.notNull())
    .addColumn('evaluated_at', 'timestamptz', (col) => col.notNull())
    .addColumn('customer_count', 'integer', (col) => col.notNull())
    .addColumn('hit_rate_at_5', 'double precision', (col) => col.notNull())
    .addColumn('recall_at_10', 'double precision', (col) => col.notNull())
    .addPrimaryKeyConstraint('recommendation_evaluations_pk', ['model_version', 'strategy'])
    .execute();
  await sql`create index recommendation_models_latest on recommendation_models (purpose, version desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'recommendation_evaluations',
    'category_repurchase',
    'item_popularity',
    'item_similarities',
    'recommendation_models',
  ])
    await db.schema.dropTable(table).execute();
  await db.schema.alterTable('product_states').dropColumn('category').execute();
}
