import { NotFoundError } from '../../../../shared/errors.js';
import { previewAudience, type AudienceRuleInput } from '../audiences.js';
import { pageSize, toConnection } from '../../../../shared/pagination.js';
import { listCampaigns, rowToCampaign } from '../db/campaign.repository.js';
import type { CampaignStatus, MarketingChannel } from '../db/campaign.table.js';
import { funnel, type FunnelArgs } from '../funnel.js';
import type { CampaignsContext } from '../context.js';
import { attributionReport, storedAttributionReport, type AttributionArgs } from '../attribution-report.js';
import { registryJob, registryJobs } from '../job-registry.js';
import type { JobStatus } from '../../../../shared/jobs/job.table.js';
import { listQueuedMessages, rowToQueuedMessage } from '../db/cart-reminder.repository.js';
import { decodeTimeKey, timeKeyParts } from '../../../../shared/pagination.js';

interface CampaignsArgs {
  first?: number | null;
  after?: string | null;
  status?: CampaignStatus | null;
}

export const Query = {
  campaign: (_: unknown, { id }: { id: string }, { loaders }: CampaignsContext) => loaders.campaignById.load(id),

  attribution: (_: unknown, args: AttributionArgs, { db, graph }: CampaignsContext) =>
    attributionReport(db, graph, args),

  channelFunnel: (_: unknown, args: FunnelArgs & { channel: MarketingChannel }, { db }: CampaignsContext) =>
    funnel(db, args),

  audiencePreview: async (
    _: unknown,
    { campaignId, rule }: { campaignId: string; rule: AudienceRuleInput },
    { db, graph, loaders }: CampaignsContext,
  ) => {
    const campaign = await loaders.campaignById.load(campaignId);
    if (!campaign) throw new NotFoundError(`No campaign with id ${campaignId}`, { campaignId });
    return previewAudience(db, graph, campaign, rule);
  },

  attributionReport: (_: unknown, { id }: { id: string }, { db }: CampaignsContext) => storedAttributionReport(db, id),

  job: (_: unknown, { id }: { id: string }, { db, viewer }: CampaignsContext) => registryJob(db, viewer, id),

  jobs: (
    _: unknown,
    args: { kind?: string | null; status?: JobStatus | null; first?: number | null; after?: string | null },
    { db, viewer }: CampaignsContext,
  ) => registryJobs(db, viewer, args),

  queuedMessages: async (
    _: unknown,
    { first, after }: { first?: number | null; after?: string | null },
    { db }: CampaignsContext,
  ) => {
    const size = pageSize(first);
    const rows = await listQueuedMessages(db, size + 1, decodeTimeKey(after));
    return toConnection(rows, size, (row) => timeKeyParts(row.queued_at, row.id), rowToQueuedMessage);
  },

  campaigns: async (_: unknown, { first, after, status }: CampaignsArgs, { db, loaders }: CampaignsContext) => {
    const size = pageSize(first);
    const rows = await listCampaigns(db, { limit: size + 1, after: decodeTimeKey(after), status });
    const connection = toConnection(rows, size, (row) => timeKeyParts(row.created_at, row.id), rowToCampaign);
    for (const campaign of connection.nodes) loaders.campaignById.prime(campaign.id, campaign);
    return connection;
  },
};
