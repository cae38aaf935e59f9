// The shared job runner on a real database (PGlite, or Postgres with TEST_DATABASE_URL), on the
// jobs table exactly as the job-running domains' migrations create it.
import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../auth.js';
import { metricsText } from '../metrics.js';
import { createTestDatabase, type TestDatabase } from '../testing.js';
import type { JobChanged } from './events.js';
import { findJobs, insertJobUnlessActive } from './job.repository.js';
import { createJobsTable20261204 } from './jobs-table.migration.js';
import type { JobRow, JobsDatabase } from './job.table.js';
import { JobRunner, type JobHandler, type JobRunnerOptions } from './runner.js';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const viewer: Viewer = { subject: 'analyst-1', scopes: ['analytics:run'] };
const FAST = { heartbeatMs: 50, staleAfterMs: 500, pollMs: 100 };

let testDb: TestDatabase<JobsDatabase>;
let db: Kysely<JobsDatabase>;
const runners: JobRunner[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase<JobsDatabase>('jobs_runner', {
    '2026120401_jobs': { up: createJobsTable20261204 },
  });
  db = testDb.db;
});

afterEach(async () => {
  for (const runner of runners.splice(0)) await runner.stop();
  await db.deleteFrom('jobs').execute();
});

afterAll(async () => {
  await testDb?.destroy();
});

function runner(handlers: JobHandler[], options: Partial<JobRunnerOptions> = {}): JobRunner {
  const created = new JobRunner({ domain: 'testing', db, handlers, ...FAST, ...options });
  runners.push(created);
  return created;
}

const job = async (id: string): Promise<JobRow> => (await findJobs(db, [id]))[0];

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A handler that reports half its work, then waits to be released. */
function gated(kind = 'GATED') {
  let release!: (result: string) => void;
  const released = new Promise<string>((resolve) => (release = resolve));
  const handler: JobHandler<{ n: number }> = {
    kind,
    scope: 'analytics:run',
    resumable: false,
    run: async (running) => {
      running.progress(0.5);
      return released;
    },
  };
  return { handler, release };
}

describe('a job from start to end', () => {
  it('is QUEUED, then RUNNING with progress written by its heartbeat, then SUCCEEDED with its result', async () => {
    const events: JobChanged[] = [];
    const { handler, release } = gated();
    const jobs = runner([handler], { onChanged: async (_trx, event) => void events.push(event) });
    const started = await jobs.start({ kind: 'GATED', target: 'all', params: { n: 1 }, viewer });
    expect(started).toMatchObject({ status: 'QUEUED', created_by: 'analyst-1', target: 'all', progress: 0 });
    const running = await until(
      () => job(started.id),
      (row) => row.progress === 0.5,
    );
    expect(running.status).toBe('RUNNING');
    expect(running.started_at).toBeInstanceOf(Date);
    expect(running.heartbeat_at).toBeInstanceOf(Date);
    release('snapshot-2026-12-04');
    await jobs.idle();
    const ended = await job(started.id);
    expect(ended).toMatchObject({
      status: 'SUCCEEDED',
      progress: 1,
      result: 'snapshot-2026-12-04',
      error: null,
      params: { n: 1 },
    });
    expect(ended.finished_at!.getTime()).toBeGreaterThanOrEqual(ended.started_at!.getTime());
    // One JobChanged per change, versions counting up, the last one the final state.
    expect(events.map((event) => event.status)).toEqual(['QUEUED', 'RUNNING', 'RUNNING', 'SUCCEEDED']);
    expect(events.map((event) => event.version)).toEqual([1, 2, 3, 4]);
    expect(events.at(-1)).toMatchObject({
      jobId: started.id,
      domain: 'testing',
      scope: 'analytics:run',
      result: 'snapshot-2026-12-04',
      progress: 1,
    });
    const metrics = (await metricsText()).body;
    expect(metrics).toMatch(/mesh360_jobs_total\{domain="testing",kind="GATED",status="SUCCEEDED"\} 1/);
    expect(metrics).toMatch(/mesh360_job_duration_seconds_count\{domain="testing",kind="GATED",status="SUCCEEDED"\} 1/);
  });

  it('writes the state change and its event in one transaction: a failing event write leaves no job', async () => {
    const { handler } = gated();
    const jobs = runner([handler], {
      onChanged: async () => {
        throw new Error('outbox unavailable');
      },
    });
    await expect(jobs.start({ kind: 'GATED', target: 'all', params: {}, viewer })).rejects.toThrow(
      'outbox unavailable',
    );
    expect(await testDb.rowCount('jobs')).toBe(0);
  });

  it('ends FAILED with the coded error of a handler that refuses, and a generic one for a bug', async () => {
    const { BadUserInputError } = await import('../errors.js');
    const jobs = runner([
      {
        kind: 'REFUSES',
        scope: 'analytics:run',
        resumable: false,
        run: async () => Promise.reject(new BadUserInputError('too few customers')),
      },
      {
        kind: 'BREAKS',
        scope: 'analytics:run',
        resumable: false,
        run: async () => Promise.reject(new TypeError('x is undefined')),
      },
    ]);
    const refused = await jobs.start({ kind: 'REFUSES', target: 'all', params: {}, viewer });
    const broken = await jobs.start({ kind: 'BREAKS', target: 'all', params: {}, viewer });
    await jobs.idle();
    expect(await job(refused.id)).toMatchObject({ status: 'FAILED', error: 'BAD_USER_INPUT: too few customers' });
    expect(await job(broken.id)).toMatchObject({
      status: 'FAILED',
      error: 'internal error in the testing service; its log has the details',
    });
  });
});

describe('one job per kind and target', () => {
  it('answers CONFLICT naming the active job, and accepts the same kind and target once it ended', async () => {
    const { handler, release } = gated();
    const jobs = runner([handler]);
    const first = await jobs.start({ kind: 'GATED', target: 'cmp-1', params: {}, viewer });
    const duplicate = jobs.start({ kind: 'GATED', target: 'cmp-1', params: {}, viewer });
    await expect(duplicate).rejects.toMatchObject({ extensions: { code: 'CONFLICT', jobId: first.id } });
    await expect(duplicate).rejects.toThrow(first.id);
    // Another target is another job.
    const other = await jobs.start({ kind: 'GATED', target: 'cmp-2', params: {}, viewer });
    expect(other.id).not.toBe(first.id);
    release('done');
    await jobs.idle();
    const again = await jobs.start({ kind: 'GATED', target: 'cmp-1', params: {}, viewer });
    expect(again.status).toBe('QUEUED');
    await jobs.idle();
  });

  it('needs a verified caller to start a job', async () => {
    const jobs = runner([gated().handler]);
    await expect(jobs.start({ kind: 'GATED', target: 'all', params: {}, viewer: undefined })).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(await testDb.rowCount('jobs')).toBe(0);
  });
});

describe('two runner processes', () => {
  it('never run the same job: each queued job runs exactly once', async () => {
    const runs = new Map<string, number>();
    const counting: JobHandler = {
      kind: 'COUNTED',
      scope: 'analytics:run',
      resumable: false,
      run: async (running) => {
        runs.set(running.id, (runs.get(running.id) ?? 0) + 1);
        await sql`select 1`.execute(db);
        return null;
      },
    };
    for (let i = 0; i < 12; i++)
      await insertJobUnlessActive(db, {
        id: crypto.randomUUID(),
        kind: 'COUNTED',
        target: `t${i}`,
        params: {},
        createdBy: 'analyst-1',
      });
    // Separate runners, each with its own connections on Postgres, claiming at the same moment.
    const a = runner([counting], { concurrency: 3 });
    const b = runner([counting], { concurrency: 3 });
    await Promise.all([a.idle(), b.idle(), a.idle(), b.idle()]);
    expect(runs.size).toBe(12);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    const rows = await db.selectFrom('jobs').select(['status', 'attempts']).execute();
    expect(rows.every((row) => row.status === 'SUCCEEDED' && row.attempts === 1)).toBe(true);
  });
});

describe('cancelling', () => {
  it('ends a queued job CANCELLED at once', async () => {
    const jobs = runner([gated().handler], { concurrency: 0 });
    const queued = await jobs.start({ kind: 'GATED', target: 'all', params: {}, viewer });
    expect((await jobs.cancel(queued.id)).status).toBe('CANCELLED');
    await expect(jobs.cancel(crypto.randomUUID())).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });

  it('aborts a running job in this process at once: its next statement never starts', async () => {
    let statements = 0;
    const looping: JobHandler = {
      kind: 'LOOPS',
      scope: 'analytics:run',
      resumable: false,
      run: async () => {
        for (;;) {
          await sql`select 1`.execute(db);
          statements += 1;
          // PGlite answers without a trip through the event loop; a real handler's statements take one.
          await new Promise((resolve) => setImmediate(resolve));
        }
      },
    };
    const jobs = runner([looping]);
    const started = await jobs.start({ kind: 'LOOPS', target: 'all', params: {}, viewer });
    await until(
      async () => statements,
      (n) => n > 3,
    );
    await jobs.cancel(started.id);
    await jobs.idle();
    const after = statements;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(statements).toBe(after);
    expect(await job(started.id)).toMatchObject({
      status: 'CANCELLED',
      cancel_requested: true,
      error: 'cancelled on request',
    });
  });

  it('lets the owner cancel on a JobCancelRequested event, and another process see the request within a heartbeat', async () => {
    const looping: JobHandler = {
      kind: 'LOOPS',
      scope: 'analytics:run',
      resumable: false,
      run: async (running) => {
        while (!running.signal.aborted) {
          await sql`select 1`.execute(db);
          await new Promise((resolve) => setImmediate(resolve));
        }
        throw running.signal.reason;
      },
    };
    const owner = runner([looping]);
    const elsewhere = runner([looping], { concurrency: 0 });
    const first = await owner.start({ kind: 'LOOPS', target: 'a', params: {}, viewer });
    await until(
      () => job(first.id),
      (row) => row.status === 'RUNNING',
    );
    // Another process (no run of it here) only flags the row; the owner notices at its next heartbeat.
    const started = Date.now();
    expect((await elsewhere.cancel(first.id)).cancel_requested).toBe(true);
    await until(
      () => job(first.id),
      (row) => row.status === 'CANCELLED',
    );
    expect(Date.now() - started).toBeLessThan(1_000);

    const second = await owner.start({ kind: 'LOOPS', target: 'b', params: {}, viewer });
    await until(
      () => job(second.id),
      (row) => row.status === 'RUNNING',
    );
    expect(
      await db.transaction().execute((trx) =>
        owner.applyCancelRequested(trx, {
          type: 'JobCancelRequested',
          schemaVersion: 1,
          domain: 'another',
          jobId: second.id,
          requestedBy: 'x',
          requestedAt: new Date().toISOString(),
        }),
      ),
    ).toBeUndefined();
    await db.transaction().execute((trx) =>
      owner.applyCancelRequested(trx, {
        type: 'JobCancelRequested',
        schemaVersion: 1,
        domain: 'testing',
        jobId: second.id,
        requestedBy: 'x',
        requestedAt: new Date().toISOString(),
      }),
    );
    await owner.idle();
    expect((await job(second.id)).status).toBe('CANCELLED');
  });

  it.runIf(onPostgres)(
    'cancels the running SQL statement on the server: the backend is idle again within a second',
    async () => {
      const marker = `job_sleep_${crypto.randomUUID().replaceAll('-', '')}`;
      const sleeping: JobHandler = {
        kind: 'SLEEPS',
        scope: 'analytics:run',
        resumable: false,
        run: async () => {
          await sql`select pg_sleep(60) as ${sql.ref(marker)}`.execute(db);
          return 'slept';
        },
      };
      const active = async () =>
        (
          await sql<{
            n: number;
          }>`select count(*)::int as n from pg_stat_activity where state = 'active' and query like ${`%${marker}%`} and pid <> pg_backend_pid()`.execute(
            db,
          )
        ).rows[0].n;
      const jobs = runner([sleeping]);
      const started = await jobs.start({ kind: 'SLEEPS', target: 'all', params: {}, viewer });
      await until(active, (n) => n === 1);
      const cancelledAt = Date.now();
      await jobs.cancel(started.id);
      await until(active, (n) => n === 0, 1_000);
      await jobs.idle();
      expect(Date.now() - cancelledAt).toBeLessThan(1_500);
      expect(await job(started.id)).toMatchObject({ status: 'CANCELLED' });
    },
  );
});

describe('a restart', () => {
  it('resumes a resumable job left RUNNING with a stale heartbeat and fails the others with the reason', async () => {
    const ran: string[] = [];
    const resumable: JobHandler = {
      kind: 'RESUMES',
      scope: 'analytics:run',
      resumable: true,
      run: async (running) => {
        ran.push(running.id);
        return 'again';
      },
    };
    const oneShot: JobHandler = {
      kind: 'ONCE',
      scope: 'analytics:run',
      resumable: false,
      run: async (running) => {
        ran.push(running.id);
        return 'never';
      },
    };
    // What a process that died mid-run leaves behind: RUNNING rows whose heartbeat stopped.
    const left = async (kind: string, heartbeatAgoMs: number) => {
      const row = (await insertJobUnlessActive(db, {
        id: crypto.randomUUID(),
        kind,
        target: `t-${heartbeatAgoMs}`,
        params: {},
        createdBy: 'analyst-1',
      }))!;
      await db
        .updateTable('jobs')
        .set({
          status: 'RUNNING',
          started_at: sql`now() - interval '1 minute'`,
          heartbeat_at: sql`now() - make_interval(secs => ${heartbeatAgoMs / 1000})`,
          attempts: 1,
        })
        .where('id', '=', row.id)
        .execute();
      return row.id;
    };
    const staleResumable = await left('RESUMES', 60_000);
    const staleOnce = await left('ONCE', 60_000);
    const fresh = await left('ONCE', 0);
    const events: JobChanged[] = [];
    const restarted = runner([resumable, oneShot], { onChanged: async (_trx, event) => void events.push(event) });
    restarted.background.start();
    await until(
      () => job(staleResumable),
      (row) => row.status === 'SUCCEEDED',
    );
    expect(await job(staleResumable)).toMatchObject({ result: 'again', attempts: 2 });
    expect(await job(staleOnce)).toMatchObject({ status: 'FAILED', error: 'interrupted by a restart' });
    // A job whose heartbeat is recent belongs to a live process and is left alone.
    expect((await job(fresh)).status).toBe('RUNNING');
    expect(ran).toEqual([staleResumable]);
    expect(events.filter((event) => event.jobId === staleOnce).map((event) => event.status)).toEqual(['FAILED']);
  });

  it('on shutdown puts a resumable running job back in the queue and fails one that is not', async () => {
    const waitForAbort = (running: { signal: AbortSignal }) =>
      new Promise<never>((_, reject) =>
        running.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
      );
    const jobs = runner([
      { kind: 'RESUMES', scope: 'analytics:run', resumable: true, run: waitForAbort },
      { kind: 'ONCE', scope: 'analytics:run', resumable: false, run: waitForAbort },
    ]);
    const resumable = await jobs.start({ kind: 'RESUMES', target: 'all', params: {}, viewer });
    const once = await jobs.start({ kind: 'ONCE', target: 'all', params: {}, viewer });
    await until(
      async () => (await findJobs(db, [resumable.id, once.id])).every((row) => row.status === 'RUNNING'),
      Boolean,
    );
    await jobs.stop();
    expect(await job(resumable.id)).toMatchObject({ status: 'QUEUED', finished_at: null });
    expect(await job(once.id)).toMatchObject({ status: 'FAILED', error: 'interrupted by a shutdown' });
  });
});
