import type { InventoryContext } from '../context.js';
import { filterAvailable } from '../availability.js';

interface CustomerRepresentation {
  id: string;
  /** Provided by the orders subgraph through @requires(fields: "recommendationCandidateSkus"), best first. */
  recommendationCandidateSkus?: string[] | null;
}

export const Customer = {
  // Inventory owns no customer data: the gateway hands us the key and the candidate skus.
  __resolveReference: (reference: CustomerRepresentation) => reference,

  // Filtered here, where stock lives, before `first` is applied: asking for 5 gives 5 sellable
  // products whenever 5 candidates are sellable.
  recommendedProducts: (
    customer: CustomerRepresentation,
    args: { first?: number | null; minAvailable?: number | null },
    ctx: InventoryContext,
  ) => filterAvailable(customer.recommendationCandidateSkus ?? [], args, ctx),
};
