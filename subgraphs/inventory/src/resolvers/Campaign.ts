import { filterAvailable } from '../availability.js';
import type { CampaignResolvers } from '../generated/resolvers-types.js';

export const Campaign: CampaignResolvers = {
  // Inventory owns no campaign data: the gateway hands us the key and the promoted skus.
  __resolveReference: (reference) => reference,

  // The availability filter runs here, in the domain that owns stock, before `first` is applied,
  // so a page of 10 holds 10 sellable products whenever 10 exist.
  // promotedSkus is provided by the campaigns subgraph through @requires(fields: "promotedSkus").
  promotableProducts: (campaign, args, ctx) =>
    // An explicit first: null still means the SDL default (codegen types defaulted arguments as never null).
    filterAvailable(
      ('promotedSkus' in campaign && campaign.promotedSkus) || [],
      { ...args, first: args.first ?? 10 },
      ctx,
    ),

  // wellReviewedPromotedSkus comes from the reviews subgraph (which itself requires promotedSkus):
  // the promoted list already narrowed to well-reviewed products, in campaign order, so the stock
  // filter and the page cut below see the whole of it.
  promotableWellReviewedProducts: (campaign, args, ctx) =>
    filterAvailable(
      ('wellReviewedPromotedSkus' in campaign && campaign.wellReviewedPromotedSkus) || [],
      { ...args, first: args.first ?? 10 },
      ctx,
    ),
};
