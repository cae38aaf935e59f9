import { divideHalfEven, money } from '../../../../shared/money.js';
import type { PurchaseStats as PurchaseStatsRecord } from '../db/order.repository.js';
import type { PurchaseStatsResolvers } from '../generated/resolvers-types.js';

/** What PurchaseStats' resolvers receive: the customer's stats with the customer's id (purchaseStatsByCustomerId). */
export type PurchaseStatsModel = PurchaseStatsRecord & { customerId: string };

export const PurchaseStats: PurchaseStatsResolvers = {
  totalSpentByCurrency: async ({ customerId }, _, { loaders }) =>
    (await loaders.revenueByCurrencyByCustomerId.load(customerId)).map(({ cents, currency }) => money(cents, currency)),

  averageOrderValueByCurrency: async ({ customerId }, _, { loaders }) =>
    (await loaders.revenueByCurrencyByCustomerId.load(customerId)).map(({ cents, orders, currency }) =>
      money(divideHalfEven(cents, orders), currency),
    ),
};
