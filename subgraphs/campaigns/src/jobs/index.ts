import type { Kysely, Transaction } from 'kysely';
import type { GraphClient } from '../../../../shared/graph-client.js';
import type { JobCancelRequested } from '../../../../shared/jobs/events.js';
import type { JobsDatabase } from '../../../../shared/jobs/job.table.js';
import { JobRunner, type JobRunnerOptions } from '../../../../shared/jobs/runner.js';
import type { Logger } from '../../../../shared/logger.js';
import type { CampaignsDatabase } from '../db/database.js';
import { applyJobChanged } from '../job-registry.js';
import type { CampaignsSettings } from '../settings.js';
import { attributionJob } from './attribution.js';
import { buildAudienceJob } from './build-audience.js';
import { cartRemindersJob } from './cart-reminders.js';

/** Where a JobCancelRequested for another domain's job goes, in the transaction that records the request. */
export type JobCancelRequestedSink = (trx: Transaction<CampaignsDatabase>, event: JobCancelRequested) => Promise<void>;

export interface CampaignsJobDeps {
  db: Kysely<CampaignsDatabase>;
  graph: GraphClient;
  settings: CampaignsSettings;
  logger?: Logger;
  jobTiming?: Pick<JobRunnerOptions, 'heartbeatMs' | 'staleAfterMs' | 'pollMs'>;
}

/**
 * The campaigns domain's jobs on the shared runner. Their JobChanged events feed this domain's own
 * job registry directly, in the transaction of the change (same database; no transport needed).
 */
export function createCampaignsJobRunner(deps: CampaignsJobDeps): JobRunner {
  return new JobRunner({
    domain: 'campaigns',
    db: deps.db as unknown as Kysely<JobsDatabase>,
    handlers: [
      buildAudienceJob(deps.db, deps.graph),
      attributionJob(deps.db, deps.graph),
      cartRemindersJob({ db: deps.db, graph: deps.graph, settings: deps.settings.cartReminders, logger: deps.logger }),
    ],
    onChanged: async (trx, event) =>
      void (await applyJobChanged(trx as unknown as Transaction<CampaignsDatabase>, event)),
    logger: deps.logger,
    ...deps.jobTiming,
  });
}
