// BUILD_AUDIENCE: evaluates a campaign's audience rule through the graph and stores the members as the next version.
import type { Kysely } from 'kysely';
import type { GraphClient } from '../../../../shared/graph-client.js';
import type { JobHandler } from '../../../../shared/jobs/runner.js';
import { buildAudience } from '../audiences.js';
import type { AudienceRule } from '../db/audience.table.js';
import type { CampaignsDatabase } from '../db/database.js';

export interface BuildAudienceParams {
  campaignId: string;
  /** The rule as it was when the build was asked for. */
  rule: AudienceRule;
}

/** Resumable: the members are stored in one transaction at the end, so a rerun starts clean. Result: the audience version. */
export const buildAudienceJob = (
  db: Kysely<CampaignsDatabase>,
  graph: GraphClient,
): JobHandler<BuildAudienceParams> => ({
  kind: 'BUILD_AUDIENCE',
  scope: 'analytics:run',
  resumable: true,
  run: async (job) =>
    String((await buildAudience(db, graph, job.params.campaignId, job.params.rule, undefined, job.progress)).version),
});
