import type { CampaignResolvers } from '../generated/resolvers-types.js';
import { isWellReviewed } from '../summary.js';

export const Campaign: CampaignResolvers = {
  // Reviews owns no campaign data: the gateway hands us the key and the promoted skus.
  __resolveReference: (reference) => reference,

  // The well-reviewed filter runs here, in the domain that owns reviews, on the whole promoted list
  // and in campaign order; inventory then filters that list by stock and cuts the page
  // (Campaign.promotableWellReviewedProducts), so no page is filtered after it was cut.
  wellReviewedPromotedSkus: async (campaign, _, { loaders }) => {
    const skus = ('promotedSkus' in campaign && campaign.promotedSkus) || [];
    const stats = await loaders.statsBySku.loadMany(skus);
    return skus.filter((_sku, i) => {
      const stat = stats[i];
      if (stat instanceof Error) throw stat;
      return isWellReviewed(stat);
    });
  },
};
