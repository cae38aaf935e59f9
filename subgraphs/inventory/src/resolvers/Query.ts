import { decodeCursor, pageSize, toConnection } from '../../../../shared/pagination.js';
import { listLocations, rowToLocation } from '../db/location.repository.js';
import { listProducts, rowToProduct } from '../db/product.repository.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';

export const Query: QueryResolvers = {
  product: (_, { sku }, { loaders }) => loaders.productBySku.load(sku),

  products: async (_, { first, after, filter }, { db }) => {
    const size = pageSize(first);
    const [afterSku] = (decodeCursor(after, 1) ?? []) as string[];
    const rows = await listProducts(db, {
      limit: size + 1,
      afterSku,
      category: filter?.category,
      inStock: filter?.inStock,
      discontinued: filter?.discontinued,
    });
    return toConnection(rows, size, (row) => [row.sku], rowToProduct);
  },

  locations: async (_, __, { db }) => (await listLocations(db)).map(rowToLocation),
};
