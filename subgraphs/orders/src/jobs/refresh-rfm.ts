// REFRESH_RFM: scores every customer with orders as of a date and stores the snapshot.
import type { Kysely } from 'kysely';
import type { JobHandler } from '../../../../shared/jobs/runner.js';
import type { OrdersDatabase } from '../db/database.js';
import { refreshRfm } from '../rfm.js';

export interface RefreshRfmParams {
  asOf: string;
}

/** Resumable: a rerun replaces the snapshot for the same asOf in one transaction. Result: the snapshot's asOf. */
export const refreshRfmJob = (db: Kysely<OrdersDatabase>): JobHandler<RefreshRfmParams> => ({
  kind: 'REFRESH_RFM',
  scope: 'analytics:run',
  resumable: true,
  run: async (job) => (await refreshRfm(db, new Date(job.params.asOf), new Date(), job.progress)).asOf.toISOString(),
});
