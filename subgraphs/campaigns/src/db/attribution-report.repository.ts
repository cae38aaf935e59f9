import type { Kysely, Transaction } from 'kysely';
import type { StoredAttributionReport } from './attribution-report.table.js';
import type { CampaignsDatabase } from './database.js';

type Db = Kysely<CampaignsDatabase> | Transaction<CampaignsDatabase>;

export async function insertAttributionReport(
  db: Db,
  row: { id: string; jobId: string; computedAt: Date; report: StoredAttributionReport },
): Promise<void> {
  await db
    .insertInto('attribution_reports')
    .values({ id: row.id, job_id: row.jobId, computed_at: row.computedAt, report: JSON.stringify(row.report) })
    .execute();
}

export async function findAttributionReport(db: Db, id: string) {
  return db.selectFrom('attribution_reports').selectAll().where('id', '=', id).executeTakeFirst();
}
