// The job events a domain publishes and consumes. JobChanged carries a job's whole state after a
// change (written in the same transaction as the change); the campaigns domain's job registry is
// built from them. JobCancelRequested goes the other way: the registry asks the owner to cancel.
import { z } from 'zod';
import { JOB_STATUSES, type JobRow, type JobStatus } from './job.table.js';

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

const when = z.iso.datetime({ offset: true });

/** The JobChanged payload as a zod schema: the contract each job-running domain declares for its own log. */
export const jobChangedPayload = z.strictObject({
  type: z.literal('JobChanged'),
  schemaVersion: z.literal(1),
  domain: z.string().describe('The domain whose runner runs the job'),
  jobId: z.string(),
  version: z.number().int().min(1).describe("The job's change counter; consumers keep the highest seen"),
  kind: z.string(),
  target: z.string(),
  scope: z.string().describe('The scope that starts this kind of job (and so may read and cancel any job of it)'),
  status: z.enum(JOB_STATUSES),
  progress: z.number().min(0).max(1),
  createdBy: z.string().describe('The subject that started the job'),
  createdAt: when,
  startedAt: when.nullable(),
  finishedAt: when.nullable(),
  error: z.string().nullable(),
  result: z.string().nullable(),
  cancelRequested: z.boolean(),
}) satisfies z.ZodType<JobChanged>;

/** The JobCancelRequested payload as a zod schema. */
export const jobCancelRequestedPayload = z.strictObject({
  type: z.literal('JobCancelRequested'),
  schemaVersion: z.literal(1),
  domain: z.string().describe('The domain that owns (and runs) the job'),
  jobId: z.string(),
  requestedBy: z.string().describe('The subject that asked'),
  requestedAt: when,
}) satisfies z.ZodType<JobCancelRequested>;
