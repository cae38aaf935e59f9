import type { PurchaseSummaryRow } from '../db/clv.repository.js';
import type { LifetimeValueResolvers } from '../generated/resolvers-types.js';
import { predictValue, validateHorizon } from '../lifetime-value.js';

/** What LifetimeValue's resolvers receive: the customer's purchase summary (Customer.lifetimeValue). */
export type LifetimeValueParent = { summary: PurchaseSummaryRow };

export const LifetimeValue: LifetimeValueResolvers = {
  historical: ({ summary }) => summary.revenue,

  predicted: async ({ summary }, { horizonDays }, { loaders }) => {
    const horizon = validateHorizon(horizonDays);
    const model = await loaders.latestClvModel();
    return model ? predictValue(model, summary, horizon) : null;
  },
};
