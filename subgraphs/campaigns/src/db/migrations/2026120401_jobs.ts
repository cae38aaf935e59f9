import { sql, type Kysely } from 'kysely';
import { createJobsTable20261204 } from '../../../../../shared/jobs/jobs-table.migration.js';

const timestamp = sql`timestamptz(3)`;

export async function up(db: Kysely<any>): Promise<void> {
  // This domain's own long work (audience builds, long attribution windows, the cart-reminder run), run by the shared runner.
  await createJobsTable20261204(db);

  // The registry of every domain's jobs, built from their JobChanged events; Query.job and Query.jobs read it.
  await db.schema
    .createTable('job_registry')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('domain', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('target', 'text', (col) => col.notNull())
    .addColumn('scope', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('progress', 'double precision', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('started_at', timestamp)
    .addColumn('finished_at', timestamp)
    .addColumn('error', 'text')
    .addColumn('result', 'text')
    .addColumn('cancel_requested', 'boolean', (col) => col.notNull().defaultTo(false))
    // The owner's change counter of the last event applied: an older event never overwrites a newer one.
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('updated_at', timestamp, (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('job_registry_newest')
    .on('job_registry')
    .columns(['created_at desc', 'id desc'])
    .execute();

  // Reports of attribution jobs, read by id (the job's result).
  await db.schema
    .createTable('attribution_reports')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('job_id', 'uuid', (col) => col.notNull())
    .addColumn('computed_at', timestamp, (col) => col.notNull())
    .addColumn('report', 'jsonb', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('attribution_reports').execute();
  await db.schema.dropTable('job_registry').execute();
  await db.schema.dropTable('jobs').execute();
}
