import type { CartResolvers } from '../generated/resolvers-types.js';

export const Cart: CartResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.cartById.load(id),
  customer: ({ customerId }) => ({ __typename: 'Customer' as const, id: customerId }),
  lines: ({ id }, _, { loaders }) => loaders.linesByCartId.load(id),
};
