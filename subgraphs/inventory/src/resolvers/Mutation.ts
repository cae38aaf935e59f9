import { found } from '../../../../shared/errors.js';
import type { InventoryContext } from '../context.js';
import { createProduct, discontinueProduct, updateProduct } from '../catalogue.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';
import { createLocation } from '../locations.js';
import { adjustStock, releaseReservation, reserveStock } from '../stock.js';

/** The product as committed: the loaders may already hold it from earlier in the request. */
async function freshProduct({ loaders }: InventoryContext, sku: string) {
  loaders.productBySku.clear(sku);
  loaders.stockBySku.clear(sku);
  // The write above found or created it; only a concurrent delete (which inventory has none of) could miss it.
  return found(await loaders.productBySku.load(sku), `no product with sku ${sku}`);
}

export const Mutation: MutationResolvers = {
  createProduct: async (_, { input }, ctx) => {
    await createProduct(ctx.db, input);
    return freshProduct(ctx, input.sku);
  },

  updateProduct: async (_, { input }, ctx) => {
    await updateProduct(ctx.db, input);
    return freshProduct(ctx, input.sku);
  },

  discontinueProduct: async (_, { sku }, ctx) => {
    await discontinueProduct(ctx.db, sku);
    return freshProduct(ctx, sku);
  },

  createLocation: (_, { input }, { db }) => createLocation(db, input),

  adjustStock: async (_, { input }, ctx) => {
    await adjustStock(ctx.db, input);
    return freshProduct(ctx, input.sku);
  },

  reserveStock: (_, { input }, { db }) => reserveStock(db, input),

  releaseReservation: (_, { id }, { db }) => releaseReservation(db, id),
};
