import { MAX_RULES_PAGE } from '../cross-sell.js';
import type {
  AbandonedCartResolvers,
  AssociationRuleResolvers,
  ProductResolvers,
} from '../generated/resolvers-types.js';
import { BadUserInputError } from '../../../../shared/errors.js';

const productRef = (sku: string) => ({ __typename: 'Product' as const, sku });

export const Product: ProductResolvers = {
  // Inventory owns products; here a product is its key, and the rules hang off it.
  __resolveReference: (reference) => reference,

  frequentlyBoughtWith: ({ sku }, { first }, { loaders }) => {
    const size = first ?? 10;
    if (!Number.isInteger(size) || size < 0 || size > MAX_RULES_PAGE)
      throw new BadUserInputError(`first must be an integer between 0 and ${MAX_RULES_PAGE}`, {
        argumentName: 'first',
      });
    return loaders.rulesByAntecedentSku.load({ sku, first: size });
  },
};

export const AssociationRule: AssociationRuleResolvers = {
  antecedent: (rule) => rule.antecedentSkus.map(productRef),
  consequent: (rule) => rule.consequentSkus.map(productRef),
};

export const AbandonedCart: AbandonedCartResolvers = {
  customer: ({ customerId }) => ({ __typename: 'Customer' as const, id: customerId }),
};
