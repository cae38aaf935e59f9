// TRAIN_RECOMMENDATIONS: trains the served item-to-item model and evaluates a holdout one offline.
import type { Kysely } from 'kysely';
import type { JobHandler } from '../../../../shared/jobs/runner.js';
import type { OrdersDatabase } from '../db/database.js';
import type { SimilarityInput } from '../item-similarity.js';
import { trainRecommendations } from '../recommendations.js';

/** Resumable: a rerun trains new versions in one transaction. Result: the served model's version. */
export const trainRecommendationsJob = (db: Kysely<OrdersDatabase>): JobHandler<Required<SimilarityInput>> => ({
  kind: 'TRAIN_RECOMMENDATIONS',
  scope: 'analytics:run',
  resumable: true,
  run: async (job) => String((await trainRecommendations(db, job.params, undefined, job.progress)).servingModelVersion),
});
