import { money, toCents } from '../../../../shared/money.js';
import type { OrderResolvers } from '../generated/resolvers-types.js';

export const Order: OrderResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.orderById.load(id),
  customer: ({ customerId }) => ({ __typename: 'Customer' as const, id: customerId }),
  lines: ({ id }, _, { loaders }) => loaders.linesByOrderId.load(id),
  statusHistory: ({ id }, _, { loaders }) => loaders.statusChangesByOrderId.load(id),
  totalMoney: ({ total, currency }) => money(toCents(total), currency),
};
