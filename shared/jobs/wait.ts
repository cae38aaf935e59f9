// For clients that start a job and need its end (the seeder, the benches, tests, README examples):
// poll Query.job until the job has finished.
import type { JobStatus } from './job.table.js';

/** Runs one GraphQL operation and answers its data, throwing on errors. */
// biome-ignore lint/suspicious/noExplicitAny: callers name the shape they expect; untyped by default like JSON.parse.
export type GraphRequest = <T = any>(query: string, variables?: Record<string, unknown>) => Promise<T>;

export interface FinishedJob {
  id: string;
  kind: string;
  status: Exclude<JobStatus, 'QUEUED' | 'RUNNING'>;
  progress: number;
  error: string | null;
  result: string | null;
}

export const JOB_QUERY = /* GraphQL */ `
  query JobStatus($id: ID!) {
    job(id: $id) { id kind status progress error result }
  }
`;

export interface WaitOptions {
  /** Give up after this long (the job goes on running). */
  timeoutMs?: number;
  intervalMs?: number;
  /** Give up when the registry still has not heard of the job after this long (its events do not arrive). */
  unknownAfterMs?: number;
  /** Called with each poll's progress, e.g. for a progress line. */
  onProgress?: (progress: number, status: JobStatus) => void;
}

/** Polls a job until it has finished and answers it as it ended, whatever the status. */
export async function waitForJob(request: GraphRequest, id: string, options: WaitOptions = {}): Promise<FinishedJob> {
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 30 * 60_000);
  for (;;) {
    const { job } = await request<{ job: (Omit<FinishedJob, 'status'> & { status: JobStatus }) | null }>(JOB_QUERY, {
      id,
    });
    if (job) {
      options.onProgress?.(job.progress, job.status);
      if (job.status !== 'QUEUED' && job.status !== 'RUNNING') return job as FinishedJob;
    }
    // null: the registry has not heard of the job yet (its JobChanged is on the way).
    if (!job && Date.now() - started > (options.unknownAfterMs ?? 30_000)) {
      throw new Error(
        `the job registry has not heard of job ${id}: its domain's JobChanged events do not reach it (see docs/operations.md, "Jobs")`,
      );
    }
    if (Date.now() > deadline)
      throw new Error(
        `job ${id} did not finish in time; last seen ${job ? `${job.status} at ${Math.round(job.progress * 100)} %` : 'nowhere'}`,
      );
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}

/** Starts a job with a mutation (its only field answers `Job { id }`), waits for it, and throws unless it SUCCEEDED. */
export async function runJob(
  request: GraphRequest,
  mutation: string,
  variables?: Record<string, unknown>,
  options?: WaitOptions,
): Promise<FinishedJob> {
  const data = await request<Record<string, { id: string }>>(mutation, variables);
  const started = Object.values(data)[0];
  const job = await waitForJob(request, started.id, options);
  if (job.status !== 'SUCCEEDED')
    throw new Error(`${job.kind} job ${job.id} ended ${job.status}: ${job.error ?? 'no reason given'}`);
  return job;
}
