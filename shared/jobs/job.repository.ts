// Every statement on a domain's `jobs` table. Times come from the database clock (now()), so
// runners on different hosts agree on what a stale heartbeat is.
import { sql, type Kysely, type Transaction } from 'kysely';
import { ACTIVE_JOB_STATUSES, type JobRow, type JobsDatabase, type JobStatus } from './job.table.js';

type Db = Kysely<JobsDatabase> | Transaction<JobsDatabase>;

export interface NewJob {
  id: string;
  kind: string;
  target: string;
  params: unknown;
  createdBy: string;
}

/** Inserts a QUEUED job, or returns undefined when an active job of the same kind and target exists (the partial unique index decides). */
export async function insertJobUnlessActive(db: Db, job: NewJob): Promise<JobRow | undefined> {
  return (
    db
      .insertInto('jobs')
      .values({
        id: job.id,
        kind: job.kind,
        target: job.target,
        params: JSON.stringify(job.params ?? {}),
        status: 'QUEUED',
        created_by: job.createdBy,
        created_at: sql<Date>`now()` as never,
      })
      // The predicate is literal SQL, not parameters, so Postgres can always match it to the partial index.
      .onConflict((oc) =>
        oc.columns(['kind', 'target']).where(sql<boolean>`status in ('QUEUED', 'RUNNING')`).doNothing(),
      )
      .returningAll()
      .executeTakeFirst()
  );
}

export async function findActiveJob(db: Db, kind: string, target: string): Promise<JobRow | undefined> {
  return db
    .selectFrom('jobs')
    .selectAll()
    .where('kind', '=', kind)
    .where('target', '=', target)
    .where('status', 'in', ACTIVE_JOB_STATUSES)
    .executeTakeFirst();
}

export async function findJobs(db: Db, ids: readonly string[]): Promise<JobRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('jobs').selectAll().where('id', 'in', ids).execute();
}

/**
 * Marks the oldest QUEUED job of the given kinds (or the one with `id`) RUNNING for this runner.
 * SKIP LOCKED lets two runners claim at once without waiting on each other or taking the same
 * job: the row one of them locked is invisible to the other's subquery.
 */
export async function claimQueuedJob(
  trx: Transaction<JobsDatabase>,
  kinds: readonly string[],
  id?: string,
): Promise<JobRow | undefined> {
  if (kinds.length === 0) return undefined;
  let next = trx.selectFrom('jobs').select('id').where('status', '=', 'QUEUED').where('kind', 'in', kinds);
  if (id) next = next.where('id', '=', id);
  return trx
    .updateTable('jobs')
    .set({
      status: 'RUNNING',
      started_at: sql<Date>`coalesce(started_at, now())`,
      heartbeat_at: sql<Date>`now()`,
      attempts: sql<number>`attempts + 1`,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', (eb) =>
      eb
        .selectFrom(next.orderBy('created_at').orderBy('id').limit(1).forUpdate().skipLocked().as('next'))
        .select('next.id'),
    )
    .where('status', '=', 'QUEUED')
    .returningAll()
    .executeTakeFirst();
}

/** Proves the runner is alive and tells it whether a cancel was requested; undefined when the job is no longer RUNNING. */
export async function beatHeart(db: Db, id: string): Promise<{ cancel_requested: boolean } | undefined> {
  return db
    .updateTable('jobs')
    .set({ heartbeat_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', 'RUNNING')
    .returning('cancel_requested')
    .executeTakeFirst();
}

/** Records progress with a heartbeat; progress never goes back. */
export async function recordProgress(db: Db, id: string, progress: number): Promise<JobRow | undefined> {
  return db
    .updateTable('jobs')
    .set({
      progress: sql<number>`greatest(progress, ${progress})`,
      heartbeat_at: sql<Date>`now()`,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .where('status', '=', 'RUNNING')
    .returningAll()
    .executeTakeFirst();
}

export interface JobOutcome {
  status: Extract<JobStatus, 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'QUEUED'>;
  error?: string | null;
  result?: string | null;
}

/** Ends a RUNNING job (or puts it back in the queue, to be resumed); undefined when it was not RUNNING. */
export async function settleJob(db: Db, id: string, outcome: JobOutcome): Promise<JobRow | undefined> {
  const finished = outcome.status !== 'QUEUED';
  return db
    .updateTable('jobs')
    .set({
      status: outcome.status,
      progress: outcome.status === 'SUCCEEDED' ? 1 : sql<number>`progress`,
      finished_at: finished ? sql<Date>`now()` : null,
      heartbeat_at: finished ? sql<Date>`heartbeat_at` : null,
      error: outcome.error ?? null,
      result: outcome.result ?? null,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .where('status', '=', 'RUNNING')
    .returningAll()
    .executeTakeFirst();
}

/** A cancel request: a QUEUED job ends CANCELLED at once, a RUNNING one is flagged for its runner. Undefined when the job has finished. */
export async function requestJobCancel(trx: Transaction<JobsDatabase>, id: string): Promise<JobRow | undefined> {
  const queued = await trx
    .updateTable('jobs')
    .set({
      status: 'CANCELLED',
      cancel_requested: true,
      finished_at: sql<Date>`now()`,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .where('status', '=', 'QUEUED')
    .returningAll()
    .executeTakeFirst();
  if (queued) return queued;
  return trx
    .updateTable('jobs')
    .set({ cancel_requested: true, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('status', '=', 'RUNNING')
    .where('cancel_requested', '=', false)
    .returningAll()
    .executeTakeFirst();
}

/** RUNNING jobs whose runner has not beaten for staleAfterMs (its process died), locked for this transaction. */
export async function lockStaleJobs(trx: Transaction<JobsDatabase>, staleAfterMs: number): Promise<JobRow[]> {
  return trx
    .selectFrom('jobs')
    .selectAll()
    .where('status', '=', 'RUNNING')
    .where(sql<boolean>`heartbeat_at < now() - make_interval(secs => ${staleAfterMs / 1000})`)
    .orderBy('created_at')
    .forUpdate()
    .skipLocked()
    .execute();
}

/** Puts a job left RUNNING by a dead runner back in the queue, or ends it FAILED with the reason. */
export async function recoverStaleJob(
  trx: Transaction<JobsDatabase>,
  id: string,
  outcome: { resume: true } | { resume: false; error: string },
): Promise<JobRow | undefined> {
  return trx
    .updateTable('jobs')
    .set(
      outcome.resume
        ? { status: 'QUEUED', heartbeat_at: null, version: sql<number>`version + 1` }
        : { status: 'FAILED', error: outcome.error, finished_at: sql<Date>`now()`, version: sql<number>`version + 1` },
    )
    .where('id', '=', id)
    .where('status', '=', 'RUNNING')
    .returningAll()
    .executeTakeFirst();
}
