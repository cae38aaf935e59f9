import { filterAvailable } from '../availability.js';
import { pageSize } from '../../../../shared/pagination.js';
import type { CustomerResolvers } from '../generated/resolvers-types.js';

export const Customer: CustomerResolvers = {
  // Inventory owns no customer data: the gateway hands us the key and the candidate skus.
  __resolveReference: (reference) => reference,

  // Filtered here, where stock lives, before `first` is applied: asking for 5 gives 5 sellable
  // products whenever 5 candidates are sellable. The candidates are provided by the orders subgraph
  // through @requires(fields: "recommendationCandidateSkus"), best first.
  recommendedProducts: (customer, args, ctx) =>
    filterAvailable(
      ('recommendationCandidateSkus' in customer && customer.recommendationCandidateSkus) || [],
      args,
      ctx,
    ),

  // Orders' candidates with their score and reason (@requires), kept when sellable, before first.
  recommendations: async (customer, args, ctx) => {
    const size = pageSize(args.first ?? 5);
    const candidates = ('recommendationCandidates' in customer && customer.recommendationCandidates) || [];
    const products = await filterAvailable(
      candidates.map((candidate) => candidate.sku),
      { first: 100, minAvailable: args.minAvailable },
      ctx,
    );
    const bySku = new Map(candidates.map((candidate) => [candidate.sku, candidate]));
    return Promise.all(
      products.slice(0, size).map(async (product) => {
        const candidate = bySku.get(product.sku)!;
        const basedOn = candidate.basedOnSku ? await ctx.loaders.productBySku.load(candidate.basedOnSku) : null;
        return { product, score: candidate.score, reason: candidate.reason, basedOn: basedOn ?? null };
      }),
    );
  },
};
