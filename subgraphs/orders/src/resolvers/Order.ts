import { money, toCents } from '../../../../shared/money.js';
import type { OrdersContext } from '../context.js';
import type { Order as OrderModel } from '../db/order.repository.js';

export const Order = {
  __resolveReference: ({ id }: { id: string }, { loaders }: OrdersContext) => loaders.orderById.load(id),
  customer: ({ customerId }: OrderModel) => ({ __typename: 'Customer' as const, id: customerId }),
  lines: ({ id }: OrderModel, _: unknown, { loaders }: OrdersContext) => loaders.linesByOrderId.load(id),
  statusHistory: ({ id }: OrderModel, _: unknown, { loaders }: OrdersContext) =>
    loaders.statusChangesByOrderId.load(id),
  totalMoney: ({ total, currency }: OrderModel) => money(toCents(total), currency),
};
