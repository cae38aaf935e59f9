import { updateCart, type UpdateCartInput } from '../carts.js';
import type { OrdersContext } from '../context.js';
import { recordOrder, type RecordOrderInput } from '../orders.js';
import { validateAsOf } from '../analytics.js';
import { fitClvModel } from '../lifetime-value.js';
import { refreshRfm } from '../rfm.js';
import { mineAssociationRules, type MiningInput } from '../cross-sell.js';

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

  refreshRfm: (_: unknown, { asOf }: { asOf?: Date | null }, { db }: OrdersContext) => refreshRfm(db, validateAsOf(asOf) ?? new Date()),

  fitClvModel: (_: unknown, { asOf }: { asOf?: Date | null }, { db }: OrdersContext) => fitClvModel(db, validateAsOf(asOf) ?? new Date()),

  mineAssociationRules: (_: unknown, { input }: { input?: MiningInput | null }, { db }: OrdersContext) => mineAssociationRules(db, input),
};
