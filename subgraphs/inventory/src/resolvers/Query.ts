import { decodeCursor, pageSize, toConnection } from '../../../../shared/pagination.js';
import { listProducts, rowToProduct } from '../db/product.repository.js';
import type { InventoryContext } from '../context.js';

interface ProductsArgs {
  first?: number | null;
  after?: string | null;
  filter?: { category?: string | null; inStock?: boolean | null } | null;
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
    });
    return toConnection(rows, size, (row) => [row.sku], rowToProduct);
  },
};
