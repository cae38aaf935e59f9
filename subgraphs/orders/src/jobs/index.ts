import type { Kysely } from 'kysely';
import type { JobsDatabase } from '../../../../shared/jobs/job.table.js';
import { JobRunner, type JobChangedSink, type JobRunnerOptions } from '../../../../shared/jobs/runner.js';
import type { Logger } from '../../../../shared/logger.js';
import type { OrdersDatabase } from '../db/database.js';
import { fitClvModelJob } from './fit-clv-model.js';
import { fitChurnModelJob } from './fit-churn-model.js';
import { fitCustomerClustersJob } from './fit-customer-clusters.js';
import { mineAssociationRulesJob } from './mine-association-rules.js';
import { refreshRfmJob } from './refresh-rfm.js';
import { trainRecommendationsJob } from './train-recommendations.js';

export interface OrdersJobDeps {
  db: Kysely<OrdersDatabase>;
  logger?: Logger;
  /**
   * Where JobChanged goes, in the transaction of the change. The events outbox belongs here once it
   * exists; until then nothing outside this domain learns of its jobs (see docs/operations.md).
   */
  onJobChanged?: JobChangedSink;
  /** Heartbeat and polling intervals (tests shorten them). */
  jobTiming?: Pick<JobRunnerOptions, 'heartbeatMs' | 'staleAfterMs' | 'pollMs'>;
}

/** The orders domain's analytics jobs on the shared runner. */
export function createOrdersJobRunner(deps: OrdersJobDeps): JobRunner {
  return new JobRunner({
    domain: 'orders',
    db: deps.db as unknown as Kysely<JobsDatabase>,
    handlers: [
      refreshRfmJob(deps.db),
      fitClvModelJob(deps.db),
      mineAssociationRulesJob(deps.db),
      fitChurnModelJob(deps.db),
      fitCustomerClustersJob(deps.db),
      trainRecommendationsJob(deps.db),
    ],
    onChanged: deps.onJobChanged,
    logger: deps.logger,
    ...deps.jobTiming,
  });
}
