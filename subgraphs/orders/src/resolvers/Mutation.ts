import { updateCart, type UpdateCartInput } from '../carts.js';
import type { OrdersContext } from '../context.js';
import { recordOrder, type RecordOrderInput } from '../orders.js';

export const Mutation = {
  recordOrder: async (_: unknown, { input }: { input: RecordOrderInput }, { db, loaders }: OrdersContext) => {
    const { order, lines } = await recordOrder(db, input);
    loaders.orderById.clear(order.id).prime(order.id, order);
    if (lines) loaders.linesByOrderId.clear(order.id).prime(order.id, lines);
    return order;
  },

  updateCart: async (_: unknown, { input }: { input: UpdateCartInput }, { db, loaders }: OrdersContext) => {
    const { cart, lines } = await updateCart(db, input);
    loaders.cartByCustomerId.clear(cart.customerId).prime(cart.customerId, cart);
    loaders.linesByCartId.clear(cart.id).prime(cart.id, lines);
    return cart;
  },
};
