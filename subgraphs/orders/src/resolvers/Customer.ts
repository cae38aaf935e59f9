import { decodeTimeKey, pageSize } from '../../../../shared/pagination.js';
import type { OrdersContext } from '../context.js';
import { validateAsOf } from '../analytics.js';

type CustomerRef = { id: string };

export const Customer = {
  // The customers domain owns customers; here a customer is just its key, so there is nothing to load.
  __resolveReference: ({ id }: CustomerRef) => ({ id }),

  orders: (
    { id }: CustomerRef,
    { first, after }: { first?: number | null; after?: string | null },
    { loaders }: OrdersContext,
  ) => loaders.ordersByCustomerId.load({ customerId: id, first: pageSize(first), after: decodeTimeKey(after) }),

  purchaseStats: ({ id }: CustomerRef, _: unknown, { loaders }: OrdersContext) =>
    loaders.purchaseStatsByCustomerId.load(id),

  cart: ({ id }: CustomerRef, _: unknown, { loaders }: OrdersContext) => loaders.cartByCustomerId.load(id),

  rfm: ({ id }: CustomerRef, { asOf }: { asOf?: Date | null }, { loaders }: OrdersContext) =>
    loaders.rfmByCustomerId.load({ customerId: id, asOf: validateAsOf(asOf) }),

  recommendationCandidateSkus: ({ id }: CustomerRef, _: unknown, { loaders }: OrdersContext) =>
    loaders.recommendationCandidatesByCustomerId.load(id),

  lifetimeValue: async ({ id }: CustomerRef, _: unknown, { loaders }: OrdersContext) => {
    const summary = await loaders.purchaseSummaryByCustomerId.load(id);
    return summary ? { summary } : null;
  },
};
