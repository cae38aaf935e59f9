import { servedRecommendationModel } from '../recommendations.js';
import { validateAsOf } from '../analytics.js';
import { recentClvFits } from '../lifetime-value.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { findRfmSegmentReport, rfmSegmentTrend, segmentMembers } from '../rfm.js';
import { abandonedCarts } from '../abandoned-carts.js';
import { orderFeed } from '../orders.js';
import { ruleFilter, rowToMiningRun } from '../cross-sell.js';
import {
  findAssociationRules,
  findLatestAssociationRuleRun,
  rowToAssociationRule,
} from '../db/association-rule.repository.js';

export const Query: QueryResolvers = {
  order: (_, { id }, { loaders }) => loaders.orderById.load(id),
  orderByExternalId: (_, { externalId }, { loaders }) => loaders.orderByExternalId.load(externalId.trim()),

  orders: async (_, args, { db, loaders }) => {
    const connection = await orderFeed(db, args);
    for (const order of connection.nodes) loaders.orderById.prime(order.id, order);
    return connection;
  },

  rfmSegments: (_, { asOf }, { db }) => findRfmSegmentReport(db, validateAsOf(asOf)),

  rfmSegmentTrend: (_, { from, to, last }, { db }) =>
    rfmSegmentTrend(db, { from: from ?? undefined, to: to ?? undefined, last }),

  customersInSegment: (_, { segment, asOf, first, after }, { db }) =>
    segmentMembers(db, { segment, asOf: validateAsOf(asOf), first, after }),

  clvModel: (_, __, { loaders }) => loaders.latestClvModel(),
  clvModelFits: (_, { first }, { db }) => recentClvFits(db, first),

  associationRules: async (_, args, { db }) =>
    (await findAssociationRules(db, ruleFilter(args))).map(rowToAssociationRule),

  associationRuleMining: async (_, __, { db }) => {
    const run = await findLatestAssociationRuleRun(db);
    return run ? rowToMiningRun(run) : null;
  },

  abandonedCarts: (_, args, { db }) => abandonedCarts(db, args),

  recommendationModel: (_, __, { db }) => servedRecommendationModel(db),
};
