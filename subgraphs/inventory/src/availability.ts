// Availability filtering for lists another domain ranks (promoted skus, cross-sell candidates): the
// order is the other domain's, the filter is the catalogue's and stock's, applied before the page is cut.
import type { Product } from './db/product.repository.js';
import { BadUserInputError } from '../../../shared/errors.js';
import { pageSize } from '../../../shared/pagination.js';
import type { InventoryContext } from './context.js';

export async function filterAvailable(
  skus: readonly string[],
  args: { first?: number | null; minAvailable?: number | null },
  { loaders }: InventoryContext,
) {
  const size = pageSize(args.first ?? 5);
  const minAvailable = args.minAvailable ?? 1;
  if (!Number.isInteger(minAvailable) || minAvailable < 1) {
    throw new BadUserInputError('minAvailable must be an integer of at least 1', { argumentName: 'minAvailable' });
  }
  const products = await loaders.productBySku.loadMany(skus);
  return products.filter((product): product is Product => sellable(product, minAvailable)).slice(0, size);
}

/** A product that can be offered now: known, not discontinued, at least `quantity` units available. */
export function sellable(product: Product | Error | null | undefined, quantity: number): product is Product {
  return (
    product != null && !(product instanceof Error) && !product.discontinued && product.availableQuantity >= quantity
  );
}
