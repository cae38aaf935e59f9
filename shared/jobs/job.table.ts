import type { ColumnType, Selectable } from 'kysely';

/** Where a job is in its life; QUEUED and RUNNING are the active ones (one per kind and target). */
export const JOB_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const ACTIVE_JOB_STATUSES = ['QUEUED', 'RUNNING'] as const satisfies readonly JobStatus[];
export const isFinished = (status: JobStatus): boolean =>
  !(ACTIVE_JOB_STATUSES as readonly JobStatus[]).includes(status);

/** The `jobs` table every job-running domain keeps in its own database (each domain's migration creates it). */
export interface JobsTable {
  id: string;
  kind: string;
  /** What the job works on, e.g. a campaign id, or 'all'; one active job per (kind, target). */
  target: string;
  params: ColumnType<unknown, string, string>;
  status: JobStatus;
  progress: ColumnType<number, number | undefined, number>;
  /** The verified subject that started the job. */
  created_by: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  started_at: Date | null;
  finished_at: Date | null;
  heartbeat_at: Date | null;
  error: string | null;
  /** A reference to what the job produced (snapshot asOf, audience version, report id). */
  result: string | null;
  cancel_requested: ColumnType<boolean, boolean | undefined, boolean>;
  attempts: ColumnType<number, number | undefined, number>;
  /** Incremented by every change, so a consumer of JobChanged events can ignore an older one. */
  version: ColumnType<number, number | undefined, number>;
}

export interface JobsDatabase {
  jobs: JobsTable;
}

export type JobRow = Selectable<JobsTable>;
