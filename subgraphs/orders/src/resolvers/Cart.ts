import type { OrdersContext } from '../context.js';
import type { Cart as CartModel } from '../db/cart.repository.js';

export const Cart = {
  __resolveReference: ({ id }: { id: string }, { loaders }: OrdersContext) => loaders.cartById.load(id),
  customer: ({ customerId }: CartModel) => ({ __typename: 'Customer' as const, id: customerId }),
  lines: ({ id }: CartModel, _: unknown, { loaders }: OrdersContext) => loaders.linesByCartId.load(id),
};
