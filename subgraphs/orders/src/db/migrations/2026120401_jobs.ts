import type { Kysely } from 'kysely';
import { createJobsTable20261204 } from '../../../../../shared/jobs/jobs-table.migration.js';

// Long work (RFM refresh, model fit, rule mining) runs as jobs tracked here by the shared runner.
export async function up(db: Kysely<any>): Promise<void> {
  await createJobsTable20261204(db);
  // Listing this domain's jobs newest first (the registry in campaigns lists every domain's).
  await db.schema.createIndex('jobs_by_created_at').on('jobs').columns(['created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs').execute();
}
