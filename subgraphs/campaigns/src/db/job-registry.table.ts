import type { ColumnType, Selectable } from 'kysely';
import type { JobStatus } from '../../../../shared/jobs/job.table.js';

/** Every domain's jobs as their JobChanged events describe them (this domain's own included). */
export interface JobRegistryTable {
  id: string;
  /** The domain that runs the job and owns its state. */
  domain: string;
  kind: string;
  target: string;
  /** The scope that starts this kind: its holders may read and cancel the job. */
  scope: string;
  status: JobStatus;
  progress: number;
  created_by: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  error: string | null;
  result: string | null;
  cancel_requested: boolean;
  version: number;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export type JobRegistryRow = Selectable<JobRegistryTable>;
