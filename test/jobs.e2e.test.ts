// Jobs through the gateway: a mutation starts one and answers at once, Query.job follows it to its
// end, its result names what it produced. The orders domain's job events reach the campaigns job
// registry through the in-process stand-in for the events transport (test/support/in-process-mesh.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob, waitForJob } from '../shared/jobs/wait.js';
import { createWorld } from '../scripts/seed/world.js';
import { startInProcessMesh, type InProcessMesh } from './support/in-process-mesh.js';

const world = createWorld({ customers: 200, products: 40, orders: 2_000, campaigns: 3, touchpoints: 2_000 }, 12);
let mesh: InProcessMesh;

beforeAll(async () => {
  mesh = await startInProcessMesh(world);
}, 180_000);

afterAll(async () => {
  await mesh?.close();
}, 60_000);

describe('jobs through the gateway', () => {
  it('starts refreshRfm with an analytics:run token, answers at once with a QUEUED job, and Query.job follows it to SUCCEEDED', async () => {
    const token = await mesh.token(['analytics:run', 'marketing:read', 'adhoc'], { subject: 'analyst-e2e' });
    const started = await mesh.query(
      `mutation { refreshRfm { id kind status progress createdBy target startedAt finishedAt } }`,
      {},
      token,
    );
    expect(started.errors).toBeUndefined();
    expect(started.data.refreshRfm).toMatchObject({
      kind: 'REFRESH_RFM',
      status: 'QUEUED',
      progress: 0,
      createdBy: 'analyst-e2e',
      target: 'all',
      finishedAt: null,
    });
    const seen: string[] = [];
    const ended = await waitForJob(mesh.graphRequest(token), started.data.refreshRfm.id, {
      intervalMs: 100,
      timeoutMs: 60_000,
      onProgress: (_, status) => seen.push(status),
    });
    expect(ended).toMatchObject({ status: 'SUCCEEDED', progress: 1, error: null });
    expect(seen.at(-1)).toBe('SUCCEEDED');
    // The result names the snapshot the job stored.
    const report = await mesh.query(
      `query($asOf: DateTime) { rfmSegments(asOf: $asOf) { asOf customerCount } }`,
      { asOf: ended.result },
      token,
    );
    expect(report.data.rfmSegments.asOf).toBe(ended.result);
    expect(report.data.rfmSegments.customerCount).toBeGreaterThan(100);
    // Listed for its creator; invisible and FORBIDDEN to a caller who neither started it nor may start its kind.
    const listed = await mesh.query(`{ jobs(kind: REFRESH_RFM) { nodes { id status } } }`, {}, token);
    expect(listed.data.jobs.nodes).toContainEqual({ id: ended.id, status: 'SUCCEEDED' });
    const outsider = await mesh.token(['marketing:read', 'adhoc'], { subject: 'outsider' });
    expect((await mesh.query(`{ jobs { nodes { id } } }`, {}, outsider)).data.jobs.nodes).toEqual([]);
    const peek = await mesh.query(`query($id: ID!) { job(id: $id) { id status } }`, { id: ended.id }, outsider);
    expect(peek.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }, 90_000);

  it('refuses a second job of the same kind and target while one is active, naming it', async () => {
    const first = (await mesh.query(`mutation { mineAssociationRules(input: { minSupport: 0.002 }) { id } }`)).data
      .mineAssociationRules;
    const second = await mesh.query(`mutation { mineAssociationRules { id } }`);
    const ended = await waitForJob(mesh.graphRequest(), first.id, { intervalMs: 100, timeoutMs: 60_000 });
    // The first may already have ended by the time the second arrived: then the second simply starts.
    if (second.errors) {
      expect(second.errors[0].extensions).toMatchObject({ code: 'CONFLICT', jobId: first.id });
    } else {
      await waitForJob(mesh.graphRequest(), second.data.mineAssociationRules.id, { timeoutMs: 60_000 });
    }
    expect(ended.status).toBe('SUCCEEDED');
    expect(second.errors ?? []).not.toContainEqual(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR' }) }),
    );
  }, 90_000);

  it('stores a long-window attribution report as a job, equal to the query over the same window', async () => {
    const window = { from: new Date(Date.now() - 365 * 86_400_000).toISOString(), to: new Date().toISOString() };
    const job = await runJob(
      mesh.graphRequest(),
      `mutation($from: DateTime!, $to: DateTime!) { startAttribution(model: LINEAR, from: $from, to: $to) { id } }`,
      window,
      { timeoutMs: 60_000 },
    );
    const FIELDS = `model from to lookbackDays conversions conversionValue unattributedConversions byChannel { channel conversions revenue } byCampaign { campaign { id } conversions revenue }`;
    const stored = await mesh.query(`query($id: ID!) { attributionReport(id: $id) { computedAt ${FIELDS} } }`, {
      id: job.result,
    });
    const live = await mesh.query(
      `query($from: DateTime!, $to: DateTime!) { attribution(model: LINEAR, from: $from, to: $to) { ${FIELDS} } }`,
      window,
    );
    expect(stored.errors).toBeUndefined();
    const { computedAt, ...report } = stored.data.attributionReport;
    expect(Date.parse(computedAt)).toBeGreaterThan(0);
    expect(report).toEqual(live.data.attribution);
    expect(report.conversions).toBeGreaterThan(0);
  }, 90_000);

  it('cancels an orders job through the registry: the owner hears the request and the registry hears it stopped', async () => {
    // A queued job cannot be caught reliably while RUNNING on a small world; cancel as soon as it exists.
    const started = (await mesh.query(`mutation { fitClvModel { id } }`)).data.fitClvModel;
    const request = mesh.graphRequest();
    // The registry learns of the job from its first JobChanged; cancel once it knows it.
    await expect
      .poll(
        async () =>
          (await request<{ job: { id: string } | null }>(`query($id: ID!) { job(id: $id) { id } }`, { id: started.id }))
            .job,
        { timeout: 10_000 },
      )
      .not.toBeNull();
    const cancelled = await mesh.query(`mutation($id: ID!) { cancelJob(id: $id) { id } }`, { id: started.id });
    expect(cancelled.errors).toBeUndefined();
    const ended = await waitForJob(request, started.id, { intervalMs: 100, timeoutMs: 60_000 });
    // It may have finished before the request reached it; either way the registry reports how it ended.
    expect(['CANCELLED', 'SUCCEEDED']).toContain(ended.status);
    if (ended.status === 'CANCELLED') expect(ended.error).toBe('cancelled on request');
  }, 90_000);
});
