import { validateSimilarity } from '../item-similarity.js';
import { updateCart } from '../carts.js';
import type { OrdersContext } from '../context.js';
import type { MutationCancelOrderArgs, MutationResolvers } from '../generated/resolvers-types.js';
import { recordOrder } from '../orders.js';
import { analyticsAsOf } from '../analytics.js';
import { changeOrderStatus, type ChangeOrderStatusInput } from '../order-status.js';
import type { Order } from '../db/order.repository.js';
import type { OrderStatus } from '../db/order.table.js';
import { validateMining } from '../cross-sell.js';
import { rowToJob } from '../../../../shared/jobs/graphql.js';

/** Runs a status change and refreshes the request's loaders with the order it answers. */
async function changeStatus(input: ChangeOrderStatusInput, { db, loaders, viewer }: OrdersContext): Promise<Order> {
  const order = await changeOrderStatus(db, input, viewer);
  loaders.orderById.clear(order.id).prime(order.id, order);
  loaders.statusChangesByOrderId.clear(order.id);
  return order;
}

/** cancelOrder, returnOrder and refundOrder: changeOrderStatus with the status fixed. */
const changeStatusTo = (status: OrderStatus) => (_: unknown, args: MutationCancelOrderArgs, context: OrdersContext) =>
  changeStatus({ ...args, status }, context);

export const Mutation: MutationResolvers = {
  recordOrder: async (_, { input }, { db, loaders, checkReferences }) => {
    const { order, lines } = await recordOrder(db, checkReferences, input);
    loaders.orderById.clear(order.id).prime(order.id, order);
    if (lines) loaders.linesByOrderId.clear(order.id).prime(order.id, lines);
    return order;
  },

  changeOrderStatus: (_, args, context) => changeStatus(args, context),
  cancelOrder: changeStatusTo('CANCELLED'),
  returnOrder: changeStatusTo('RETURNED'),
  refundOrder: changeStatusTo('REFUNDED'),

  updateCart: async (_, { input }, { db, loaders, checkReferences }) => {
    const { cart, lines } = await updateCart(db, checkReferences, input);
    loaders.cartByCustomerId.clear(cart.customerId).prime(cart.customerId, cart);
    loaders.linesByCartId.clear(cart.id).prime(cart.id, lines);
    return cart;
  },

  // The analytics mutations validate, start a job and answer at once; arguments are checked before any row is written.
  refreshRfm: async (_, { asOf }, { db, jobs, viewer }) =>
    rowToJob(
      await jobs.start({ kind: 'REFRESH_RFM', target: 'all', params: { asOf: await analyticsAsOf(db, asOf) }, viewer }),
    ),

  fitClvModel: async (_, { asOf }, { db, jobs, viewer }) =>
    rowToJob(
      await jobs.start({
        kind: 'FIT_CLV_MODEL',
        target: 'all',
        params: { asOf: await analyticsAsOf(db, asOf) },
        viewer,
      }),
    ),

  mineAssociationRules: async (_, { input }, { jobs, viewer }) =>
    rowToJob(
      await jobs.start({ kind: 'MINE_ASSOCIATION_RULES', target: 'all', params: validateMining(input), viewer }),
    ),

  trainRecommendations: async (_, { input }, { jobs, viewer }) =>
    rowToJob(
      await jobs.start({ kind: 'TRAIN_RECOMMENDATIONS', target: 'all', params: validateSimilarity(input), viewer }),
    ),
};
