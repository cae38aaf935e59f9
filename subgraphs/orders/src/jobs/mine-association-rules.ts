// MINE_ASSOCIATION_RULES: mines frequent itemsets and rules from every basket and stores them as the latest run.
import type { Kysely } from 'kysely';
import type { JobHandler } from '../../../../shared/jobs/runner.js';
import { mineAssociationRules, type MiningInput } from '../cross-sell.js';
import type { OrdersDatabase } from '../db/database.js';

/** Resumable: a rerun replaces the run in one transaction. Result: the run's computedAt. */
export const mineAssociationRulesJob = (db: Kysely<OrdersDatabase>): JobHandler<Required<MiningInput>> => ({
  kind: 'MINE_ASSOCIATION_RULES',
  scope: 'analytics:run',
  resumable: true,
  run: async (job) => (await mineAssociationRules(db, job.params, undefined, job.progress)).computedAt.toISOString(),
});
