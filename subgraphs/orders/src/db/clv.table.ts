import type { Generated, Insertable, Selectable } from 'kysely';

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
}

export type ClvModelRow = Selectable<ClvModelTable>;
export type NewClvModelRow = Insertable<ClvModelTable>;
