// FIT_CUSTOMER_CLUSTERS: k-means over every consenting customer's behaviour as of asOf, stored as a new version with every assignment.
import type { Kysely } from 'kysely';
import type { JobHandler } from '../../../../shared/jobs/runner.js';
import { fitCustomerClusters } from '../clusters.js';
import type { OrdersDatabase } from '../db/database.js';

export interface FitCustomerClustersParams {
  asOf: string;
  k: number | null;
  seed: number;
}

/** Resumable: a rerun only adds a newer version. Result: the clustering's version. */
export const fitCustomerClustersJob = (db: Kysely<OrdersDatabase>): JobHandler<FitCustomerClustersParams> => ({
  kind: 'FIT_CUSTOMER_CLUSTERS',
  scope: 'analytics:run',
  resumable: true,
  run: async (job) =>
    String((await fitCustomerClusters(db, new Date(job.params.asOf), job.params, new Date(), job)).version),
});
