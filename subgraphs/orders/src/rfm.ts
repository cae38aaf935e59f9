// RFM segmentation (MARKETING.md): computed set-based in SQL and stored as snapshots, refreshed
// explicitly (refreshRfm) and read by asOf or latest.
import type { Kysely } from 'kysely';
import { BadUserInputError, NotFoundError } from '../../../shared/errors.js';
import { checkAsOfWithinOrders } from './analytics.js';
import { decodeCursor, encodeCursor, pageSize, type Connection } from '../../../shared/pagination.js';
import type { OrdersDatabase } from './db/database.js';
import {
  countSegmentMembers,
  createRfmSnapshot,
  findRfmSegmentTotals,
  findRfmSegmentTotalsOf,
  findRfmSnapshot,
  findRfmSnapshots,
  findSegmentMembers,
  finishRfmSnapshot,
  insertRfmScores,
  pruneRfmSnapshots,
  rowToRfmScore,
  type RfmScore,
} from './db/rfm.repository.js';
import { RFM_SEGMENTS, type RfmSegment, type RfmSnapshotRow } from './db/rfm.table.js';

/** How long a snapshot is kept after it was computed (the one with the latest asOf is always kept); pruned on refresh. */
export const RFM_SNAPSHOT_RETENTION_DAYS = 90;
export const MAX_SEGMENT_PAGE = 1000;

export interface RfmSegmentReport {
  asOf: Date;
  computedAt: Date;
  customerCount: number;
  totalRevenue: number;
  segments: { segment: RfmSegment; customers: number; share: number; revenue: number; revenueShare: number }[];
}

/** The segment of an (R, F) cell, the table of MARKETING.md (the SQL CASE must agree; a test checks all 25 cells). */
export function rfmSegmentOf(r: number, f: number): RfmSegment {
  if (r === 5 && f >= 4) return 'CHAMPIONS';
  if (r >= 3 && r <= 4 && f >= 4) return 'LOYAL';
  if (r <= 2 && f === 5) return 'CANT_LOSE';
  if (r <= 2 && f >= 3) return 'AT_RISK';
  if (r <= 2) return 'HIBERNATING';
  if (r === 3 && f === 3) return 'NEED_ATTENTION';
  if (r === 3) return 'ABOUT_TO_SLEEP';
  if (f >= 2) return 'POTENTIAL_LOYALIST';
  if (r === 4) return 'PROMISING';
  return 'NEW';
}

/** Scores every customer with orders as of asOf and stores the snapshot, replacing one for the same asOf, in one transaction. */
export async function refreshRfm(
  db: Kysely<OrdersDatabase>,
  asOf: Date,
  computedAt = new Date(),
  progress: (fraction: number) => void = () => undefined,
): Promise<RfmSegmentReport> {
  await checkAsOfWithinOrders(db, asOf);
  const snapshot = await db.transaction().execute(async (trx) => {
    const id = await createRfmSnapshot(trx, asOf, computedAt);
    // Scoring every customer is one statement and nearly all the work.
    await insertRfmScores(trx, id, asOf);
    progress(0.8);
    await finishRfmSnapshot(trx, id);
    const written = (await findRfmSnapshot(trx, asOf))!;
    // An empty run (every order up to asOf cancelled) throws, which rolls back and keeps the snapshot it would replace.
    if (written.customer_count === 0)
      throw new BadUserInputError(
        `no customer has a counted order up to asOf ${asOf.toISOString()}; nothing was replaced`,
        { argumentName: 'asOf' },
      );
    await pruneRfmSnapshots(trx, new Date(computedAt.getTime() - RFM_SNAPSHOT_RETENTION_DAYS * 86_400_000));
    return written;
  });
  return rfmSegmentReport(db, snapshot);
}

/** Every segment in enum order, with its size and revenue shares. */
export async function rfmSegmentReport(
  db: Kysely<OrdersDatabase>,
  snapshot: RfmSnapshotRow,
): Promise<RfmSegmentReport> {
  return reportOf(snapshot, await findRfmSegmentTotals(db, snapshot.id));
}

export const MAX_TREND_SNAPSHOTS = 52;

/** The segment trend: the `last` snapshots in [from, to), oldest first, each a full report; two statements whatever their number. */
export async function rfmSegmentTrend(
  db: Kysely<OrdersDatabase>,
  args: { from?: Date; to?: Date; last?: number | null },
): Promise<RfmSegmentReport[]> {
  const last = args.last ?? 12;
  if (!Number.isInteger(last) || last < 1 || last > MAX_TREND_SNAPSHOTS)
    throw new BadUserInputError(`last must be 1 to ${MAX_TREND_SNAPSHOTS}`, { argumentName: 'last' });
  if (args.from && args.to && args.from >= args.to)
    throw new BadUserInputError('from must be before to', { argumentName: 'from' });
  const snapshots = (await findRfmSnapshots(db, { from: args.from, to: args.to, last })).reverse();
  const totals = await findRfmSegmentTotalsOf(
    db,
    snapshots.map((snapshot) => snapshot.id),
  );
  return snapshots.map((snapshot) =>
    reportOf(
      snapshot,
      totals.filter((row) => row.snapshotId === snapshot.id),
    ),
  );
}

function reportOf(
  snapshot: RfmSnapshotRow,
  rows: { segment: RfmSegment; customers: number; revenue: number }[],
): RfmSegmentReport {
  const totals = new Map(rows.map((row) => [row.segment, row]));
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
  return {
    asOf: snapshot.as_of,
    computedAt: snapshot.computed_at,
    customerCount: snapshot.customer_count,
    totalRevenue: snapshot.total_revenue,
    segments: RFM_SEGMENTS.map((segment) => {
      const customers = totals.get(segment)?.customers ?? 0;
      const revenue = totals.get(segment)?.revenue ?? 0;
      return {
        segment,
        customers,
        share: share(customers, snapshot.customer_count),
        revenue,
        revenueShare: share(revenue, snapshot.total_revenue),
      };
    }),
  };
}

export async function findRfmSegmentReport(db: Kysely<OrdersDatabase>, asOf?: Date): Promise<RfmSegmentReport | null> {
  const snapshot = await findRfmSnapshot(db, asOf);
  return snapshot ? rfmSegmentReport(db, snapshot) : null;
}

export interface SegmentMemberConnection extends Connection<{ id: string }> {
  edges: { cursor: string; node: { id: string }; rfm: RfmScore }[];
  totalCount: number;
}

/** One page of a segment's members in customer id order; NOT_FOUND when no snapshot answers asOf. */
export async function segmentMembers(
  db: Kysely<OrdersDatabase>,
  args: { segment: RfmSegment; asOf?: Date; first?: number | null; after?: string | null },
): Promise<SegmentMemberConnection> {
  const first = pageSize(args.first, MAX_SEGMENT_PAGE);
  const after = decodeCursor(args.after, 1)?.[0];
  const snapshot = await findRfmSnapshot(db, args.asOf);
  if (!snapshot) {
    const which = args.asOf ? `as of ${args.asOf.toISOString()}` : 'yet';
    throw new NotFoundError(
      `No RFM snapshot ${which}; run the refreshRfm mutation${args.asOf ? ' with that asOf' : ''} first`,
      { asOf: args.asOf?.toISOString() },
    );
  }
  const [rows, totalCount] = await Promise.all([
    findSegmentMembers(db, snapshot.id, args.segment, first + 1, after === undefined ? undefined : String(after)),
    countSegmentMembers(db, snapshot.id, args.segment),
  ]);
  const page = rows.slice(0, first);
  const edges = page.map((row) => ({
    cursor: encodeCursor([row.customer_id]),
    node: { id: row.customer_id },
    rfm: rowToRfmScore(row, snapshot),
  }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
