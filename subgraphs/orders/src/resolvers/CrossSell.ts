import type { OrdersContext } from '../context.js';
import { MAX_RULES_PAGE } from '../cross-sell.js';
import type { AssociationRule as AssociationRuleModel } from '../db/association-rule.repository.js';
import { BadUserInputError } from '../../../../shared/errors.js';

const productRef = (sku: string) => ({ __typename: 'Product' as const, sku });

export const Product = {
  // Inventory owns products; here a product is its key, and the rules hang off it.
  __resolveReference: ({ sku }: { sku: string }) => ({ sku }),

  frequentlyBoughtWith: (
    { sku }: { sku: string },
    { first }: { first?: number | null },
    { loaders }: OrdersContext,
  ) => {
    const size = first ?? 10;
    if (!Number.isInteger(size) || size < 0 || size > MAX_RULES_PAGE)
      throw new BadUserInputError(`first must be an integer between 0 and ${MAX_RULES_PAGE}`, {
        argumentName: 'first',
      });
    return loaders.rulesByAntecedentSku.load({ sku, first: size });
  },
};

export const AssociationRule = {
  antecedent: (rule: AssociationRuleModel) => rule.antecedentSkus.map(productRef),
  consequent: (rule: AssociationRuleModel) => rule.consequentSkus.map(productRef),
};

export const AbandonedCart = {
  customer: ({ customerId }: { customerId: string }) => ({ __typename: 'Customer' as const, id: customerId }),
};
