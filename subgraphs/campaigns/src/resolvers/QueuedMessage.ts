import type { QueuedMessageResolvers } from '../generated/resolvers-types.js';

export const QueuedMessage: QueuedMessageResolvers = {
  customer: ({ customerId }) => ({ __typename: 'Customer' as const, id: customerId }),
  items: ({ items }) =>
    items.map(({ sku, quantity }) => ({ product: { __typename: 'Product' as const, sku }, quantity })),
  // Recorded with the SENT status, in the same transaction: a message not (yet) delivered has none.
  touchpoint: async ({ touchpointId }, _, { loaders }) =>
    touchpointId === null ? null : ((await loaders.touchpointById.load(touchpointId)) ?? null),
};
