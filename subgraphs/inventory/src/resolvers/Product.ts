import type { Product as ProductModel } from '../db/product.repository.js';
import type { InventoryContext } from '../context.js';

export const Product = {
  __resolveReference: ({ sku }: { sku: string }, { loaders }: InventoryContext) => loaders.productBySku.load(sku),
  stock: ({ sku }: ProductModel, _: unknown, { loaders }: InventoryContext) => loaders.stockBySku.load(sku),
  inStock: ({ availableQuantity }: ProductModel) => availableQuantity > 0,
};
