// The GraphQL face of a job, the same in every job-running domain: one mapper from a row, and who may read it.
import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { hasScope, type Scope, type Viewer } from '../auth.js';
import { ForbiddenError } from '../errors.js';
import type { measureBatches } from '../metrics.js';
import { findJobs } from './job.repository.js';
import type { JobRow, JobsDatabase, JobStatus } from './job.table.js';

/** A job as the `Job` type answers it. */
export interface Job {
  id: string;
  kind: string;
  status: JobStatus;
  progress: number;
  target: string;
  createdBy: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: string | null;
  result: string | null;
}

/** Maps a job row (a domain's own, or the registry's copy of one) to the `Job` type. */
export function rowToJob(
  row: Pick<
    JobRow,
    | 'id'
    | 'kind'
    | 'status'
    | 'progress'
    | 'target'
    | 'created_by'
    | 'created_at'
    | 'started_at'
    | 'finished_at'
    | 'error'
    | 'result'
  >,
): Job {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    progress: row.progress,
    target: row.target,
    createdBy: row.created_by,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error,
    result: row.result,
  };
}

/** Whether the viewer may read (and cancel) a job: its creator, or a holder of the scope that starts its kind. */
export function mayReadJob(viewer: Viewer | undefined, job: { createdBy: string; scope: string | undefined }): boolean {
  if (!viewer) return false;
  return viewer.subject === job.createdBy || (job.scope !== undefined && hasScope(viewer, job.scope as Scope));
}

/** Throws FORBIDDEN unless the viewer may read the job. */
export function assertMayReadJob(
  viewer: Viewer | undefined,
  job: { id: string; createdBy: string; scope: string | undefined },
): void {
  if (!mayReadJob(viewer, job)) {
    throw new ForbiddenError(
      `job ${job.id} is readable by the subject that started it and by holders of ${job.scope ?? 'its scope'}`,
      { jobId: job.id, scope: job.scope },
    );
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a UUID; anything else names no row of a uuid column (and must not reach one: Postgres would refuse the statement). */
export const isUuid = (id: string): boolean => UUID.test(id);

/** Whether a string can be a job id. */
export const isJobId = isUuid;

/** A per-request loader of a domain's jobs by id, null for a miss. */
export function jobByIdLoader(
  db: Kysely<JobsDatabase>,
  measured: ReturnType<typeof measureBatches>,
): DataLoader<string, JobRow | null> {
  return new DataLoader(
    measured('jobById', async (ids: readonly string[]) => {
      const byId = new Map((await findJobs(db, ids.filter(isJobId))).map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  );
}
