import { divideHalfEven, money } from '../../../../shared/money.js';
import type { OrdersContext } from '../context.js';

type PurchaseStatsModel = { customerId: string };

export const PurchaseStats = {
  totalSpentByCurrency: async ({ customerId }: PurchaseStatsModel, _: unknown, { loaders }: OrdersContext) =>
    (await loaders.revenueByCurrencyByCustomerId.load(customerId)).map(({ cents, currency }) => money(cents, currency)),

  averageOrderValueByCurrency: async ({ customerId }: PurchaseStatsModel, _: unknown, { loaders }: OrdersContext) =>
    (await loaders.revenueByCurrencyByCustomerId.load(customerId)).map(({ cents, orders, currency }) =>
      money(divideHalfEven(cents, orders), currency),
    ),
};
