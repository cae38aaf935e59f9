// FIT_CHURN_MODEL: trains the churn model on the time split ending at asOf, scores every consenting customer and stores both as a new version.
import type { Kysely } from 'kysely';
import type { JobHandler } from '../../../../shared/jobs/runner.js';
import { fitChurnModel } from '../churn.js';
import type { OrdersDatabase } from '../db/database.js';

export interface FitChurnModelParams {
  asOf: string;
  horizonDays: number;
}

/** Resumable: a rerun only adds a newer version. Result: the model's version. */
export const fitChurnModelJob = (db: Kysely<OrdersDatabase>): JobHandler<FitChurnModelParams> => ({
  kind: 'FIT_CHURN_MODEL',
  scope: 'analytics:run',
  resumable: true,
  run: async (job) =>
    String((await fitChurnModel(db, new Date(job.params.asOf), job.params.horizonDays, new Date(), job)).version),
});
