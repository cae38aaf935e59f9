import type { InventoryContext } from '../context.js';
import {
  createProduct,
  discontinueProduct,
  updateProduct,
  type CreateProductInput,
  type UpdateProductInput,
} from '../catalogue.js';
import { createLocation, type CreateLocationInput } from '../locations.js';
import {
  adjustStock,
  releaseReservation,
  reserveStock,
  type AdjustStockInput,
  type ReserveStockInput,
} from '../stock.js';

/** The product as committed: the loaders may already hold it from earlier in the request. */
function freshProduct({ loaders }: InventoryContext, sku: string) {
  loaders.productBySku.clear(sku);
  loaders.stockBySku.clear(sku);
  return loaders.productBySku.load(sku);
}

export const Mutation = {
  createProduct: async (_: unknown, { input }: { input: CreateProductInput }, ctx: InventoryContext) => {
    await createProduct(ctx.db, input);
    return freshProduct(ctx, input.sku);
  },

  updateProduct: async (_: unknown, { input }: { input: UpdateProductInput }, ctx: InventoryContext) => {
    await updateProduct(ctx.db, input);
    return freshProduct(ctx, input.sku);
  },

  discontinueProduct: async (_: unknown, { sku }: { sku: string }, ctx: InventoryContext) => {
    await discontinueProduct(ctx.db, sku);
    return freshProduct(ctx, sku);
  },

  createLocation: (_: unknown, { input }: { input: CreateLocationInput }, { db }: InventoryContext) =>
    createLocation(db, input),

  adjustStock: async (_: unknown, { input }: { input: AdjustStockInput }, ctx: InventoryContext) => {
    await adjustStock(ctx.db, input);
    return freshProduct(ctx, input.sku);
  },

  reserveStock: (_: unknown, { input }: { input: ReserveStockInput }, { db }: InventoryContext) =>
    reserveStock(db, input),

  releaseReservation: (_: unknown, { id }: { id: string }, { db }: InventoryContext) => releaseReservation(db, id),
};
