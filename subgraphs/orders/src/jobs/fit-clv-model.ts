// FIT_CLV_MODEL: fits BG/NBD and Gamma-Gamma on the purchases up to a date and stores the model.
import type { Kysely } from 'kysely';
import type { JobHandler } from '../../../../shared/jobs/runner.js';
import type { OrdersDatabase } from '../db/database.js';
import { fitClvModel } from '../lifetime-value.js';

export interface FitClvModelParams {
  asOf: string;
}

/** Resumable: a rerun only adds a newer model. Result: the model's fittedAt. */
export const fitClvModelJob = (db: Kysely<OrdersDatabase>): JobHandler<FitClvModelParams> => ({
  kind: 'FIT_CLV_MODEL',
  scope: 'analytics:run',
  resumable: true,
  run: async (job) => (await fitClvModel(db, new Date(job.params.asOf), new Date(), job)).fittedAt.toISOString(),
});
