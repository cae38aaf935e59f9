import { sellable } from '../availability.js';
import type { CartResolvers } from '../generated/resolvers-types.js';

export const Cart: CartResolvers = {
  __resolveReference: (reference) => reference,

  // The lines are provided by the orders subgraph through @requires(fields: "lines { sku quantity }").
  availableLines: async (cart, _, { loaders }) => {
    const lines = 'lines' in cart ? cart.lines : [];
    const products = await loaders.productBySku.loadMany((lines ?? []).map((line) => line.sku));
    return (lines ?? []).flatMap((line, i) => {
      const product = products[i];
      if (!sellable(product, line.quantity)) return [];
      return [{ product, quantity: line.quantity, availableQuantity: product.availableQuantity }];
    });
  },
};
