import { found } from '../../../../shared/errors.js';
import type { TouchpointResolvers } from '../generated/resolvers-types.js';

export const Touchpoint: TouchpointResolvers = {
  customer: ({ customerId }) => ({ __typename: 'Customer' as const, id: customerId }),
  // A touchpoint's campaign is a foreign key; only a campaign erased meanwhile could miss.
  campaign: async ({ campaignId }, _, { loaders }) =>
    found(await loaders.campaignById.load(campaignId), `no campaign with id ${campaignId}`),
};
