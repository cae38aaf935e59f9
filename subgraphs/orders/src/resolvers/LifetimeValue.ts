import type { OrdersContext } from '../context.js';
import type { PurchaseSummaryRow } from '../db/clv.repository.js';
import { predictValue, validateHorizon } from '../lifetime-value.js';

type LifetimeValueParent = { summary: PurchaseSummaryRow };

export const LifetimeValue = {
  historical: ({ summary }: LifetimeValueParent) => summary.revenue,

  predicted: async (
    { summary }: LifetimeValueParent,
    { horizonDays }: { horizonDays?: number | null },
    { loaders }: OrdersContext,
  ) => {
    const horizon = validateHorizon(horizonDays);
    const model = await loaders.latestClvModel();
    return model ? predictValue(model, summary, horizon) : null;
  },
};
