import { BadUserInputError } from '../../../../shared/errors.js';
import { pageSize } from '../../../../shared/pagination.js';
import type { InventoryContext } from '../context.js';

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
  promotableProducts: async (campaign: CampaignRepresentation, args: { first?: number | null; minAvailable?: number | null }, { loaders }: InventoryContext) => {
    const size = pageSize(args.first ?? 10);
    const minAvailable = args.minAvailable ?? 1;
    if (!Number.isInteger(minAvailable) || minAvailable < 1) {
      throw new BadUserInputError('minAvailable must be an integer of at least 1', { argumentName: 'minAvailable' });
    }
    const products = await loaders.productBySku.loadMany(campaign.promotedSkus ?? []);
    return products
      .filter((product) => product !== null && !(product instanceof Error) && product.availableQuantity >= minAvailable)
      .slice(0, size);
  },
};
