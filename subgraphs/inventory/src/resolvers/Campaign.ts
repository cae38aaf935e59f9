import type { InventoryContext } from '../context.js';
import { filterAvailable } from '../availability.js';

interface CampaignRepresentation {
  id: string;
  /** Provided by the campaigns subgraph through @requires(fields: "promotedSkus"). */
  promotedSkus?: string[];
}

export const Campaign = {
  // Inventory owns no campaign data: the gateway hands us the key and the promoted skus.
  __resolveReference: (reference: CampaignRepresentation) => reference,

  // The availability filter runs here, in the domain that owns stock, before `first` is applied,
  // so a page of 10 holds 10 sellable products whenever 10 exist.
  promotableProducts: (
    campaign: CampaignRepresentation,
    args: { first?: number | null; minAvailable?: number | null },
    ctx: InventoryContext,
  ) => filterAvailable(campaign.promotedSkus ?? [], { ...args, first: args.first ?? 10 }, ctx),
};
