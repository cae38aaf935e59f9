import { sql, type Kysely } from 'kysely';

const timestamp = sql`timestamptz(3)`;

export async function up(db: Kysely<any>): Promise<void> {
  // Every fit is kept (one small row each): the parameters a prediction used stay inspectable.
  await db.schema
    .createTable('clv_models')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('fitted_at', timestamp, (col) => col.notNull())
    .addColumn('as_of', timestamp, (col) => col.notNull())
    .addColumn('customers', 'integer', (col) => col.notNull())
    .addColumn('r', 'float8', (col) => col.notNull())
    .addColumn('alpha', 'float8', (col) => col.notNull())
    .addColumn('a', 'float8', (col) => col.notNull())
    .addColumn('b', 'float8', (col) => col.notNull())
    .addColumn('bg_log_likelihood', 'float8', (col) => col.notNull())
    .addColumn('p', 'float8', (col) => col.notNull())
    .addColumn('q', 'float8', (col) => col.notNull())
    .addColumn('gamma', 'float8', (col) => col.notNull())
    .addColumn('gg_log_likelihood', 'float8', (col) => col.notNull())
    .addColumn('gg_customers', 'integer', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('clv_models_fitted_idx')
    .on('clv_models')
    .columns(['fitted_at desc', 'id desc'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('clv_models').execute();
}
