import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../../shared/pagination.js';
import {
  errorCodeOf as codeOf,
  startSubgraphForTest,
  type OperationResult as Result,
  type SubgraphUnderTest,
  type TestDatabase,
} from '../../../shared/testing.js';
import type { CampaignsDatabase } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';
import {
  BASE,
  campaignId,
  customerId,
  KINDS,
  pad2,
  promotedSkusOf,
  resetFixtures,
  serverWithOrders,
  touchpointCampaign,
  UNKNOWN_CUSTOMER,
} from './fixtures.js';

let subgraph: SubgraphUnderTest<CampaignsDatabase>;
let testDb: TestDatabase<CampaignsDatabase>;
const run = (query: string, variables?: Record<string, unknown>): Promise<Result> => subgraph.run(query, variables);
const ids = (nodes: { id: string }[]) => nodes.map((node) => node.id);

beforeAll(async () => {
  subgraph = await startSubgraphForTest('campaigns', migrations, serverWithOrders([]));
  testDb = subgraph.testDb;
});

afterAll(async () => {
  await subgraph.stop();
});

beforeEach(async () => {
  await resetFixtures(testDb.db);
});

describe('Query.campaign', () => {
  it('reads a campaign with its promoted skus in campaign order', async () => {
    const result = await run(
      `{ campaign(id: "cmp-07") { id name channel status startsAt endsAt budget createdAt promotedSkus promotedProducts { sku } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.campaign).toEqual({
      id: 'cmp-07',
      name: 'Campaign 7',
      channel: 'EMAIL',
      status: 'DRAFT',
      startsAt: new Date(BASE + 7 * 86_400_000).toISOString(),
      endsAt: new Date(BASE + 37 * 86_400_000).toISOString(),
      budget: 703.5,
      createdAt: new Date(BASE + 7 * 60_000).toISOString(),
      promotedSkus: ['SKU-7-C', 'SKU-7-A', 'SKU-7-B'],
      promotedProducts: [{ sku: 'SKU-7-C' }, { sku: 'SKU-7-A' }, { sku: 'SKU-7-B' }],
    });
  });

  it('returns null for an unknown id', async () => {
    const result = await run(`{ campaign(id: "nope") { id } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.campaign).toBeNull();
  });
});

describe('Query.campaigns', () => {
  const query = `query($first: Int, $after: String, $status: CampaignStatus) {
    campaigns(first: $first, after: $after, status: $status) { edges { cursor node { id } } nodes { id status } pageInfo { hasNextPage endCursor } }
  }`;

  it('pages newest first through every campaign without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    const hasNext: boolean[] = [];
    for (let page = 0; page < 5; page++) {
      const result = await run(query, { first: 25, after });
      expect(result.errors).toBeUndefined();
      const { edges, nodes, pageInfo } = result.data.campaigns;
      expect(edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual(ids(nodes));
      expect(pageInfo.endCursor).toBe(edges.at(-1).cursor);
      seen.push(...ids(nodes));
      hasNext.push(pageInfo.hasNextPage);
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(hasNext).toEqual([true, true, false]);
    expect(seen).toEqual(Array.from({ length: 60 }, (_, n) => campaignId(60 - n)));
  });

  it('filters by status before the limit', async () => {
    const result = await run(query, { first: 5, status: 'ACTIVE' });
    expect(result.data.campaigns.nodes).toEqual(
      [60, 57, 54, 51, 48].map((i) => ({ id: campaignId(i), status: 'ACTIVE' })),
    );
    expect(result.data.campaigns.pageInfo.hasNextPage).toBe(true);
    const rest = await run(query, { first: 100, status: 'ACTIVE', after: result.data.campaigns.pageInfo.endCursor });
    expect(rest.data.campaigns.nodes).toHaveLength(15);
    expect(rest.data.campaigns.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
  });

  it('breaks ties in created_at by id', async () => {
    // created_at is not updatable through the table type; the test rewrites history directly.
    await sql`update campaigns set created_at = ${new Date(BASE)}`.execute(testDb.db);
    const first = await run(query, { first: 30 });
    const second = await run(query, { first: 30, after: first.data.campaigns.pageInfo.endCursor });
    expect([...ids(first.data.campaigns.nodes), ...ids(second.data.campaigns.nodes)]).toEqual(
      Array.from({ length: 60 }, (_, n) => campaignId(60 - n)),
    );
    expect(second.data.campaigns.pageInfo.hasNextPage).toBe(false);
  });

  it('uses the default page size and handles first: 0', async () => {
    const byDefault = await run(`{ campaigns { nodes { id } pageInfo { hasNextPage } } }`);
    expect(byDefault.data.campaigns.nodes).toHaveLength(20);
    const empty = await run(query, { first: 0 });
    expect(empty.data.campaigns).toEqual({ edges: [], nodes: [], pageInfo: { hasNextPage: true, endCursor: null } });
  });

  it('rejects a page size above 100, a negative one and malformed cursors', async () => {
    expect(codeOf(await run(query, { first: 101 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(query, { first: -1 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(query, { after: 'garbage' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(query, { after: encodeCursor(['not a date', 'cmp-01']) }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(query, { after: encodeCursor([new Date(BASE).toISOString(), 7]) }))).toBe('BAD_USER_INPUT');
  });
});

describe('createCampaign', () => {
  const create = `mutation($input: CreateCampaignInput!) {
    createCampaign(input: $input) { id name channel status startsAt endsAt budget promotedSkus promotedProducts { sku } createdAt }
  }`;

  it('creates a campaign with its promoted skus in the given order', async () => {
    const input = {
      name: '  Winter Edit  ',
      channel: 'PUSH',
      startsAt: '2026-12-01T00:00:00.000Z',
      endsAt: '2026-12-24T00:00:00.000Z',
      budget: 2500.25,
      promotedSkus: ['SKU-9', 'SKU-1', 'SKU-5'],
    };
    const result = await run(create, { input });
    expect(result.errors).toBeUndefined();
    const created = result.data.createCampaign;
    expect(created).toMatchObject({
      name: 'Winter Edit',
      channel: 'PUSH',
      status: 'DRAFT',
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      budget: 2500.25,
      promotedSkus: ['SKU-9', 'SKU-1', 'SKU-5'],
      promotedProducts: [{ sku: 'SKU-9' }, { sku: 'SKU-1' }, { sku: 'SKU-5' }],
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);

    const readBack = await run(`query($id: ID!) { campaign(id: $id) { name status promotedSkus } }`, {
      id: created.id,
    });
    expect(readBack.data.campaign).toEqual({
      name: 'Winter Edit',
      status: 'DRAFT',
      promotedSkus: ['SKU-9', 'SKU-1', 'SKU-5'],
    });
    const newest = await run(`{ campaigns(first: 1) { nodes { id } } }`);
    expect(ids(newest.data.campaigns.nodes)).toEqual([created.id]);
  });

  it('creates a minimal campaign with an explicit status and no skus', async () => {
    const result = await run(create, { input: { name: 'Flash', channel: 'SMS', status: 'SCHEDULED' } });
    expect(result.errors).toBeUndefined();
    expect(result.data.createCampaign).toMatchObject({
      name: 'Flash',
      status: 'SCHEDULED',
      startsAt: null,
      endsAt: null,
      budget: null,
      promotedSkus: [],
      promotedProducts: [],
    });
  });

  it('rejects invalid input without writing anything', async () => {
    const valid = { name: 'Valid', channel: 'EMAIL' };
    const invalid = [
      { ...valid, name: '   ' },
      { ...valid, name: 'x'.repeat(201) },
      { ...valid, budget: -1 },
      { ...valid, budget: 1e12 },
      { ...valid, startsAt: '2026-12-02T00:00:00Z', endsAt: '2026-12-01T00:00:00Z' },
      { ...valid, startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-01T00:00:00Z' },
      { ...valid, promotedSkus: ['SKU-1', 'SKU-2', 'SKU-1'] },
      { ...valid, promotedSkus: ['SKU-1', ' '] },
      { ...valid, promotedSkus: Array.from({ length: 101 }, (_, n) => `SKU-${n}`) },
    ];
    for (const input of invalid) {
      const result = await run(create, { input });
      expect(codeOf(result), JSON.stringify(input).slice(0, 80)).toBe('BAD_USER_INPUT');
    }
    expect(await testDb.rowCount('campaigns')).toBe(60);
    // 100 skus is the limit, not an error.
    const atLimit = await run(create, {
      input: { ...valid, promotedSkus: Array.from({ length: 100 }, (_, n) => `SKU-${n}`) },
    });
    expect(atLimit.errors).toBeUndefined();
    expect(atLimit.data.createCampaign.promotedSkus).toHaveLength(100);
  });
});

describe('updateCampaign', () => {
  const update = `mutation($id: ID!, $input: UpdateCampaignInput!) {
    updateCampaign(id: $id, input: $input) { id name channel status startsAt endsAt budget promotedSkus }
  }`;

  it('changes only the given fields', async () => {
    const result = await run(update, { id: 'cmp-07', input: { status: 'ACTIVE', budget: 99.99 } });
    expect(result.errors).toBeUndefined();
    expect(result.data.updateCampaign).toEqual({
      id: 'cmp-07',
      name: 'Campaign 7',
      channel: 'EMAIL',
      status: 'ACTIVE',
      startsAt: new Date(BASE + 7 * 86_400_000).toISOString(),
      endsAt: new Date(BASE + 37 * 86_400_000).toISOString(),
      budget: 99.99,
      promotedSkus: promotedSkusOf(7),
    });
    const row = await testDb.db
      .selectFrom('campaigns')
      .select(['updated_at', 'created_at'])
      .where('id', '=', 'cmp-07')
      .executeTakeFirstOrThrow();
    expect(row.updated_at.getTime()).toBeGreaterThan(row.created_at.getTime());
  });

  it('replaces the promoted skus, keeping the new order', async () => {
    const result = await run(update, {
      id: 'cmp-07',
      input: { promotedSkus: ['SKU-7-B', 'NEW-1', 'SKU-7-C', 'NEW-0'] },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data.updateCampaign.promotedSkus).toEqual(['SKU-7-B', 'NEW-1', 'SKU-7-C', 'NEW-0']);
    const readBack = await run(`{ campaign(id: "cmp-07") { promotedSkus } }`);
    expect(readBack.data.campaign.promotedSkus).toEqual(['SKU-7-B', 'NEW-1', 'SKU-7-C', 'NEW-0']);
    const cleared = await run(update, { id: 'cmp-07', input: { promotedSkus: [] } });
    expect(cleared.data.updateCampaign.promotedSkus).toEqual([]);
    // Other campaigns keep theirs.
    expect((await run(`{ campaign(id: "cmp-08") { promotedSkus } }`)).data.campaign.promotedSkus).toEqual(
      promotedSkusOf(8),
    );
  });

  it('clears the optional fields with an explicit null', async () => {
    const result = await run(update, { id: 'cmp-07', input: { budget: null, startsAt: null, endsAt: null } });
    expect(result.data.updateCampaign).toMatchObject({
      budget: null,
      startsAt: null,
      endsAt: null,
      name: 'Campaign 7',
    });
  });

  it('checks the schedule against the stored values', async () => {
    // cmp-07 starts on day 7: ending on day 5 is before the stored start.
    const endsTooEarly = await run(update, {
      id: 'cmp-07',
      input: { endsAt: new Date(BASE + 5 * 86_400_000).toISOString() },
    });
    expect(codeOf(endsTooEarly)).toBe('BAD_USER_INPUT');
    const startsTooLate = await run(update, {
      id: 'cmp-07',
      input: { startsAt: new Date(BASE + 40 * 86_400_000).toISOString() },
    });
    expect(codeOf(startsTooLate)).toBe('BAD_USER_INPUT');
    const bothMoved = await run(update, {
      id: 'cmp-07',
      input: {
        startsAt: new Date(BASE + 40 * 86_400_000).toISOString(),
        endsAt: new Date(BASE + 50 * 86_400_000).toISOString(),
      },
    });
    expect(bothMoved.errors).toBeUndefined();
  });

  it('rejects bad input and leaves the campaign as it was', async () => {
    for (const input of [
      { name: '' },
      { name: null },
      { status: null },
      { budget: -5 },
      { promotedSkus: ['A', 'A'] },
      { promotedSkus: null },
      { name: 'Renamed', promotedSkus: ['B', ''] },
    ]) {
      expect(codeOf(await run(update, { id: 'cmp-07', input })), JSON.stringify(input)).toBe('BAD_USER_INPUT');
    }
    const readBack = await run(`{ campaign(id: "cmp-07") { name budget promotedSkus } }`);
    expect(readBack.data.campaign).toEqual({ name: 'Campaign 7', budget: 703.5, promotedSkus: promotedSkusOf(7) });
  });

  it('answers NOT_FOUND for an unknown campaign', async () => {
    expect(codeOf(await run(update, { id: 'nope', input: { name: 'x' } }))).toBe('NOT_FOUND');
    expect(codeOf(await run(update, { id: 'nope', input: {} }))).toBe('NOT_FOUND');
  });
});

describe('recordTouchpoint', () => {
  const record = `mutation($input: RecordTouchpointInput!) {
    recordTouchpoint(input: $input) { id channel kind occurredAt customer { id } campaign { id name } }
  }`;

  it('takes the channel from the campaign and the time from the clock by default', async () => {
    const before = Date.now();
    const result = await run(record, { input: { customerId: 'cus-99', campaignId: 'cmp-08', kind: 'CLICK' } });
    expect(result.errors).toBeUndefined();
    const touchpoint = result.data.recordTouchpoint;
    expect(touchpoint).toMatchObject({
      channel: 'SMS',
      kind: 'CLICK',
      customer: { id: 'cus-99' },
      campaign: { id: 'cmp-08', name: 'Campaign 8' },
    });
    const occurredAt = new Date(touchpoint.occurredAt).getTime();
    expect(occurredAt).toBeGreaterThanOrEqual(before - 1);
    expect(occurredAt).toBeLessThanOrEqual(Date.now() + 1);

    const listed = await run(`{ campaign(id: "cmp-08") { touchpoints(first: 1) { nodes { id kind } } } }`);
    expect(listed.data.campaign.touchpoints.nodes).toEqual([{ id: touchpoint.id, kind: 'CLICK' }]);
  });

  it('keeps an explicit channel and time', async () => {
    const occurredAt = '2025-05-05T10:00:00.123Z';
    const result = await run(record, {
      input: { customerId: 'cus-01', campaignId: 'cmp-08', kind: 'OPEN', channel: 'PUSH', occurredAt },
    });
    expect(result.data.recordTouchpoint).toMatchObject({ channel: 'PUSH', kind: 'OPEN', occurredAt });
  });

  it('answers NOT_FOUND for an unknown campaign and BAD_USER_INPUT for an empty customer id', async () => {
    expect(codeOf(await run(record, { input: { customerId: 'cus-01', campaignId: 'nope', kind: 'OPEN' } }))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await run(record, { input: { customerId: '  ', campaignId: 'cmp-01', kind: 'OPEN' } }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await testDb.rowCount('touchpoints')).toBe(420);
  });

  it('answers NOT_FOUND naming input.customerId for a customer the customers domain does not know, writing nothing', async () => {
    const outbox = await testDb.rowCount('outbox');
    const result = await run(record, { input: { customerId: UNKNOWN_CUSTOMER, campaignId: 'cmp-01', kind: 'OPEN' } });
    expect(codeOf(result)).toBe('NOT_FOUND');
    expect(result.errors![0].message).toBe(`input.customerId: no customer ${UNKNOWN_CUSTOMER} (unknown or erased)`);
    expect(await testDb.rowCount('touchpoints')).toBe(420);
    expect(await testDb.rowCount('outbox')).toBe(outbox);
  });
});

describe('touchpoint connections', () => {
  const customerTouchpoints = `query($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) {
    ... on Customer { id touchpoints(first: $first, after: $after) { nodes { id kind occurredAt customer { id } campaign { name } } pageInfo { hasNextPage endCursor } } }
  } }`;

  it('pages through a campaign newest first', async () => {
    const query = `query($after: String) { campaign(id: "cmp-10") { touchpoints(first: 3, after: $after) { nodes { id occurredAt campaign { id } } pageInfo { hasNextPage endCursor } } } }`;
    const seen: { id: string; occurredAt: string }[] = [];
    let after: string | null = null;
    const hasNext: boolean[] = [];
    for (let page = 0; page < 5; page++) {
      const result = await run(query, { after });
      expect(result.errors).toBeUndefined();
      const { nodes, pageInfo } = result.data.campaign.touchpoints;
      for (const node of nodes) expect(node.campaign.id).toBe('cmp-10');
      seen.push(...nodes);
      hasNext.push(pageInfo.hasNextPage);
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(hasNext).toEqual([true, true, false]);
    // Campaign 10 is touched by customer k at j where (k + j) % 60 + 1 = 10: k = 9 - j, for j = 0..6.
    const expected = [0, 1, 2, 3, 4, 5, 6]
      .map((j) => ({ k: 9 - j, j }))
      .sort((a, b) => b.k * 10 + b.j - (a.k * 10 + a.j));
    expect(ids(seen)).toEqual(expected.map(({ k, j }) => `tp-${pad2(k)}-${j}`));
    const times = seen.map((node) => node.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('pages through a customer, with the exact last page and a bad cursor', async () => {
    const r = [{ __typename: 'Customer', id: 'cus-03' }];
    const firstPage = await run(customerTouchpoints, { r, first: 4 });
    expect(firstPage.errors).toBeUndefined();
    const page1 = firstPage.data._entities[0].touchpoints;
    expect(ids(page1.nodes)).toEqual(['tp-03-6', 'tp-03-5', 'tp-03-4', 'tp-03-3']);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await run(customerTouchpoints, { r, first: 3, after: page1.pageInfo.endCursor })).data._entities[0]
      .touchpoints;
    expect(ids(page2.nodes)).toEqual(['tp-03-2', 'tp-03-1', 'tp-03-0']);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const unknown = (await run(customerTouchpoints, { r: [{ __typename: 'Customer', id: 'cus-nobody' }], first: 5 }))
      .data._entities[0];
    expect(unknown).toEqual({
      id: 'cus-nobody',
      touchpoints: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } },
    });
    expect(codeOf(await run(customerTouchpoints, { r, first: 101 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(customerTouchpoints, { r, after: 'not-a-cursor' }))).toBe('BAD_USER_INPUT');
  });

  it('breaks ties in occurred_at by id', async () => {
    await testDb.db
      .updateTable('touchpoints')
      .set({ occurred_at: new Date(BASE) })
      .where('customer_id', '=', 'cus-05')
      .execute();
    const r = [{ __typename: 'Customer', id: 'cus-05' }];
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result: Result = await run(customerTouchpoints, { r, first: 2, after });
      const { nodes, pageInfo } = result.data._entities[0].touchpoints;
      seen.push(...ids(nodes));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0].map((j) => `tp-05-${j}`));
  });

  it('batches different page arguments in one request into one statement per argument set', async () => {
    const query = `{ _entities(representations: [{ __typename: "Customer", id: "cus-01" }, { __typename: "Customer", id: "cus-02" }]) {
      ... on Customer { two: touchpoints(first: 2) { nodes { id } } three: touchpoints(first: 3) { nodes { id } } }
    } }`;
    testDb.resetStatementCount();
    const result = await run(query);
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toEqual([
      {
        two: { nodes: [{ id: 'tp-01-6' }, { id: 'tp-01-5' }] },
        three: { nodes: [{ id: 'tp-01-6' }, { id: 'tp-01-5' }, { id: 'tp-01-4' }] },
      },
      {
        two: { nodes: [{ id: 'tp-02-6' }, { id: 'tp-02-5' }] },
        three: { nodes: [{ id: 'tp-02-6' }, { id: 'tp-02-5' }, { id: 'tp-02-4' }] },
      },
    ]);
    expect(testDb.statementCount()).toBe(2);
  });
});

describe('entities', () => {
  it('resolves Campaign references for @requires(fields: "promotedSkus") with a constant statement count', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Campaign { promotedSkus } } }`;
    const counts: number[] = [];
    for (const n of [5, 50]) {
      // Reverse order, so the test notices a loader that returns rows in database order.
      const r = Array.from({ length: n }, (_, i) => ({ __typename: 'Campaign', id: campaignId(n - i) }));
      testDb.resetStatementCount();
      const result = await run(query, { r });
      expect(result.errors).toBeUndefined();
      expect(result.data._entities).toEqual(r.map((_, i) => ({ promotedSkus: promotedSkusOf(n - i) })));
      counts.push(testDb.statementCount());
    }
    expect(counts).toEqual([2, 2]);
  });

  it('returns null for an unknown Campaign reference', async () => {
    const result = await run(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Campaign { id name } } }`, {
      r: [
        { __typename: 'Campaign', id: 'nope' },
        { __typename: 'Campaign', id: 'cmp-02' },
      ],
    });
    expect(result.data._entities).toEqual([null, { id: 'cmp-02', name: 'Campaign 2' }]);
  });

  it('resolves Customer.touchpoints with campaigns for 5 or 50 customers with a constant statement count', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id touchpoints(first: 5) { nodes { kind campaign { name } } } } } }`;
    const counts: number[] = [];
    for (const n of [5, 50]) {
      const r = Array.from({ length: n }, (_, i) => ({ __typename: 'Customer', id: customerId(n - i) }));
      testDb.resetStatementCount();
      const result = await run(query, { r });
      expect(result.errors).toBeUndefined();
      const expected = r.map((_, i) => {
        const k = n - i;
        return {
          id: customerId(k),
          touchpoints: {
            nodes: [6, 5, 4, 3, 2].map((j) => ({
              kind: KINDS[j % 3],
              campaign: { name: `Campaign ${touchpointCampaign(k, j)}` },
            })),
          },
        };
      });
      expect(result.data._entities).toEqual(expected);
      counts.push(testDb.statementCount());
    }
    // No SQL for the Customer references themselves: one statement for touchpoints, one for campaigns.
    expect(counts).toEqual([2, 2]);
  });

  it('costs one statement per field when listing campaigns with skus and touchpoints', async () => {
    const counts: number[] = [];
    for (const n of [5, 50]) {
      testDb.resetStatementCount();
      const result = await run(
        `query($n: Int) { campaigns(first: $n) { nodes { id promotedSkus touchpoints(first: 2) { nodes { customer { id } campaign { id } } } } } }`,
        { n },
      );
      expect(result.errors).toBeUndefined();
      const nodes = result.data.campaigns.nodes;
      expect(nodes).toHaveLength(n);
      for (const node of nodes) {
        expect(node.touchpoints.nodes).toHaveLength(2);
        for (const touchpoint of node.touchpoints.nodes) expect(touchpoint.campaign.id).toBe(node.id);
      }
      counts.push(testDb.statementCount());
    }
    // The list primes the campaign loader, so Touchpoint.campaign costs nothing more.
    expect(counts).toEqual([3, 3]);
  });
});
