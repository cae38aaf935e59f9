import { updateCart, type UpdateCartInput } from '../carts.js';
import type { OrdersContext } from '../context.js';
import { recordOrder, type RecordOrderInput } from '../orders.js';
import { analyticsAsOf } from '../analytics.js';
import { validateMining, type MiningInput } from '../cross-sell.js';
import { rowToJob } from '../../../../shared/jobs/graphql.js';

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

  // The analytics mutations validate, start a job and answer at once; arguments are checked before any row is written.
  refreshRfm: async (_: unknown, { asOf }: { asOf?: Date | null }, { db, jobs, viewer }: OrdersContext) =>
    rowToJob(
      await jobs.start({ kind: 'REFRESH_RFM', target: 'all', params: { asOf: await analyticsAsOf(db, asOf) }, viewer }),
    ),

  fitClvModel: async (_: unknown, { asOf }: { asOf?: Date | null }, { db, jobs, viewer }: OrdersContext) =>
    rowToJob(
      await jobs.start({
        kind: 'FIT_CLV_MODEL',
        target: 'all',
        params: { asOf: await analyticsAsOf(db, asOf) },
        viewer,
      }),
    ),

  mineAssociationRules: async (
    _: unknown,
    { input }: { input?: MiningInput | null },
    { jobs, viewer }: OrdersContext,
  ) =>
    rowToJob(
      await jobs.start({ kind: 'MINE_ASSOCIATION_RULES', target: 'all', params: validateMining(input), viewer }),
    ),
};
