import type { CartLineResolvers } from '../generated/resolvers-types.js';

export const CartLine: CartLineResolvers = {
  product: ({ sku }) => ({ __typename: 'Product' as const, sku }),
};
