import { found } from '../../../../shared/errors.js';
import type { QueuedMessageResolvers } from '../generated/resolvers-types.js';

export const QueuedMessage: QueuedMessageResolvers = {
  customer: ({ customerId }) => ({ __typename: 'Customer' as const, id: customerId }),
  items: ({ items }) =>
    items.map(({ sku, quantity }) => ({ product: { __typename: 'Product' as const, sku }, quantity })),
  // A message just queued carries its touchpoint; one read back from the table loads it (written in the same transaction).
  touchpoint: async (message, _, { loaders }) =>
    'touchpoint' in message
      ? message.touchpoint
      : found(await loaders.touchpointById.load(message.touchpointId), `no touchpoint with id ${message.touchpointId}`),
};
