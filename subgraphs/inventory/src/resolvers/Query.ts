import { boundedKeys } from '../../../../shared/id-inputs.js';
import { decodeCursor, pageSize, toConnection } from '../../../../shared/pagination.js';
import { listLocations, rowToLocation } from '../db/location.repository.js';
import { listProducts, rowToProduct } from '../db/product.repository.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';

export const Query: QueryResolvers = {
  product: (_, { sku }, { loaders }) => loaders.productBySku.load(sku),

  // One batch through the loader (null for an unknown sku); other domains check the skus they are given here.
  productsBySkus: (_, { skus }, { loaders }) =>
    Promise.all(boundedKeys(skus, 'skus').map((sku) => loaders.productBySku.load(sku))),

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
