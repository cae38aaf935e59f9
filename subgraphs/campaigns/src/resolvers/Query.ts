import { NotFoundError } from '../../../../shared/errors.js';
import { previewAudience } from '../audiences.js';
import { decodeTimeKey, pageSize, timeKeyParts, toConnection } from '../../../../shared/pagination.js';
import { attributionReport, storedAttributionReport } from '../attribution-report.js';
import { listCampaigns, rowToCampaign } from '../db/campaign.repository.js';
import { listQueuedMessages, rowToQueuedMessage } from '../db/cart-reminder.repository.js';
import { funnel } from '../funnel.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { registryJob, registryJobs } from '../job-registry.js';

export const Query: QueryResolvers = {
  campaign: (_, { id }, { loaders }) => loaders.campaignById.load(id),

  attribution: (_, args, { db, graph }) => attributionReport(db, graph, args),

  channelFunnel: (_, args, { db }) => funnel(db, args),

  attributionReport: (_, { id }, { db }) => storedAttributionReport(db, id),

  job: (_, { id }, { db, viewer }) => registryJob(db, viewer, id),

  audiencePreview: async (_, { campaignId, rule }, { db, graph, loaders }) => {
    const campaign = await loaders.campaignById.load(campaignId);
    if (!campaign)
      throw new NotFoundError(`No campaign with id ${campaignId}`, { campaignId, argumentName: 'campaignId' });
    return previewAudience(db, graph, campaign, rule);
  },

  jobs: (_, args, { db, viewer }) => registryJobs(db, viewer, args),

  queuedMessages: async (_, { first, after }, { db }) => {
    const size = pageSize(first);
    const rows = await listQueuedMessages(db, size + 1, decodeTimeKey(after));
    return toConnection(rows, size, (row) => timeKeyParts(row.queued_at, row.id), rowToQueuedMessage);
  },

  campaigns: async (_, { first, after, status }, { db, loaders }) => {
    const size = pageSize(first);
    const rows = await listCampaigns(db, { limit: size + 1, after: decodeTimeKey(after), status });
    const connection = toConnection(rows, size, (row) => timeKeyParts(row.created_at, row.id), rowToCampaign);
    for (const campaign of connection.nodes) loaders.campaignById.prime(campaign.id, campaign);
    return connection;
  },
};
