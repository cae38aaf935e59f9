import { createCampaign, updateCampaign, type CreateCampaignInput, type SavedCampaign, type UpdateCampaignInput } from '../campaigns.js';
import { runCartReminderTrigger } from '../cart-reminders.js';
import { NotFoundError } from '../../../../shared/errors.js';
import { buildAudience, setAudienceRule, type AudienceRuleInput } from '../audiences.js';
import { setCampaignVariants, type CampaignVariantInput } from '../experiments.js';
import type { CampaignsContext } from '../context.js';
import { recordTouchpoint, type RecordTouchpointInput } from '../touchpoints.js';

// The loaders may already hold the campaign from earlier in this request: replace what they know.
function remember({ campaign, promotedSkus }: SavedCampaign, { loaders }: CampaignsContext) {
  loaders.campaignById.clear(campaign.id).prime(campaign.id, campaign);
  if (promotedSkus) loaders.promotedSkusByCampaignId.clear(campaign.id).prime(campaign.id, promotedSkus);
  return campaign;
}

export const Mutation = {
  createCampaign: async (_: unknown, { input }: { input: CreateCampaignInput }, ctx: CampaignsContext) => remember(await createCampaign(ctx.db, input), ctx),

  updateCampaign: async (_: unknown, { id, input }: { id: string; input: UpdateCampaignInput }, ctx: CampaignsContext) =>
    remember(await updateCampaign(ctx.db, id, input), ctx),

  recordTouchpoint: (_: unknown, { input }: { input: RecordTouchpointInput }, { db }: CampaignsContext) => recordTouchpoint(db, input),

  setCampaignVariants: async (_: unknown, { campaignId, variants }: { campaignId: string; variants: CampaignVariantInput[] }, { db, loaders }: CampaignsContext) => {
    const saved = await setCampaignVariants(db, campaignId, variants);
    loaders.variantsByCampaignId.clear(campaignId).prime(campaignId, saved);
    return loaders.campaignById.load(campaignId);
  },

  setAudienceRule: async (_: unknown, { campaignId, rule }: { campaignId: string; rule: AudienceRuleInput }, { db, loaders }: CampaignsContext) => {
    const campaign = await loaders.campaignById.load(campaignId);
    if (!campaign) throw new NotFoundError(`No campaign with id ${campaignId}`, { campaignId });
    loaders.audienceRuleByCampaignId.clear(campaignId).prime(campaignId, await setAudienceRule(db, campaign, rule));
    return campaign;
  },

  buildAudience: async (_: unknown, { campaignId }: { campaignId: string }, { db, graph, loaders }: CampaignsContext) => {
    if (!(await loaders.campaignById.load(campaignId))) throw new NotFoundError(`No campaign with id ${campaignId}`, { campaignId });
    const row = await buildAudience(db, graph, campaignId, await loaders.audienceRuleByCampaignId.load(campaignId));
    loaders.audienceVersionsByCampaignId.clear(campaignId);
    return { campaignId: row.campaign_id, version: row.version, size: row.size, computedAt: row.computed_at, rule: row.rule };
  },

  runCartReminderTrigger: (_: unknown, __: unknown, { db, graph, settings }: CampaignsContext) => runCartReminderTrigger({ db, graph, settings: settings.cartReminders }),
};
