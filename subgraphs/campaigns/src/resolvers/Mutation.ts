import {
  createCampaign,
  updateCampaign,
  type CreateCampaignInput,
  type SavedCampaign,
  type UpdateCampaignInput,
} from '../campaigns.js';
import { rowToJob } from '../../../../shared/jobs/graphql.js';
import { validateAttributionArgs, type AttributionArgs } from '../attribution-report.js';
import { cancelJob } from '../job-registry.js';
import { attributionTarget } from '../jobs/attribution.js';
import { NotFoundError } from '../../../../shared/errors.js';
import { requireAudienceRule, setAudienceRule, type AudienceRuleInput } from '../audiences.js';
import { setCampaignVariants, type CampaignVariantInput } from '../experiments.js';
import type { CampaignsContext } from '../context.js';
import type { TouchpointKind } from '../db/touchpoint.table.js';
import { recordTouchpoint, type RecordTouchpointInput } from '../touchpoints.js';
import { recordCampaignSpend, type RecordCampaignSpendInput } from '../spend.js';

// The loaders may already hold the campaign from earlier in this request: replace what they know.
function remember({ campaign, promotedSkus }: SavedCampaign, { loaders }: CampaignsContext) {
  loaders.campaignById.clear(campaign.id).prime(campaign.id, campaign);
  if (promotedSkus) loaders.promotedSkusByCampaignId.clear(campaign.id).prime(campaign.id, promotedSkus);
  return campaign;
}

export const Mutation = {
  createCampaign: async (_: unknown, { input }: { input: CreateCampaignInput }, ctx: CampaignsContext) =>
    remember(await createCampaign(ctx.db, input), ctx),

  updateCampaign: async (
    _: unknown,
    { id, input }: { id: string; input: UpdateCampaignInput },
    ctx: CampaignsContext,
  ) => remember(await updateCampaign(ctx.db, id, input), ctx),

  recordTouchpoint: (_: unknown, { input }: { input: RecordTouchpointInput }, { db, graph }: CampaignsContext) =>
    recordTouchpoint(db, graph, input),

  recordCampaignSpend: (_: unknown, { input }: { input: RecordCampaignSpendInput }, { db }: CampaignsContext) =>
    recordCampaignSpend(db, input),

  setCampaignVariants: async (
    _: unknown,
    {
      campaignId,
      variants,
      exposureKinds,
    }: { campaignId: string; variants: CampaignVariantInput[]; exposureKinds?: TouchpointKind[] | null },
    { db, loaders }: CampaignsContext,
  ) => {
    const saved = await setCampaignVariants(db, campaignId, variants, exposureKinds);
    loaders.variantsByCampaignId.clear(campaignId).prime(campaignId, saved);
    return loaders.campaignById.load(campaignId);
  },

  setAudienceRule: async (
    _: unknown,
    { campaignId, rule }: { campaignId: string; rule: AudienceRuleInput },
    { db, loaders }: CampaignsContext,
  ) => {
    const campaign = await loaders.campaignById.load(campaignId);
    if (!campaign)
      throw new NotFoundError(`No campaign with id ${campaignId}`, { campaignId, argumentName: 'campaignId' });
    loaders.audienceRuleByCampaignId.clear(campaignId).prime(campaignId, await setAudienceRule(db, campaign, rule));
    return campaign;
  },

  // The long mutations validate, start a job and answer at once; arguments are checked before any row is written.
  buildAudience: async (
    _: unknown,
    { campaignId }: { campaignId: string },
    { jobs, loaders, viewer }: CampaignsContext,
  ) => {
    if (!(await loaders.campaignById.load(campaignId)))
      throw new NotFoundError(`No campaign with id ${campaignId}`, { campaignId, argumentName: 'campaignId' });
    const rule = await loaders.audienceRuleByCampaignId.load(campaignId);
    requireAudienceRule(campaignId, rule);
    return rowToJob(
      await jobs.start({ kind: 'BUILD_AUDIENCE', target: campaignId, params: { campaignId, rule }, viewer }),
    );
  },

  runCartReminderTrigger: async (_: unknown, __: unknown, { jobs, viewer }: CampaignsContext) =>
    rowToJob(await jobs.start({ kind: 'CART_REMINDERS', target: 'all', params: {}, viewer })),

  startAttribution: async (_: unknown, args: AttributionArgs, { jobs, viewer }: CampaignsContext) => {
    const { model, from, to, lookbackDays } = validateAttributionArgs(args);
    const params = { model, from: from.toISOString(), to: to.toISOString(), lookbackDays };
    return rowToJob(await jobs.start({ kind: 'ATTRIBUTION', target: attributionTarget(params), params, viewer }));
  },

  cancelJob: (_: unknown, { id }: { id: string }, { db, jobs, onJobCancelRequested, viewer }: CampaignsContext) =>
    cancelJob({ db, jobs, onCancelRequested: onJobCancelRequested }, viewer, id),
};
