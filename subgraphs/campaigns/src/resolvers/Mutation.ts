import { createCampaign, updateCampaign, type SavedCampaign } from '../campaigns.js';
import { rowToJob } from '../../../../shared/jobs/graphql.js';
import { validateAttributionArgs } from '../attribution-report.js';
import { cancelJob } from '../job-registry.js';
import { attributionTarget } from '../jobs/attribution.js';
import { found, NotFoundError } from '../../../../shared/errors.js';
import { requireAudienceRule, setAudienceRule } from '../audiences.js';
import { setCampaignVariants } from '../experiments.js';
import type { CampaignsContext } from '../context.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';
import { recordTouchpoint } from '../touchpoints.js';
import { recordCampaignSpend } from '../spend.js';

// The loaders may already hold the campaign from earlier in this request: replace what they know.
function remember({ campaign, promotedSkus }: SavedCampaign, { loaders }: CampaignsContext) {
  loaders.campaignById.clear(campaign.id).prime(campaign.id, campaign);
  if (promotedSkus) loaders.promotedSkusByCampaignId.clear(campaign.id).prime(campaign.id, promotedSkus);
  return campaign;
}

export const Mutation: MutationResolvers = {
  createCampaign: async (_, { input }, ctx) => remember(await createCampaign(ctx.db, input), ctx),

  updateCampaign: async (_, { id, input }, ctx) => remember(await updateCampaign(ctx.db, id, input), ctx),

  recordTouchpoint: (_, { input }, { db, graph }) => recordTouchpoint(db, graph, input),

  recordCampaignSpend: (_, { input }, { db }) => recordCampaignSpend(db, input),

  setCampaignVariants: async (_, { campaignId, variants, exposureKinds }, { db, loaders }) => {
    const saved = await setCampaignVariants(db, campaignId, variants, exposureKinds);
    loaders.variantsByCampaignId.clear(campaignId).prime(campaignId, saved);
    return found(await loaders.campaignById.load(campaignId), `No campaign with id ${campaignId}`);
  },

  setAudienceRule: async (_, { campaignId, rule }, { db, loaders }) => {
    const campaign = await loaders.campaignById.load(campaignId);
    if (!campaign)
      throw new NotFoundError(`No campaign with id ${campaignId}`, { campaignId, argumentName: 'campaignId' });
    loaders.audienceRuleByCampaignId.clear(campaignId).prime(campaignId, await setAudienceRule(db, campaign, rule));
    return campaign;
  },

  // The long mutations validate, start a job and answer at once; arguments are checked before any row is written.
  buildAudience: async (_, { campaignId }, { jobs, loaders, viewer }) => {
    if (!(await loaders.campaignById.load(campaignId)))
      throw new NotFoundError(`No campaign with id ${campaignId}`, { campaignId, argumentName: 'campaignId' });
    const rule = await loaders.audienceRuleByCampaignId.load(campaignId);
    requireAudienceRule(campaignId, rule);
    return rowToJob(
      await jobs.start({ kind: 'BUILD_AUDIENCE', target: campaignId, params: { campaignId, rule }, viewer }),
    );
  },

  runCartReminderTrigger: async (_, __, { jobs, viewer }) =>
    rowToJob(await jobs.start({ kind: 'CART_REMINDERS', target: 'all', params: {}, viewer })),

  startAttribution: async (_, args, { jobs, viewer }) => {
    const { model, from, to, lookbackDays } = validateAttributionArgs(args);
    const params = { model, from: from.toISOString(), to: to.toISOString(), lookbackDays };
    return rowToJob(await jobs.start({ kind: 'ATTRIBUTION', target: attributionTarget(params), params, viewer }));
  },

  cancelJob: (_, { id }, { db, jobs, onJobCancelRequested, viewer }) =>
    cancelJob({ db, jobs, onCancelRequested: onJobCancelRequested }, viewer, id),
};
