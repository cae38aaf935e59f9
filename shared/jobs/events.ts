// The job events a domain publishes and consumes. JobChanged carries a job's whole state after a
// change (written in the same transaction as the change); the campaigns domain's job registry is
// built from them. JobCancelRequested goes the other way: the registry asks the owner to cancel.
import type { JobRow, JobStatus } from './job.table.js';

/** Payload of JobChanged, schema version 1: the job's state after the change. */
export interface JobChanged {
  type: 'JobChanged';
  schemaVersion: 1;
  /** The domain whose database holds the job and whose runner runs it. */
  domain: string;
  jobId: string;
  /** The job's change counter; a consumer keeps the highest it has seen. */
  version: number;
  kind: string;
  target: string;
  /** The scope that may start this kind of job, and so read and cancel any job of it. */
  scope: string;
  status: JobStatus;
  progress: number;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  result: string | null;
  cancelRequested: boolean;
}

/** Payload of JobCancelRequested, schema version 1: someone allowed to asked the owner to cancel a job. */
export interface JobCancelRequested {
  type: 'JobCancelRequested';
  schemaVersion: 1;
  domain: string;
  jobId: string;
  requestedBy: string;
  requestedAt: string;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** The JobChanged payload for a job row as it is after a change. */
export function jobChangedOf(domain: string, scope: string, row: JobRow): JobChanged {
  return {
    type: 'JobChanged',
    schemaVersion: 1,
    domain,
    jobId: row.id,
    version: row.version,
    kind: row.kind,
    target: row.target,
    scope,
    status: row.status,
    progress: row.progress,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    error: row.error,
    result: row.result,
    cancelRequested: row.cancel_requested,
  };
}
