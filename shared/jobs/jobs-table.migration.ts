// The jobs table as of 2026-12-04, for the migrations of every job-running domain. Frozen like a
// migration: it takes Kysely<any>, imports nothing of the application, and is never edited; a later
// change to the table is a new function that the domains' next migrations call.
import { sql, type Kysely } from 'kysely';

const timestamp = sql`timestamptz(3)`;

/** Creates the `jobs` table the shared runner works on, with its one-active-job-per-target index. */
export async function createJobsTable20261204(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('target', 'text', (col) => col.notNull())
    .addColumn('params', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('status', 'text', (col) =>
      col.notNull().check(sql`status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')`),
    )
    .addColumn('progress', 'double precision', (col) => col.notNull().defaultTo(0).check(sql`progress between 0 and 1`))
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', timestamp, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', timestamp)
    .addColumn('finished_at', timestamp)
    .addColumn('heartbeat_at', timestamp)
    .addColumn('error', 'text')
    .addColumn('result', 'text')
    .addColumn('cancel_requested', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();
  // One active job per (kind, target): a second start conflicts instead of running the work twice.
  await sql`create unique index jobs_one_active on jobs (kind, target) where status in ('QUEUED', 'RUNNING')`.execute(
    db,
  );
  // The runner's claims (oldest QUEUED) and its stale-heartbeat sweep read active rows only.
  await sql`create index jobs_active_by_age on jobs (status, created_at) where status in ('QUEUED', 'RUNNING')`.execute(
    db,
  );
}
