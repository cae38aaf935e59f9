import { validateAsOf } from '../analytics.js';
import type { OrdersContext } from '../context.js';
import type { RfmSegment } from '../db/rfm.table.js';
import { findRfmSegmentReport, segmentMembers } from '../rfm.js';

interface SegmentMembersArgs {
  segment: RfmSegment;
  asOf?: Date | null;
  first?: number | null;
  after?: string | null;
}

export const Query = {
  order: (_: unknown, { id }: { id: string }, { loaders }: OrdersContext) => loaders.orderById.load(id),
  orderByExternalId: (_: unknown, { externalId }: { externalId: string }, { loaders }: OrdersContext) => loaders.orderByExternalId.load(externalId.trim()),

  rfmSegments: (_: unknown, { asOf }: { asOf?: Date | null }, { db }: OrdersContext) => findRfmSegmentReport(db, validateAsOf(asOf)),

  customersInSegment: (_: unknown, { segment, asOf, first, after }: SegmentMembersArgs, { db }: OrdersContext) =>
    segmentMembers(db, { segment, asOf: validateAsOf(asOf), first, after }),

  clvModel: (_: unknown, __: unknown, { loaders }: OrdersContext) => loaders.latestClvModel(),
};
