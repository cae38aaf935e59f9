import { pageSize } from '../../../../shared/pagination.js';
import type { Campaign as CampaignModel } from '../db/campaign.repository.js';
import type { CampaignsContext } from '../context.js';
import { decodeTimeKey } from '../../../../shared/pagination.js';

export const Campaign = {
  __resolveReference: ({ id }: { id: string }, { loaders }: CampaignsContext) => loaders.campaignById.load(id),

  // The inventory subgraph reads this through @requires(fields: "promotedSkus") for promotableProducts.
  promotedSkus: ({ id }: CampaignModel, _: unknown, { loaders }: CampaignsContext) => loaders.promotedSkusByCampaignId.load(id),

  promotedProducts: async ({ id }: CampaignModel, _: unknown, { loaders }: CampaignsContext) => {
    const skus = await loaders.promotedSkusByCampaignId.load(id);
    return skus.map((sku) => ({ __typename: 'Product' as const, sku }));
  },

  touchpoints: ({ id }: CampaignModel, { first, after }: { first?: number | null; after?: string | null }, { loaders }: CampaignsContext) =>
    loaders.touchpointsByCampaignId.load({ ownerId: id, first: pageSize(first), after: decodeTimeKey(after) }),
};
