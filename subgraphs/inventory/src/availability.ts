// Availability filtering for lists another domain ranks (cross-sell candidates): the order is the
// other domain's, the filter is stock's.
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
  return products
    .filter((product) => product !== null && !(product instanceof Error) && product.availableQuantity >= minAvailable)
    .slice(0, size);
}
