// The job runner every job-running domain uses: long work (model fits, audience builds, long
// attribution windows, data-subject requests) runs outside the request that started it, tracked in
// the domain's own `jobs` table. A mutation starts a job and answers at once; the job runs with an
// AbortSignal inside a request scope of its own, so cancelling it stops its next statement and, on
// Postgres, cancels the one running (shared/request-scope.ts, shared/postgres-pool.ts).
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Scope, Viewer } from '../auth.js';
import { ConflictError, MeshError, NotFoundError } from '../errors.js';
import type { Logger } from '../logger.js';
import { observeJobRun, observeJobStatus } from '../metrics.js';
import { requestScope } from '../request-scope.js';
import type { BackgroundJobs } from '../run.js';
import { jobChangedOf, type JobCancelRequested, type JobChanged } from './events.js';
import {
  beatHeart,
  claimQueuedJob,
  findActiveJob,
  findJobs,
  insertJobUnlessActive,
  lockStaleJobs,
  recordProgress,
  recoverStaleJob,
  requestJobCancel,
  settleJob,
  type JobOutcome,
} from './job.repository.js';
import type { JobRow, JobsDatabase } from './job.table.js';

/** What a handler sees of the job it runs. */
export interface RunningJob<P> {
  id: string;
  target: string;
  params: P;
  createdBy: string;
  /** Aborted when the job is cancelled or the service shuts down; statements stop with it. */
  signal: AbortSignal;
  /** Reports progress (0..1); written at most once per heartbeat, never backwards. */
  progress(fraction: number): void;
}

/** One kind of job: a file under a domain's src/jobs/. */
// biome-ignore lint/suspicious/noExplicitAny: a runner holds handlers of many parameter types; each handler names its own.
export interface JobHandler<P = any> {
  kind: string;
  /** The scope that starts this kind; its holders may also read and cancel any job of it. */
  scope: Scope;
  /** Whether a run interrupted by a restart may start again from the beginning (it is idempotent). */
  resumable: boolean;
  /** Does the work; returns a reference to what it produced (snapshot asOf, audience version, report id). */
  run(job: RunningJob<P>): Promise<string | null>;
}

/** Called in the same transaction as every change of a job's state; the domain writes its JobChanged event here. */
export type JobChangedSink = (trx: Transaction<JobsDatabase>, event: JobChanged) => Promise<void>;

export interface JobRunnerOptions {
  /** The domain (subgraph) name, on events, logs and metrics. */
  domain: string;
  db: Kysely<JobsDatabase>;
  handlers: readonly JobHandler[];
  onChanged?: JobChangedSink;
  logger?: Logger;
  /** Jobs this process runs at once; more wait QUEUED. */
  concurrency?: number;
  /** How often a running job's heartbeat is written and its cancel flag read (so a cancel from elsewhere lands within it). */
  heartbeatMs?: number;
  /** A RUNNING job whose heartbeat is older than this was left by a dead process. */
  staleAfterMs?: number;
  /** How often the background loop looks for queued and stale jobs. */
  pollMs?: number;
}

export const DEFAULT_JOB_TIMING = { heartbeatMs: 1_000, staleAfterMs: 15_000, pollMs: 2_000 } as const;

const CANCELLED = 'cancelled';
const SHUTDOWN = 'shutdown';

interface Run {
  controller: AbortController;
  done: Promise<void>;
}

/** Runs one domain's jobs; see the file comment. */
export class JobRunner {
  readonly domain: string;
  readonly #options: Required<Omit<JobRunnerOptions, 'onChanged' | 'logger'>> &
    Pick<JobRunnerOptions, 'onChanged' | 'logger'>;
  readonly #handlers: Map<string, JobHandler>;
  readonly #running = new Map<string, Run>();
  #timer?: NodeJS.Timeout;
  #stopping = false;
  #draining?: Promise<void>;
  #drainAgain = false;

  constructor(options: JobRunnerOptions) {
    this.domain = options.domain;
    this.#options = { concurrency: 2, ...DEFAULT_JOB_TIMING, ...options };
    this.#handlers = new Map(options.handlers.map((handler) => [handler.kind, handler]));
  }

  /** The scope that starts a kind of this domain's jobs. */
  scopeOf(kind: string): Scope | undefined {
    return this.#handlers.get(kind)?.scope;
  }

  /**
   * Queues a job and starts running it in this process when there is room. Answers CONFLICT,
   * naming the running job, when one of the same kind and target is active.
   */
  async start(input: { kind: string; target: string; params: unknown; viewer: Viewer | undefined }): Promise<JobRow> {
    if (!this.#handlers.has(input.kind)) throw new Error(`no handler for job kind ${input.kind} in ${this.domain}`);
    if (!input.viewer) throw new MeshError('UNAUTHENTICATED', 'starting a job needs a verified caller');
    const row = await this.#change((trx) =>
      insertJobUnlessActive(trx, {
        id: randomUUID(),
        kind: input.kind,
        target: input.target,
        params: input.params,
        createdBy: input.viewer!.subject,
      }),
    );
    if (!row) {
      const active = await findActiveJob(this.#options.db, input.kind, input.target);
      throw new ConflictError(
        `a ${input.kind} job for ${input.target} is already ${active ? `${active.status.toLowerCase()}: ${active.id}` : 'active'}`,
        {
          jobId: active?.id,
          kind: input.kind,
          target: input.target,
        },
      );
    }
    observeJobStatus(this.domain, row.kind, 'QUEUED');
    this.#kick();
    return row;
  }

  /**
   * Asks for a job to stop: a queued one ends CANCELLED at once; a running one is flagged, aborted
   * at once when it runs in this process, or within a heartbeat by the process that runs it.
   */
  async cancel(id: string): Promise<JobRow> {
    const changed = await this.#change((trx) => requestJobCancel(trx, id));
    this.#running.get(id)?.controller.abort(CANCELLED);
    if (changed) {
      if (changed.status === 'CANCELLED') observeJobStatus(this.domain, changed.kind, 'CANCELLED');
      return changed;
    }
    const [row] = await findJobs(this.#options.db, [id]);
    if (!row) throw new NotFoundError(`No job with id ${id}`, { jobId: id });
    return row;
  }

  /**
   * The owner's side of JobCancelRequested, inside the consumer's transaction (so the request is
   * applied once with its processed_events row): marks the job and, when it runs here, aborts it.
   * Another runner process notices the mark at its next heartbeat. A job this domain does not hold
   * has nothing to cancel.
   */
  async applyCancelRequested(trx: Transaction<JobsDatabase>, event: JobCancelRequested): Promise<JobRow | undefined> {
    if (event.domain !== this.domain) return undefined;
    const changed = await requestJobCancel(trx, event.jobId);
    if (!changed) return undefined;
    await this.#emit(trx, changed);
    if (changed.status === 'CANCELLED') observeJobStatus(this.domain, changed.kind, 'CANCELLED');
    this.#running.get(event.jobId)?.controller.abort(CANCELLED);
    return changed;
  }

  /** Jobs left RUNNING by a dead process: resumable kinds go back to the queue, others end FAILED with the reason. */
  async recover(reason = 'interrupted by a restart'): Promise<JobRow[]> {
    const recovered: JobRow[] = [];
    await this.#options.db.transaction().execute(async (trx) => {
      for (const stale of await lockStaleJobs(trx, this.#options.staleAfterMs)) {
        // A job this process runs is not stale, however slow its last heartbeat was.
        if (this.#running.has(stale.id)) continue;
        const resume = this.#handlers.get(stale.kind)?.resumable === true;
        const row = await recoverStaleJob(trx, stale.id, resume ? { resume } : { resume, error: reason });
        if (!row) continue;
        await this.#emit(trx, row);
        recovered.push(row);
      }
    });
    for (const row of recovered) {
      observeJobStatus(this.domain, row.kind, row.status);
      this.#options.logger?.warn(
        { subgraph: this.domain, jobId: row.id, kind: row.kind, status: row.status },
        row.status === 'QUEUED' ? 'resuming a job interrupted by a restart' : 'a job was interrupted by a restart',
      );
    }
    if (recovered.some((row) => row.status === 'QUEUED')) this.#kick();
    return recovered;
  }

  /** Claims queued jobs while this process has room and runs them; resolves once nothing more can be claimed. */
  drain(): Promise<void> {
    // One claiming loop at a time per process; callers share it. A call while it runs asks it to
    // look once more, so a job that ended (freeing room) mid-loop is never left unclaimed.
    this.#drainAgain = true;
    this.#draining ??= requestScope
      .exit(async () => {
        while (this.#drainAgain) {
          this.#drainAgain = false;
          while (!this.#stopping && this.#running.size < this.#options.concurrency) {
            const row = await this.#change((trx) => claimQueuedJob(trx, [...this.#handlers.keys()]));
            if (!row) break;
            this.#execute(row);
          }
        }
      })
      .finally(() => {
        this.#draining = undefined;
        if (this.#drainAgain && !this.#stopping) this.#kick();
      });
    return this.#draining;
  }

  /** Resolves when no job runs in this process and nothing queued can be claimed (tests, the seeder). */
  async idle(): Promise<void> {
    for (;;) {
      await this.drain();
      if (this.#running.size === 0) return;
      await Promise.all([...this.#running.values()].map((run) => run.done));
    }
  }

  /** The runner as the service's background work: started once it listens, stopped before its database closes. */
  get background(): BackgroundJobs {
    return { start: () => this.#startLoop(), stop: () => this.stop() };
  }

  /** Recovers what a previous process left, then looks for work every pollMs. */
  #startLoop(): void {
    if (this.#timer) return;
    const tick = () =>
      void this.recover()
        .then(() => this.drain())
        .catch((error: unknown) =>
          this.#options.logger?.warn(
            { subgraph: this.domain, err: error },
            'job runner tick failed; the next one retries',
          ),
        );
    tick();
    this.#timer = setInterval(tick, this.#options.pollMs);
    this.#timer.unref();
  }

  /** No new claims; running jobs are aborted and settle (resumable ones go back to the queue). */
  async stop(): Promise<void> {
    this.#stopping = true;
    clearInterval(this.#timer);
    this.#timer = undefined;
    for (const run of this.#running.values()) run.controller.abort(SHUTDOWN);
    await Promise.all([...this.#running.values()].map((run) => run.done));
    await this.#draining;
  }

  #kick(): void {
    void this.drain().catch((error: unknown) =>
      this.#options.logger?.warn(
        { subgraph: this.domain, err: error },
        'could not claim a queued job; the background loop retries',
      ),
    );
  }

  /** Runs one claimed job to its end, outside any request; its bookkeeping never runs in the job's own (abortable) scope. */
  #execute(row: JobRow): void {
    const handler = this.#handlers.get(row.kind)!;
    const controller = new AbortController();
    const log = this.#options.logger?.child({ subgraph: this.domain, jobId: row.id, kind: row.kind });
    const finished = observeJobRun(this.domain, row.kind);
    observeJobStatus(this.domain, row.kind, 'RUNNING');
    let reported = row.progress;
    let written = row.progress;
    let beating: Promise<void> | undefined;
    const beat = async () => {
      if (reported > written) {
        const target = reported;
        const changed = await this.#change((trx) => recordProgress(trx, row.id, target));
        written = target;
        if (changed?.cancel_requested) controller.abort(CANCELLED);
      } else {
        const alive = await beatHeart(this.#options.db, row.id);
        if (alive?.cancel_requested) controller.abort(CANCELLED);
      }
    };
    const heartbeat = setInterval(() => {
      beating ??= beat()
        .catch((error: unknown) => log?.warn({ err: error }, 'job heartbeat failed'))
        .finally(() => {
          beating = undefined;
        });
    }, this.#options.heartbeatMs);
    heartbeat.unref();

    const job: RunningJob<unknown> = {
      id: row.id,
      target: row.target,
      params: row.params,
      createdBy: row.created_by,
      signal: controller.signal,
      progress: (fraction) => {
        if (Number.isFinite(fraction)) reported = Math.max(reported, Math.min(1, Math.max(0, fraction)));
      },
    };
    log?.info({ attempt: row.attempts }, 'job started');
    const scope = {
      signal: controller.signal,
      viewer: { subject: row.created_by, scopes: [] },
      requestId: `job:${row.id}`,
      operationName: `job:${row.kind}`,
      logger: log,
    };
    const done = (async () => {
      let outcome: JobOutcome;
      try {
        outcome = { status: 'SUCCEEDED', result: await requestScope.run(scope, () => handler.run(job)) };
      } catch (error) {
        outcome = this.#failure(controller.signal, handler, error);
        if (outcome.status === 'FAILED' && !(error instanceof MeshError)) log?.error({ err: error }, 'job failed');
      } finally {
        clearInterval(heartbeat);
        await beating;
      }
      try {
        const settled = await this.#change((trx) => settleJob(trx, row.id, outcome));
        finished(outcome.status);
        observeJobStatus(this.domain, row.kind, outcome.status);
        log?.info(
          {
            status: settled?.status ?? outcome.status,
            error: outcome.error ?? undefined,
            result: outcome.result ?? undefined,
          },
          'job ended',
        );
      } catch (error) {
        // The database went away: the row stays RUNNING with a stale heartbeat, and recover() settles it later.
        finished('UNKNOWN');
        log?.error({ err: error }, 'could not record how a job ended; recovery will');
      }
    })().finally(() => {
      this.#running.delete(row.id);
      if (!this.#stopping) this.#kick();
    });
    this.#running.set(row.id, { controller, done });
  }

  #failure(signal: AbortSignal, handler: JobHandler, error: unknown): JobOutcome {
    if (signal.aborted && signal.reason === CANCELLED) return { status: 'CANCELLED', error: 'cancelled on request' };
    if (signal.aborted && signal.reason === SHUTDOWN)
      return handler.resumable ? { status: 'QUEUED' } : { status: 'FAILED', error: 'interrupted by a shutdown' };
    if (error instanceof MeshError)
      return { status: 'FAILED', error: `${String(error.extensions.code)}: ${error.message}` };
    return { status: 'FAILED', error: `internal error in the ${this.domain} service; its log has the details` };
  }

  /** One change of a job's state and its JobChanged event, in one transaction. */
  async #change(change: (trx: Transaction<JobsDatabase>) => Promise<JobRow | undefined>): Promise<JobRow | undefined> {
    return this.#options.db.transaction().execute(async (trx) => {
      const row = await change(trx);
      if (row) await this.#emit(trx, row);
      return row;
    });
  }

  async #emit(trx: Transaction<JobsDatabase>, row: JobRow): Promise<void> {
    await this.#options.onChanged?.(
      trx,
      jobChangedOf(this.domain, this.#handlers.get(row.kind)?.scope ?? 'analytics:run', row),
    );
  }
}
