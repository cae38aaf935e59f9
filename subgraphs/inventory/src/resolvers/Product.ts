import type { ProductResolvers } from '../generated/resolvers-types.js';

export const Product: ProductResolvers = {
  __resolveReference: ({ sku }, { loaders }) => loaders.productBySku.load(sku),
  stock: ({ sku }, _, { loaders }) => loaders.stockBySku.load(sku),
  inStock: ({ availableQuantity }) => availableQuantity > 0,
};
