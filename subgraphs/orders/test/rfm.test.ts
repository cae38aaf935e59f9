import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  errorCodeOf as codeOf,
  runJobToEnd,
  startSubgraphForTest,
  type OperationResult as Result,
  type SubgraphUnderTest,
  type TestDatabase,
} from '../../../shared/testing.js';
import type { OrdersDatabase } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';
import type { OrderStatus } from '../src/db/order.table.js';
import { RFM_SEGMENTS } from '../src/db/rfm.table.js';
import { rfmSegmentOf } from '../src/rfm.js';
import { createServer } from '../src/server.js';

const DAY = 86_400_000;
const AS_OF = new Date('2026-03-01T00:00:00.000Z');
const daysBefore = (days: number) => new Date(AS_OF.getTime() - days * DAY);

let subgraph: SubgraphUnderTest<OrdersDatabase>;
let testDb: TestDatabase<OrdersDatabase>;
const run = (query: string, variables?: Record<string, unknown>): Promise<Result> => subgraph.run(query, variables);

/**
 * Ten customers with orders as of AS_OF, built so that recency, frequency and monetary all have
 * ties (r01/r02 on recency and monetary, r06/r07 on everything) and the customer_id tie-break decides.
 *   customer  recency  frequency  monetary   R F M   segment
 *   r01        1        3          200       5 4 4   CHAMPIONS
 *   r02        1        1          200       5 1 4   NEW
 *   r03        5        4           40       4 5 2   LOYAL
 *   r04       30        1          500       3 1 5   ABOUT_TO_SLEEP   (a later CANCELLED order does not count)
 *   r05       60        2           80       2 3 3   AT_RISK          (a REFUNDED order counts as a purchase, nets to 0)
 *   r06       90        1            5       1 2 1   HIBERNATING
 *   r07       90        1            5       2 2 1   HIBERNATING
 *   r08        2        2           60       4 4 2   LOYAL            (2.5 days is 2 whole days)
 *   r09      200        5         5000       1 5 5   CANT_LOSE
 *   r10       15        1           70       3 3 3   NEED_ATTENTION   (an order after AS_OF does not exist yet)
 *   r11     only a cancelled order: no RFM
 * R sorts recency descending: r09 r06 | r07 r05 | r04 r10 | r03 r08 | r01 r02.
 * F sorts frequency ascending: r02 r04 | r06 r07 | r10 r05 | r08 r01 | r03 r09.
 * M sorts monetary ascending: r06 r07 | r03 r08 | r10 r05 | r01 r02 | r04 r09.
 */
const EXPECTED = {
  r01: { recencyDays: 1, frequency: 3, monetary: 200, r: 5, f: 4, m: 4, segment: 'CHAMPIONS' },
  r02: { recencyDays: 1, frequency: 1, monetary: 200, r: 5, f: 1, m: 4, segment: 'NEW' },
  r03: { recencyDays: 5, frequency: 4, monetary: 40, r: 4, f: 5, m: 2, segment: 'LOYAL' },
  r04: { recencyDays: 30, frequency: 1, monetary: 500, r: 3, f: 1, m: 5, segment: 'ABOUT_TO_SLEEP' },
  r05: { recencyDays: 60, frequency: 2, monetary: 80, r: 2, f: 3, m: 3, segment: 'AT_RISK' },
  r06: { recencyDays: 90, frequency: 1, monetary: 5, r: 1, f: 2, m: 1, segment: 'HIBERNATING' },
  r07: { recencyDays: 90, frequency: 1, monetary: 5, r: 2, f: 2, m: 1, segment: 'HIBERNATING' },
  r08: { recencyDays: 2, frequency: 2, monetary: 60, r: 4, f: 4, m: 2, segment: 'LOYAL' },
  r09: { recencyDays: 200, frequency: 5, monetary: 5000, r: 1, f: 5, m: 5, segment: 'CANT_LOSE' },
  r10: { recencyDays: 15, frequency: 1, monetary: 70, r: 3, f: 3, m: 3, segment: 'NEED_ATTENTION' },
} as const;

async function seed() {
  await testDb.db.deleteFrom('jobs').execute();
  await testDb.db.deleteFrom('rfm_snapshots').execute();
  await testDb.db.deleteFrom('order_lines').execute();
  await testDb.db.deleteFrom('orders').execute();
  let n = 0;
  const orders: { customer: string; at: Date; total: number; status?: OrderStatus }[] = [
    { customer: 'r01', at: daysBefore(1), total: 100 },
    { customer: 'r01', at: daysBefore(10), total: 50 },
    { customer: 'r01', at: daysBefore(20), total: 50 },
    { customer: 'r02', at: daysBefore(1), total: 200 },
    ...[5, 6, 7, 8].map((d) => ({ customer: 'r03', at: daysBefore(d), total: 10 })),
    { customer: 'r04', at: daysBefore(30), total: 500 },
    { customer: 'r04', at: daysBefore(1), total: 999, status: 'CANCELLED' as const },
    { customer: 'r05', at: daysBefore(60), total: 80 },
    { customer: 'r05', at: daysBefore(61), total: 80, status: 'REFUNDED' as const },
    { customer: 'r06', at: daysBefore(90), total: 5 },
    { customer: 'r07', at: daysBefore(90), total: 5 },
    { customer: 'r08', at: daysBefore(2.5), total: 30 },
    { customer: 'r08', at: daysBefore(3), total: 30 },
    ...[200, 210, 220, 230, 240].map((d) => ({ customer: 'r09', at: daysBefore(d), total: 1000 })),
    { customer: 'r10', at: daysBefore(-1), total: 70 },
    { customer: 'r10', at: daysBefore(15), total: 70 },
    { customer: 'r11', at: daysBefore(3), total: 10, status: 'CANCELLED' as const },
  ];
  await testDb.db
    .insertInto('orders')
    .values(
      orders.map((o) => ({
        id: `ord-${++n}`,
        external_id: `EXT-${n}`,
        customer_id: o.customer,
        status: o.status ?? 'DELIVERED',
        channel: 'WEB' as const,
        currency: 'EUR',
        placed_at: o.at,
        total: o.total,
      })),
    )
    .execute();
}

beforeAll(async () => {
  subgraph = await startSubgraphForTest('orders', migrations, createServer);
  testDb = subgraph.testDb;
});

afterAll(async () => {
  await subgraph.stop();
});

beforeEach(seed);

const REFRESH = `mutation($asOf: DateTime) { refreshRfm(asOf: $asOf) { id status } }`;
const REPORT = `query($asOf: DateTime) { rfmSegments(asOf: $asOf) { asOf computedAt customerCount totalRevenue segments { segment customers share revenue revenueShare } } }`;
/** Refreshes through the job and answers the snapshot's report, as the mutation did before it became a job. */
async function refresh(asOf: Date) {
  const job = await runJobToEnd(subgraph, REFRESH, { asOf: asOf.toISOString() });
  expect(job).toMatchObject({
    kind: 'REFRESH_RFM',
    status: 'SUCCEEDED',
    progress: 1,
    result: asOf.toISOString(),
    error: null,
  });
  return { data: { refreshRfm: (await run(REPORT, { asOf: asOf.toISOString() })).data.rfmSegments } };
}

describe('RFM segment table', () => {
  it('puts each of the 25 (R, F) cells in exactly the segment MARKETING.md gives', () => {
    const table: [number[], number[], string][] = [
      [[5], [4, 5], 'CHAMPIONS'],
      [[3, 4], [4, 5], 'LOYAL'],
      [[1, 2], [5], 'CANT_LOSE'],
      [[1, 2], [3, 4], 'AT_RISK'],
      [[1, 2], [1, 2], 'HIBERNATING'],
      [[3], [3], 'NEED_ATTENTION'],
      [[3], [1, 2], 'ABOUT_TO_SLEEP'],
      [[4, 5], [2, 3], 'POTENTIAL_LOYALIST'],
      [[4], [1], 'PROMISING'],
      [[5], [1], 'NEW'],
    ];
    const seen = new Map<string, string>();
    for (const [rs, fs, segment] of table) for (const r of rs) for (const f of fs) seen.set(`${r}${f}`, segment);
    expect(seen.size).toBe(25);
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++) expect(rfmSegmentOf(r, f), `R${r} F${f}`).toBe(seen.get(`${r}${f}`));
  });
});

describe('refreshRfm and Customer.rfm', () => {
  it('scores every customer with orders exactly as the hand-computed table, ties broken by customer id', async () => {
    const refreshed = await refresh(AS_OF);
    expect(refreshed.data.refreshRfm).toMatchObject({
      asOf: AS_OF.toISOString(),
      customerCount: 10,
      totalRevenue: 6160,
    });

    const ids = [...Object.keys(EXPECTED), 'r11', 'nobody'];
    testDb.resetStatementCount();
    const result = await run(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { id rfm { asOf computedAt recencyDays frequency monetary r f m segment } } } }`,
      {
        reps: ids.map((id) => ({ __typename: 'Customer', id })),
      },
    );
    expect(result.errors).toBeUndefined();
    // Twelve customers, one statement: the snapshot is chosen by a subquery of the batched read.
    expect(testDb.statementCount()).toBe(1);
    const byId = Object.fromEntries(result.data._entities.map((c: any) => [c.id, c.rfm]));
    for (const [id, expected] of Object.entries(EXPECTED)) {
      expect(byId[id], id).toMatchObject({
        ...expected,
        asOf: AS_OF.toISOString(),
        computedAt: refreshed.data.refreshRfm.computedAt,
      });
    }
    expect(byId.r11).toBeNull();
    expect(byId.nobody).toBeNull();
  });

  it('reports every segment in enum order with its shares of customers and revenue', async () => {
    const report = (await refresh(AS_OF)).data.refreshRfm;
    expect(report.segments.map((s: any) => s.segment)).toEqual([...RFM_SEGMENTS]);
    const bySegment = Object.fromEntries(report.segments.map((s: any) => [s.segment, s]));
    expect(bySegment.CHAMPIONS).toEqual({
      segment: 'CHAMPIONS',
      customers: 1,
      share: 0.1,
      revenue: 200,
      revenueShare: 200 / 6160,
    });
    expect(bySegment.LOYAL).toMatchObject({ customers: 2, share: 0.2, revenue: 100 });
    expect(bySegment.HIBERNATING).toMatchObject({ customers: 2, revenue: 10 });
    expect(bySegment.CANT_LOSE).toMatchObject({ customers: 1, revenue: 5000, revenueShare: 5000 / 6160 });
    expect(bySegment.POTENTIAL_LOYALIST).toEqual({
      segment: 'POTENTIAL_LOYALIST',
      customers: 0,
      share: 0,
      revenue: 0,
      revenueShare: 0,
    });
    const read = (await run(`{ rfmSegments { asOf customerCount segments { segment customers } } }`)).data.rfmSegments;
    expect(read.customerCount).toBe(10);
  });

  it('keeps snapshots per asOf: the latest is the default, an older one is read by its asOf, the same asOf is replaced', async () => {
    expect((await run(`{ rfmSegments { customerCount } }`)).data.rfmSegments).toBeNull();
    expect(codeOf(await run(`{ customersInSegment(segment: LOYAL) { totalCount } }`))).toBe('NOT_FOUND');

    const earlier = new Date(AS_OF.getTime() - 100 * DAY);
    await refresh(earlier);
    await refresh(AS_OF);
    await refresh(AS_OF);
    expect(await testDb.rowCount('rfm_snapshots')).toBe(2);

    const result = await run(
      `query($old: DateTime, $missing: DateTime) {
      latest: rfmSegments { asOf customerCount }
      old: rfmSegments(asOf: $old) { asOf customerCount }
      missing: rfmSegments(asOf: $missing) { asOf }
    }`,
      { old: earlier.toISOString(), missing: new Date(AS_OF.getTime() - DAY).toISOString() },
    );
    expect(result.data.latest).toEqual({ asOf: AS_OF.toISOString(), customerCount: 10 });
    // 100 days earlier only r09's orders (200–240 days before AS_OF) existed.
    expect(result.data.old).toEqual({ asOf: earlier.toISOString(), customerCount: 1 });
    expect(result.data.missing).toBeNull();

    const old = await run(
      `query($asOf: DateTime) { _entities(representations: [{ __typename: "Customer", id: "r09" }, { __typename: "Customer", id: "r01" }]) { ... on Customer { rfm(asOf: $asOf) { recencyDays segment } } } }`,
      { asOf: earlier.toISOString() },
    );
    expect(old.data._entities).toEqual([{ rfm: { recencyDays: 100, segment: 'HIBERNATING' } }, { rfm: null }]);
  });

  it('answers the segment trend: the last snapshots in a range, oldest first, each with every segment', async () => {
    const trend = `query($from: DateTime, $to: DateTime, $last: Int) { rfmSegmentTrend(from: $from, to: $to, last: $last) { asOf customerCount totalRevenue segments { segment customers share revenue } } }`;
    expect((await run(trend)).data.rfmSegmentTrend).toEqual([]);
    const asOfs = [daysBefore(100), daysBefore(50), daysBefore(10), AS_OF];
    for (const asOf of asOfs) await refresh(asOf);

    const all = (await run(trend)).data.rfmSegmentTrend;
    expect(all.map((report: { asOf: string }) => report.asOf)).toEqual(asOfs.map((asOf) => asOf.toISOString()));
    // Each point is the same report rfmSegments answers for its asOf.
    for (const [index, asOf] of asOfs.entries()) {
      const single = (await run(REPORT, { asOf: asOf.toISOString() })).data.rfmSegments;
      expect(all[index]).toEqual({
        asOf: single.asOf,
        customerCount: single.customerCount,
        totalRevenue: single.totalRevenue,
        segments: single.segments.map(({ segment, customers, share, revenue }: Record<string, unknown>) => ({
          segment,
          customers,
          share,
          revenue,
        })),
      });
    }
    expect(all.map((report: { customerCount: number }) => report.customerCount)).toEqual([1, 4, 7, 10]);
    expect(all[3].segments.find((size: { segment: string }) => size.segment === 'LOYAL').customers).toBe(2);

    const last2 = (await run(trend, { last: 2 })).data.rfmSegmentTrend;
    expect(last2.map((report: { asOf: string }) => report.asOf)).toEqual(
      [daysBefore(10), AS_OF].map((d) => d.toISOString()),
    );
    const ranged = (await run(trend, { from: daysBefore(60).toISOString(), to: AS_OF.toISOString() })).data
      .rfmSegmentTrend;
    expect(ranged.map((report: { asOf: string }) => report.asOf)).toEqual(
      [daysBefore(50), daysBefore(10)].map((d) => d.toISOString()),
    );

    for (const variables of [{ last: 0 }, { last: 53 }, { from: AS_OF.toISOString(), to: daysBefore(1).toISOString() }])
      expect(codeOf(await run(trend, variables))).toBe('BAD_USER_INPUT');
  });

  it("pages a segment by customer id with its total and each member's scores", async () => {
    await refresh(AS_OF);
    const page = `query($after: String) { customersInSegment(segment: LOYAL, first: 1, after: $after) { totalCount edges { cursor node { id } rfm { r f segment } } pageInfo { hasNextPage endCursor } } }`;
    const first = (await run(page)).data.customersInSegment;
    expect(first).toMatchObject({
      totalCount: 2,
      edges: [{ node: { id: 'r03' }, rfm: { r: 4, f: 5, segment: 'LOYAL' } }],
      pageInfo: { hasNextPage: true },
    });
    const second = (await run(page, { after: first.pageInfo.endCursor })).data.customersInSegment;
    expect(second).toMatchObject({ totalCount: 2, edges: [{ node: { id: 'r08' } }], pageInfo: { hasNextPage: false } });
    expect(codeOf(await run(`{ customersInSegment(segment: LOYAL, first: 1001) { totalCount } }`))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await run(`{ customersInSegment(segment: LOYAL, after: "nope") { totalCount } }`))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('means the latest asOf by "latest": a backfill computed afterwards does not switch the default snapshot', async () => {
    await runJobToEnd(subgraph, REFRESH, { asOf: AS_OF.toISOString() });
    expect((await runJobToEnd(subgraph, REFRESH, { asOf: daysBefore(100).toISOString() })).status).toBe('SUCCEEDED');
    const result = await run(
      `{ rfmSegments { asOf customerCount } _entities(representations: [{ __typename: "Customer", id: "r01" }]) { ... on Customer { rfm { asOf segment } } } }`,
    );
    expect(result.data.rfmSegments).toEqual({ asOf: AS_OF.toISOString(), customerCount: 10 });
    expect(result.data._entities).toEqual([{ rfm: { asOf: AS_OF.toISOString(), segment: 'CHAMPIONS' } }]);
  });

  it('refuses an asOf before the first order and keeps every snapshot; pruning goes by age only, never the latest asOf', async () => {
    await runJobToEnd(subgraph, REFRESH, { asOf: AS_OF.toISOString() });
    const early = await run(REFRESH, { asOf: '1990-01-01T00:00:00Z' });
    expect(codeOf(early)).toBe('BAD_USER_INPUT');
    expect(early.errors![0].message).toMatch(/before the first order/);
    for (let days = 1; days <= 8; days++)
      expect((await runJobToEnd(subgraph, REFRESH, { asOf: daysBefore(days).toISOString() })).status).toBe('SUCCEEDED');
    // Nine snapshots, all computed just now: none is old enough to prune, whatever their asOf.
    expect(await testDb.rowCount('rfm_snapshots')).toBe(9);
    // Age them past the retention: the next refresh prunes them, except the one with the latest asOf.
    await testDb.db
      .updateTable('rfm_snapshots')
      .set({ computed_at: new Date(Date.now() - 200 * DAY) })
      .execute();
    await runJobToEnd(subgraph, REFRESH, { asOf: daysBefore(50).toISOString() });
    const left = await testDb.db.selectFrom('rfm_snapshots').select('as_of').orderBy('as_of').execute();
    expect(left.map((row) => row.as_of.toISOString())).toEqual([daysBefore(50).toISOString(), AS_OF.toISOString()]);
  });

  it('rejects a reference date in the future', async () => {
    const future = new Date(Date.now() + 2 * DAY).toISOString();
    expect(codeOf(await run(REFRESH, { asOf: future }))).toBe('BAD_USER_INPUT');
    expect(await testDb.rowCount('rfm_snapshots')).toBe(0);
    // Refused before the job exists: no job row either.
    expect(await testDb.rowCount('jobs')).toBe(0);
  });
});
