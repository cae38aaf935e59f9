import { filterAvailable } from '../availability.js';
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
};
