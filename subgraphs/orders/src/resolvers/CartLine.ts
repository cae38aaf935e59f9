import type { CartLine as CartLineModel } from '../db/cart-line.repository.js';

export const CartLine = {
  product: ({ sku }: CartLineModel) => ({ __typename: 'Product' as const, sku }),
};
