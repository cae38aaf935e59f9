import { sql, type Kysely, type Transaction } from 'kysely';
import type { OrdersDatabase } from './database.js';
import type { RfmScoreRow, RfmSegment, RfmSnapshotRow } from './rfm.table.js';

type Db = Kysely<OrdersDatabase> | Transaction<OrdersDatabase>;

export interface RfmScore {
  customerId: string;
  asOf: Date;
  computedAt: Date;
  recencyDays: number;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  segment: RfmSegment;
}

export function rowToRfmScore(row: RfmScoreRow, snapshot: Pick<RfmSnapshotRow, 'as_of' | 'computed_at'>): RfmScore {
  return {
    customerId: row.customer_id,
    asOf: snapshot.as_of,
    computedAt: snapshot.computed_at,
    recencyDays: row.recency_days,
    frequency: row.frequency,
    monetary: row.monetary,
    r: row.r,
    f: row.f,
    m: row.m,
    segment: row.segment,
  };
}

/**
 * Scores every customer with orders as of `asOf` in one INSERT … SELECT, exactly as MARKETING.md
 * defines RFM: the quintiles are NTILE(5) window functions with customer_id as the tie-breaker, and
 * the segment is a CASE over the 25 (R, F) cells. Orders placed after asOf do not exist yet;
 * cancelled orders never happened; a refunded order still counts as a purchase (frequency,
 * recency) but nets to zero revenue (monetary = orders minus refunds).
 */
export async function insertRfmScores(db: Db, snapshotId: number, asOf: Date): Promise<void> {
  await sql`
    with facts as (
      select customer_id,
             floor(extract(epoch from (${asOf}::timestamptz - max(placed_at))) / 86400)::int as recency_days,
             count(*)::int as frequency,
             coalesce(sum(total) filter (where status <> 'REFUNDED'), 0) as monetary
        from orders
       where placed_at <= ${asOf}::timestamptz and status <> 'CANCELLED'
       group by customer_id
    ), scored as (
      select facts.*,
             ntile(5) over (order by recency_days desc, customer_id) as r,
             ntile(5) over (order by frequency, customer_id) as f,
             ntile(5) over (order by monetary, customer_id) as m
        from facts
    )
    insert into rfm_scores (snapshot_id, customer_id, recency_days, frequency, monetary, r, f, m, segment)
    select ${snapshotId}, customer_id, recency_days, frequency, monetary, r, f, m,
           case
             when r = 5 and f >= 4 then 'CHAMPIONS'
             when r between 3 and 4 and f >= 4 then 'LOYAL'
             when r <= 2 and f = 5 then 'CANT_LOSE'
             when r <= 2 and f between 3 and 4 then 'AT_RISK'
             when r <= 2 then 'HIBERNATING'
             when r = 3 and f = 3 then 'NEED_ATTENTION'
             when r = 3 then 'ABOUT_TO_SLEEP'
             when f between 2 and 3 then 'POTENTIAL_LOYALIST'
             when r = 4 then 'PROMISING'
             else 'NEW'
           end
      from scored`.execute(db);
}

/** Replaces the snapshot for asOf (if any) with an empty one and returns its id. */
export async function createRfmSnapshot(db: Db, asOf: Date, computedAt: Date): Promise<number> {
  await db.deleteFrom('rfm_snapshots').where('as_of', '=', asOf).execute();
  const row = await db
    .insertInto('rfm_snapshots')
    .values({ as_of: asOf, computed_at: computedAt, customer_count: 0, total_revenue: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the snapshot's totals from its scores. */
export async function finishRfmSnapshot(db: Db, snapshotId: number): Promise<void> {
  await sql`
    update rfm_snapshots set
      customer_count = totals.n,
      total_revenue = totals.revenue
    from (select count(*)::int as n, coalesce(sum(monetary), 0) as revenue from rfm_scores where snapshot_id = ${snapshotId}) as totals
    where id = ${snapshotId}`.execute(db);
}

/**
 * Deletes the snapshots computed before `computedBefore` (their scores go with them, on delete
 * cascade), except the one with the latest asOf: pruning is by age only, so a backfill with an old
 * asOf never pushes out the current segments, and the current segments never age out.
 */
export async function pruneRfmSnapshots(db: Db, computedBefore: Date): Promise<void> {
  await db
    .deleteFrom('rfm_snapshots')
    .where('computed_at', '<', computedBefore)
    .where('id', '<>', (eb) =>
      eb
        .selectFrom('rfm_snapshots')
        .select('id')
        .orderBy('as_of', 'desc')
        .orderBy('computed_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1),
    )
    .execute();
}

/** The snapshot for exactly asOf, or (asOf undefined) the latest: the one with the latest asOf, not the one computed last. */
export async function findRfmSnapshot(db: Db, asOf?: Date): Promise<RfmSnapshotRow | undefined> {
  let query = db.selectFrom('rfm_snapshots').selectAll();
  if (asOf) query = query.where('as_of', '=', asOf);
  return query
    .orderBy('as_of', 'desc')
    .orderBy('computed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The `last` snapshots by asOf with asOf in [from, to), newest first. */
export async function findRfmSnapshots(
  db: Db,
  range: { from?: Date; to?: Date; last: number },
): Promise<RfmSnapshotRow[]> {
  let query = db.selectFrom('rfm_snapshots').selectAll();
  if (range.from) query = query.where('as_of', '>=', range.from);
  if (range.to) query = query.where('as_of', '<', range.to);
  return query
    .orderBy('as_of', 'desc')
    .orderBy('computed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(range.last)
    .execute();
}

/** Segment totals of many snapshots in one statement (a trend asks for a dozen). */
export async function findRfmSegmentTotalsOf(
  db: Db,
  snapshotIds: number[],
): Promise<{ snapshotId: number; segment: RfmSegment; customers: number; revenue: number }[]> {
  if (snapshotIds.length === 0) return [];
  return db
    .selectFrom('rfm_scores')
    .select([
      'snapshot_id as snapshotId',
      'segment',
      sql<number>`count(*)::int`.as('customers'),
      sql<number>`coalesce(sum(monetary), 0)`.as('revenue'),
    ])
    .where('snapshot_id', 'in', snapshotIds)
    .groupBy(['snapshot_id', 'segment'])
    .execute();
}

export async function findRfmSegmentTotals(
  db: Db,
  snapshotId: number,
): Promise<{ segment: RfmSegment; customers: number; revenue: number }[]> {
  return db
    .selectFrom('rfm_scores')
    .select([
      'segment',
      sql<number>`count(*)::int`.as('customers'),
      sql<number>`coalesce(sum(monetary), 0)`.as('revenue'),
    ])
    .where('snapshot_id', '=', snapshotId)
    .groupBy('segment')
    .execute();
}

/**
 * Many customers' scores from one snapshot (exactly asOf, or the latest), in one statement: the
 * snapshot is chosen by a subquery, so a request for N customers costs one round trip.
 */
export async function findRfmScores(
  db: Db,
  customerIds: readonly string[],
  asOf?: Date,
): Promise<(RfmScoreRow & { as_of: Date; computed_at: Date })[]> {
  if (customerIds.length === 0) return [];
  let snapshot = db.selectFrom('rfm_snapshots').select('id');
  if (asOf) snapshot = snapshot.where('as_of', '=', asOf);
  return db
    .selectFrom('rfm_scores')
    .innerJoin('rfm_snapshots', 'rfm_snapshots.id', 'rfm_scores.snapshot_id')
    .selectAll('rfm_scores')
    .select(['rfm_snapshots.as_of', 'rfm_snapshots.computed_at'])
    .where('rfm_scores.snapshot_id', '=', (eb) =>
      eb
        .selectFrom(
          snapshot.orderBy('as_of', 'desc').orderBy('computed_at', 'desc').orderBy('id', 'desc').limit(1).as('chosen'),
        )
        .select('chosen.id'),
    )
    .where('rfm_scores.customer_id', 'in', [...customerIds])
    .execute();
}

/** One page of a segment's members in customer id order (limit should be first + 1). */
export async function findSegmentMembers(
  db: Db,
  snapshotId: number,
  segment: RfmSegment,
  limit: number,
  afterCustomerId?: string,
): Promise<RfmScoreRow[]> {
  let query = db
    .selectFrom('rfm_scores')
    .selectAll()
    .where('snapshot_id', '=', snapshotId)
    .where('segment', '=', segment);
  if (afterCustomerId !== undefined) query = query.where('customer_id', '>', afterCustomerId);
  return query.orderBy('customer_id').limit(limit).execute();
}

export async function countSegmentMembers(db: Db, snapshotId: number, segment: RfmSegment): Promise<number> {
  const row = await db
    .selectFrom('rfm_scores')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('snapshot_id', '=', snapshotId)
    .where('segment', '=', segment)
    .executeTakeFirstOrThrow();
  return row.n;
}
