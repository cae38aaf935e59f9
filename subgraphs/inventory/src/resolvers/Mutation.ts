import type { InventoryContext } from '../context.js';
import {
  adjustStock,
  releaseReservation,
  reserveStock,
  type AdjustStockInput,
  type ReserveStockInput,
} from '../stock.js';

export const Mutation = {
  adjustStock: async (_: unknown, { input }: { input: AdjustStockInput }, { db, loaders }: InventoryContext) => {
    await adjustStock(db, input);
    // The loaders may already hold this product from earlier in the request: read it fresh.
    loaders.productBySku.clear(input.sku);
    loaders.stockBySku.clear(input.sku);
    return loaders.productBySku.load(input.sku);
  },

  reserveStock: (_: unknown, { input }: { input: ReserveStockInput }, { db }: InventoryContext) =>
    reserveStock(db, input),

  releaseReservation: (_: unknown, { id }: { id: string }, { db }: InventoryContext) => releaseReservation(db, id),
};
