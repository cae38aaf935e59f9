import { validateAsOf } from '../analytics.js';
import { recentClvFits } from '../lifetime-value.js';
import type { OrdersContext } from '../context.js';
import type { RfmSegment } from '../db/rfm.table.js';
import { findRfmSegmentReport, segmentMembers } from '../rfm.js';
import { abandonedCarts } from '../abandoned-carts.js';
import { orderFeed, type OrderFilterInput } from '../orders.js';
import { ruleFilter, rowToMiningRun } from '../cross-sell.js';
import {
  findAssociationRules,
  findLatestAssociationRuleRun,
  rowToAssociationRule,
} from '../db/association-rule.repository.js';

interface SegmentMembersArgs {
  segment: RfmSegment;
  asOf?: Date | null;
  first?: number | null;
  after?: string | null;
}

export const Query = {
  order: (_: unknown, { id }: { id: string }, { loaders }: OrdersContext) => loaders.orderById.load(id),
  orderByExternalId: (_: unknown, { externalId }: { externalId: string }, { loaders }: OrdersContext) =>
    loaders.orderByExternalId.load(externalId.trim()),

  orders: async (
    _: unknown,
    args: { filter?: OrderFilterInput | null; first?: number | null; after?: string | null },
    { db, loaders }: OrdersContext,
  ) => {
    const connection = await orderFeed(db, args);
    for (const order of connection.nodes) loaders.orderById.prime(order.id, order);
    return connection;
  },

  rfmSegments: (_: unknown, { asOf }: { asOf?: Date | null }, { db }: OrdersContext) =>
    findRfmSegmentReport(db, validateAsOf(asOf)),

  customersInSegment: (_: unknown, { segment, asOf, first, after }: SegmentMembersArgs, { db }: OrdersContext) =>
    segmentMembers(db, { segment, asOf: validateAsOf(asOf), first, after }),

  clvModel: (_: unknown, __: unknown, { loaders }: OrdersContext) => loaders.latestClvModel(),
  clvModelFits: (_: unknown, { first }: { first?: number | null }, { db }: OrdersContext) => recentClvFits(db, first),

  associationRules: async (_: unknown, args: Parameters<typeof ruleFilter>[0], { db }: OrdersContext) =>
    (await findAssociationRules(db, ruleFilter(args))).map(rowToAssociationRule),

  associationRuleMining: async (_: unknown, __: unknown, { db }: OrdersContext) => {
    const run = await findLatestAssociationRuleRun(db);
    return run ? rowToMiningRun(run) : null;
  },

  abandonedCarts: (
    _: unknown,
    args: { idleMinutes?: number | null; first?: number | null; after?: string | null },
    { db }: OrdersContext,
  ) => abandonedCarts(db, args),
};
