import { decodeTimeKey, pageSize } from '../../../../shared/pagination.js';
import { validateAsOf } from '../analytics.js';
import type { CustomerResolvers } from '../generated/resolvers-types.js';

export const Customer: CustomerResolvers = {
  // The customers domain owns customers; here a customer is just its key, so there is nothing to load.
  __resolveReference: (reference) => reference,

  orders: ({ id }, { first, after }, { loaders }) =>
    loaders.ordersByCustomerId.load({ customerId: id, first: pageSize(first), after: decodeTimeKey(after) }),

  purchaseStats: ({ id }, _, { loaders }) => loaders.purchaseStatsByCustomerId.load(id),

  cart: ({ id }, _, { loaders }) => loaders.cartByCustomerId.load(id),

  rfm: ({ id }, { asOf }, { loaders }) => loaders.rfmByCustomerId.load({ customerId: id, asOf: validateAsOf(asOf) }),

  recommendationCandidateSkus: ({ id }, _, { loaders }) => loaders.recommendationCandidatesByCustomerId.load(id),

  recommendationCandidates: ({ id }, _, { loaders }) => loaders.recommendationsByCustomerId.load(id),

  lifetimeValue: async ({ id }, _, { loaders }) => {
    const summary = await loaders.purchaseSummaryByCustomerId.load(id);
    return summary ? { summary } : null;
  },
};
