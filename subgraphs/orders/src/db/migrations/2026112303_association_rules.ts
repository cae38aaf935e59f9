import { sql, type Kysely } from 'kysely';

const timestamp = sql`timestamptz(3)`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('association_rule_runs')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('computed_at', timestamp, (col) => col.notNull())
    .addColumn('order_count', 'integer', (col) => col.notNull())
    .addColumn('min_support', 'float8', (col) => col.notNull())
    .addColumn('min_confidence', 'float8', (col) => col.notNull())
    .addColumn('max_itemset_size', 'integer', (col) => col.notNull())
    .addColumn('frequent_itemset_count', 'integer', (col) => col.notNull())
    .addColumn('rule_count', 'integer', (col) => col.notNull())
    .addColumn('duration_ms', 'integer', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('association_rules')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('run_id', 'integer', (col) => col.notNull().references('association_rule_runs.id').onDelete('cascade'))
    // Sorted skus, so an itemset has one spelling and "antecedent = these skus" is an equality.
    .addColumn('antecedent_skus', sql`text[]`, (col) => col.notNull())
    .addColumn('consequent_skus', sql`text[]`, (col) => col.notNull())
    .addColumn('support', 'float8', (col) => col.notNull())
    .addColumn('support_count', 'integer', (col) => col.notNull())
    .addColumn('confidence', 'float8', (col) => col.notNull())
    .addColumn('lift', 'float8', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('association_rules_rank_idx')
    .on('association_rules')
    .columns(['run_id', 'lift desc', 'confidence desc', 'id'])
    .execute();
  // Product.frequentlyBoughtWith: rules whose antecedent contains a sku (antecedent_skus @> array[sku]).
  await sql`create index association_rules_antecedent_idx on association_rules using gin (antecedent_skus)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('association_rules').execute();
  await db.schema.dropTable('association_rule_runs').execute();
}
