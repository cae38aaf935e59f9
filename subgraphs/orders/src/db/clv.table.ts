import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { CalibrationGroup, FitStatus } from '../clv.js';

/** One BG/NBD + Gamma-Gamma fit. Time parameters are in weeks. */
export interface ClvModelTable {
  id: Generated<number>;
  fitted_at: Date;
  /** End of the calibration period. */
  as_of: Date;
  customers: number;
  r: number;
  alpha: number;
  a: number;
  b: number;
  bg_log_likelihood: number;
  p: number;
  q: number;
  gamma: number;
  gg_log_likelihood: number;
  gg_customers: number;
  /** CONVERGED only when both fits converged inside the bounds; only CONVERGED fits are served. */
  status: FitStatus;
  status_reason: string | null;
  bg_status: FitStatus;
  bg_iterations: number;
  gg_status: FitStatus;
  gg_iterations: number;
  /** Start of the holdout period of the calibration check; null when the check could not be made. */
  holdout_from: Date | null;
  calibration: ColumnType<CalibrationGroup[] | null, string | null, never>;
}

export type ClvModelRow = Selectable<ClvModelTable>;
export type NewClvModelRow = Insertable<ClvModelTable>;
