import { decodeCursor, pageSize, toConnection } from '../../../../shared/pagination.js';
import { listLocations, rowToLocation } from '../db/location.repository.js';
import { listProducts, rowToProduct } from '../db/product.repository.js';
import type { InventoryContext } from '../context.js';

interface ProductsArgs {
  first?: number | null;
  after?: string | null;
  filter?: { category?: string | null; inStock?: boolean | null; discontinued?: boolean | null } | null;
}

export const Query = {
  product: (_: unknown, { sku }: { sku: string }, { loaders }: InventoryContext) => loaders.productBySku.load(sku),

  products: async (_: unknown, { first, after, filter }: ProductsArgs, { db }: InventoryContext) => {
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

  locations: async (_: unknown, __: unknown, { db }: InventoryContext) => (await listLocations(db)).map(rowToLocation),
};
