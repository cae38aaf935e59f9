import { sellable } from '../availability.js';
import type { InventoryContext } from '../context.js';

interface CartRepresentation {
  id: string;
  /** Provided by the orders subgraph through @requires(fields: "lines { sku quantity }"). */
  lines?: { sku: string; quantity: number }[] | null;
}

export const Cart = {
  __resolveReference: (reference: CartRepresentation) => reference,

  availableLines: async ({ lines }: CartRepresentation, _: unknown, { loaders }: InventoryContext) => {
    const products = await loaders.productBySku.loadMany((lines ?? []).map((line) => line.sku));
    return (lines ?? []).flatMap((line, i) => {
      const product = products[i];
      if (!sellable(product, line.quantity)) return [];
      return [{ product, quantity: line.quantity, availableQuantity: product.availableQuantity }];
    });
  },
};
