import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Fits made before convergence was checked may be degenerate (b at 1e7–1e8 on the demo data): they
  // stay for inspection but are no longer served; the next fitClvModel replaces them.
  await db.schema
    .alterTable('clv_models')
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('NOT_CONVERGED'))
    .addColumn('status_reason', 'text', (col) => col.defaultTo('fitted before convergence was checked'))
    .addColumn('bg_status', 'text', (col) => col.notNull().defaultTo('NOT_CONVERGED'))
    .addColumn('bg_iterations', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('gg_status', 'text', (col) => col.notNull().defaultTo('NOT_CONVERGED'))
    .addColumn('gg_iterations', 'integer', (col) => col.notNull().defaultTo(0))
    // The calibration/holdout check: a fit on the data up to holdout_from, predicted vs actual purchases after it.
    .addColumn('holdout_from', sql`timestamptz(3)`)
    .addColumn('calibration', 'jsonb')
    .execute();
  await db.schema
    .createIndex('clv_models_served_idx')
    .on('clv_models')
    .columns(['as_of desc', 'fitted_at desc', 'id desc'])
    .where(sql.ref('status'), '=', 'CONVERGED')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('clv_models_served_idx').execute();
  await db.schema
    .alterTable('clv_models')
    .dropColumn('status')
    .dropColumn('status_reason')
    .dropColumn('bg_status')
    .dropColumn('bg_iterations')
    .dropColumn('gg_status')
    .dropColumn('gg_iterations')
    .dropColumn('holdout_from')
    .dropColumn('calibration')
    .execute();
}
