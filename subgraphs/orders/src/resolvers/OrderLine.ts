import type { OrderLineResolvers } from '../generated/resolvers-types.js';

export const OrderLine: OrderLineResolvers = {
  product: ({ sku }) => ({ __typename: 'Product' as const, sku }),
};
