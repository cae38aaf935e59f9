// The job registry (Query.job, Query.jobs, Mutation.cancelJob) and its apply function for other
// domains' JobChanged events, on a real database; the events transport is not part of this test.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Viewer } from '../../../shared/auth.js';
import type { JobCancelRequested, JobChanged } from '../../../shared/jobs/events.js';
import { errorCodeOf as codeOf, startSubgraphForTest, type SubgraphUnderTest } from '../../../shared/testing.js';
import type { CampaignsDatabase } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';
import { applyJobChanged } from '../src/job-registry.js';
import { createServer } from '../src/server.js';

const analyst: Viewer = { subject: 'analyst-1', scopes: ['analytics:run'] };
const marketer: Viewer = { subject: 'marketer-7', scopes: ['marketing:read'] };
const requests: JobCancelRequested[] = [];
let subgraph: SubgraphUnderTest<CampaignsDatabase>;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('campaigns', migrations, (deps) =>
    createServer({ ...deps, onJobCancelRequested: async (_trx, event) => void requests.push(event) }),
  );
});

afterAll(async () => {
  await subgraph?.stop();
});

beforeEach(async () => {
  requests.length = 0;
  await subgraph.testDb.db.deleteFrom('job_registry').execute();
  await subgraph.testDb.db.deleteFrom('jobs').execute();
});

function changed(overrides: Partial<JobChanged> = {}): JobChanged {
  return {
    type: 'JobChanged',
    schemaVersion: 1,
    domain: 'orders',
    jobId: '7d0c4a52-1f1e-4c55-9d8f-2b1f0c3a9e01',
    version: 1,
    kind: 'REFRESH_RFM',
    target: 'all',
    scope: 'analytics:run',
    status: 'QUEUED',
    progress: 0,
    createdBy: 'analyst-1',
    createdAt: '2026-12-04T10:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    error: null,
    result: null,
    cancelRequested: false,
    ...overrides,
  };
}

const JOB = `query($id: ID!) { job(id: $id) { id kind status progress target createdBy createdAt startedAt finishedAt error result } }`;

describe('applyJobChanged', () => {
  it('keeps the newest version of each job: redelivered and late events change nothing', async () => {
    const db = subgraph.testDb.db;
    expect(await applyJobChanged(db, changed())).toBe(true);
    const running = changed({ version: 2, status: 'RUNNING', startedAt: '2026-12-04T10:00:01.000Z', progress: 0.4 });
    expect(await applyJobChanged(db, running)).toBe(true);
    // Redelivered, then the first event arriving again late: both ignored.
    expect(await applyJobChanged(db, running)).toBe(false);
    expect(await applyJobChanged(db, changed())).toBe(false);
    const job = (await subgraph.run(JOB, { id: changed().jobId }, analyst)).data.job;
    expect(job).toMatchObject({
      status: 'RUNNING',
      progress: 0.4,
      kind: 'REFRESH_RFM',
      createdBy: 'analyst-1',
      startedAt: '2026-12-04T10:00:01.000Z',
    });
    await applyJobChanged(
      db,
      changed({
        version: 3,
        status: 'SUCCEEDED',
        progress: 1,
        finishedAt: '2026-12-04T10:00:09.000Z',
        result: '2026-12-04T10:00:00.000Z',
      }),
    );
    expect((await subgraph.run(JOB, { id: changed().jobId }, analyst)).data.job).toMatchObject({
      status: 'SUCCEEDED',
      progress: 1,
      result: '2026-12-04T10:00:00.000Z',
    });
    expect(await subgraph.testDb.rowCount('job_registry')).toBe(1);
  });
});

describe('Query.job and Query.jobs', () => {
  it('shows a job to its creator and to holders of its scope, and FORBIDDEN to anyone else', async () => {
    await applyJobChanged(subgraph.testDb.db, changed({ createdBy: 'marketer-7' }));
    const id = changed().jobId;
    expect((await subgraph.run(JOB, { id }, marketer)).data.job.id).toBe(id);
    expect((await subgraph.run(JOB, { id }, analyst)).data.job.id).toBe(id);
    const stranger = await subgraph.run(JOB, { id }, { subject: 'someone', scopes: ['marketing:read'] });
    expect(codeOf(stranger)).toBe('FORBIDDEN');
    expect(stranger.data.job).toBeNull();
    expect((await subgraph.run(JOB, { id: '00000000-0000-4000-8000-000000000000' }, analyst)).data.job).toBeNull();
    expect((await subgraph.run(JOB, { id: 'not-a-uuid' }, analyst)).data.job).toBeNull();
  });

  it('resolves Job references in one registry statement per batch, with the same access rule', async () => {
    const second = '7d0c4a52-1f1e-4c55-9d8f-2b1f0c3a9e02';
    await applyJobChanged(subgraph.testDb.db, changed());
    await applyJobChanged(subgraph.testDb.db, changed({ jobId: second }));
    const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Job { id status } } }`;
    const representations = [changed().jobId, second, '00000000-0000-4000-8000-000000000000', 'not-a-uuid'].map(
      (id) => ({ __typename: 'Job', id }),
    );
    subgraph.testDb.resetStatementCount();
    const answer = await subgraph.run(ENTITIES, { representations }, analyst);
    expect(answer.data._entities).toEqual([
      { id: changed().jobId, status: 'QUEUED' },
      { id: second, status: 'QUEUED' },
      null,
      null,
    ]);
    expect(subgraph.testDb.statementCount()).toBe(1);
    const stranger = await subgraph.run(ENTITIES, { representations }, { subject: 'someone', scopes: [] });
    expect(codeOf(stranger)).toBe('FORBIDDEN');
  });

  it('lists only readable jobs, newest first, by kind and status, a page at a time', async () => {
    const db = subgraph.testDb.db;
    const ids = ['a', 'b', 'c', 'd'].map((c) => `7d0c4a52-1f1e-4c55-9d8f-2b1f0c3a9e0${c}`);
    await applyJobChanged(db, changed({ jobId: ids[0], createdAt: '2026-12-04T10:00:00.000Z' }));
    await applyJobChanged(
      db,
      changed({
        jobId: ids[1],
        createdAt: '2026-12-04T10:01:00.000Z',
        kind: 'MINE_ASSOCIATION_RULES',
        status: 'RUNNING',
      }),
    );
    await applyJobChanged(
      db,
      changed({ jobId: ids[2], createdAt: '2026-12-04T10:02:00.000Z', createdBy: 'marketer-7' }),
    );
    // A job of a kind another scope starts, started by someone else: invisible to both viewers.
    await applyJobChanged(
      db,
      changed({ jobId: ids[3], createdAt: '2026-12-04T10:03:00.000Z', scope: 'privacy:admin', createdBy: 'dpo-1' }),
    );
    const LIST = `query($kind: JobKind, $status: JobStatus, $first: Int, $after: String) { jobs(kind: $kind, status: $status, first: $first, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }`;
    const all = (await subgraph.run(LIST, {}, analyst)).data.jobs;
    expect(all.nodes.map((n: { id: string }) => n.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect((await subgraph.run(LIST, {}, marketer)).data.jobs.nodes.map((n: { id: string }) => n.id)).toEqual([ids[2]]);
    expect((await subgraph.run(LIST, { kind: 'MINE_ASSOCIATION_RULES' }, analyst)).data.jobs.nodes).toEqual([
      { id: ids[1] },
    ]);
    expect(
      (await subgraph.run(LIST, { status: 'QUEUED' }, analyst)).data.jobs.nodes.map((n: { id: string }) => n.id),
    ).toEqual([ids[2], ids[0]]);
    const first = (await subgraph.run(LIST, { first: 2 }, analyst)).data.jobs;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await subgraph.run(LIST, { first: 2, after: first.pageInfo.endCursor }, analyst)).data.jobs;
    expect(second).toEqual({
      nodes: [{ id: ids[0] }],
      pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
    });
    expect(codeOf(await subgraph.run(LIST, { first: 101 }, analyst))).toBe('BAD_USER_INPUT');
  });
});

describe('Mutation.cancelJob', () => {
  it("records a cancel request for another domain's job and sends the owner a JobCancelRequested, in one transaction", async () => {
    const db = subgraph.testDb.db;
    await applyJobChanged(db, changed({ version: 2, status: 'RUNNING' }));
    const id = changed().jobId;
    const CANCEL = `mutation($id: ID!) { cancelJob(id: $id) { id status } }`;
    expect(codeOf(await subgraph.run(CANCEL, { id }, { subject: 'someone', scopes: [] }))).toBe('FORBIDDEN');
    expect(requests).toEqual([]);
    const answer = await subgraph.run(CANCEL, { id }, analyst);
    expect(answer.errors).toBeUndefined();
    // Still RUNNING until the owner reports it stopped.
    expect(answer.data.cancelJob).toEqual({ id, status: 'RUNNING' });
    expect(requests).toEqual([
      {
        type: 'JobCancelRequested',
        schemaVersion: 1,
        domain: 'orders',
        jobId: id,
        requestedBy: 'analyst-1',
        requestedAt: expect.any(String),
      },
    ]);
    const stored = await db
      .selectFrom('job_registry')
      .select(['cancel_requested'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.cancel_requested).toBe(true);
    // The owner's next progress report (it has not seen the request yet) does not erase the request.
    await applyJobChanged(db, changed({ version: 3, status: 'RUNNING', progress: 0.5 }));
    expect(
      (await db.selectFrom('job_registry').select(['cancel_requested']).where('id', '=', id).executeTakeFirstOrThrow())
        .cancel_requested,
    ).toBe(true);
    await applyJobChanged(
      db,
      changed({
        version: 4,
        status: 'CANCELLED',
        cancelRequested: true,
        finishedAt: '2026-12-04T10:00:05.000Z',
        error: 'cancelled on request',
      }),
    );
    expect((await subgraph.run(JOB, { id }, analyst)).data.job).toMatchObject({
      status: 'CANCELLED',
      error: 'cancelled on request',
    });
    expect(codeOf(await subgraph.run(CANCEL, { id: '00000000-0000-4000-8000-000000000000' }, analyst))).toBe(
      'NOT_FOUND',
    );
  });

  it("cancels this domain's own queued job at once, through its runner, and the registry follows in the same transaction", async () => {
    // A queued attribution job whose campaign data is not needed: it is cancelled before any runner claims it.
    const db = subgraph.testDb.db;
    await db
      .insertInto('jobs')
      .values({
        id: 'f2b4a7a0-8c3b-4d0e-9d51-0a6c1f5e2b10',
        kind: 'ATTRIBUTION',
        target: 'x',
        params: '{}',
        status: 'QUEUED',
        created_by: 'analyst-1',
      })
      .execute();
    await applyJobChanged(
      db,
      changed({ jobId: 'f2b4a7a0-8c3b-4d0e-9d51-0a6c1f5e2b10', domain: 'campaigns', kind: 'ATTRIBUTION', target: 'x' }),
    );
    const answer = await subgraph.run(
      `mutation { cancelJob(id: "f2b4a7a0-8c3b-4d0e-9d51-0a6c1f5e2b10") { status error } }`,
      {},
      analyst,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data.cancelJob).toEqual({ status: 'CANCELLED', error: null });
    expect(requests).toEqual([]);
  });
});

describe('starting jobs with bad input', () => {
  it('answers BAD_USER_INPUT or NOT_FOUND and writes no job', async () => {
    const cases: [string, string][] = [
      ['NOT_FOUND', `mutation { buildAudience(campaignId: "cmp-nope") { id } }`],
      [
        'BAD_USER_INPUT',
        `mutation { startAttribution(model: LINEAR, from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z") { id } }`,
      ],
      [
        'BAD_USER_INPUT',
        `mutation { startAttribution(model: LINEAR, from: "2024-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z") { id } }`,
      ],
      [
        'BAD_USER_INPUT',
        `mutation { startAttribution(model: SHAPLEY, from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", lookbackDays: 0) { id } }`,
      ],
    ];
    for (const [code, mutation] of cases)
      expect(codeOf(await subgraph.run(mutation, {}, analyst)), mutation).toBe(code);
    const campaign = (
      await subgraph.run(`mutation { createCampaign(input: { name: "No rule", channel: EMAIL }) { id } }`)
    ).data.createCampaign.id;
    expect(
      codeOf(
        await subgraph.run(`mutation($id: ID!) { buildAudience(campaignId: $id) { id } }`, { id: campaign }, analyst),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(await subgraph.testDb.rowCount('jobs')).toBe(0);
    expect(await subgraph.testDb.rowCount('job_registry')).toBe(0);
  });
});
