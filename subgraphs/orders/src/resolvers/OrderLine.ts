import type { OrderLine as OrderLineModel } from '../db/order-line.repository.js';

export const OrderLine = {
  product: ({ sku }: OrderLineModel) => ({ __typename: 'Product' as const, sku }),
};
