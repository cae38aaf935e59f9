import { createCampaign, updateCampaign, type CreateCampaignInput, type SavedCampaign, type UpdateCampaignInput } from '../campaigns.js';
import { runCartReminderTrigger } from '../cart-reminders.js';
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

  runCartReminderTrigger: (_: unknown, __: unknown, { db, graph, settings }: CampaignsContext) => runCartReminderTrigger({ db, graph, settings: settings.cartReminders }),
};
