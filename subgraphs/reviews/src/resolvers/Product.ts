import type { ProductResolvers } from '../generated/resolvers-types.js';

export const Product: ProductResolvers = {
  // Reviews owns no product data: the key is all it needs.
  __resolveReference: ({ sku }) => ({ sku }),
  reviewSummary: ({ sku }, _, { loaders }) => loaders.summaryBySku.load(sku),
};
