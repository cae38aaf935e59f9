import type { ReviewResolvers } from '../generated/resolvers-types.js';

export const Review: ReviewResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.reviewById.load(id),
  // References: inventory resolves the product, customers the customer.
  product: ({ sku }) => ({ sku }),
  customer: ({ customerId }) => ({ id: customerId }),
};
