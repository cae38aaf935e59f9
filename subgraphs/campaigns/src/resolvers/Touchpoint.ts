import type { Touchpoint as TouchpointModel } from '../db/touchpoint.repository.js';
import type { CampaignsContext } from '../context.js';

export const Touchpoint = {
  customer: ({ customerId }: TouchpointModel) => ({ __typename: 'Customer' as const, id: customerId }),
  campaign: ({ campaignId }: TouchpointModel, _: unknown, { loaders }: CampaignsContext) =>
    loaders.campaignById.load(campaignId),
};
