import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** The current consent of one customer × purpose × channel, from customers' ConsentChanged (highest seq wins). */
export interface ConsentStateTable {
  customer_id: string;
  purpose: string;
  channel: string;
  status: string;
  seq: ColumnType<number | string, number, number>;
  event_id: string;
}

/** The current value of one privacy preference kind of a customer, from customers' PrivacyPreferenceChanged. */
export interface PrivacyStateTable {
  customer_id: string;
  kind: string;
  active: boolean;
  seq: ColumnType<number | string, number, number>;
  event_id: string;
}

type Json<T> = ColumnType<T, string, string>;

/** The fitted churn model: what scoring needs to turn a feature row into a calibrated probability. */
export interface StoredChurnModel {
  features: string[];
  means: number[];
  sds: number[];
  intercept: number;
  coefficients: number[];
  platt: { a: number; b: number };
  l2: number;
  /** Probability thresholds of the MEDIUM and HIGH bands. */
  bands: { medium: number; high: number };
}

export interface ChurnMetricSet {
  auc: number;
  precisionAtTopDecile: number;
}

/** Evaluation on the customer holdout, against the two baselines computed in the same run. */
export interface StoredChurnMetrics {
  trainingCustomers: number;
  validationCustomers: number;
  holdoutCustomers: number;
  /** Share of holdout customers who did not buy in the horizon after the cutoff. */
  holdoutChurnRate: number;
  model: ChurnMetricSet;
  recencyBaseline: ChurnMetricSet;
  /** 1 − P(alive) of a BG/NBD fitted on the purchases up to the cutoff; null when that fit did not converge. */
  bgNbdBaseline: ChurnMetricSet | null;
  /** The BG/NBD fits' statuses, one per window. */
  bgNbdStatus: string;
  /** Time windows stacked (the latest ends at asOf). */
  snapshots: number;
}

export interface ChurnModelTable {
  version: Generated<number>;
  fitted_at: Date;
  as_of: Date;
  horizon_days: number;
  cutoff: Date;
  model: Json<StoredChurnModel>;
  metrics: Json<StoredChurnMetrics>;
  scored_customers: number;
  excluded_customers: number;
}

export interface ChurnFactor {
  feature: string;
  /** The feature's value for the customer, in its original units. */
  value: number;
  /** The feature's term in the model's log-odds (before calibration): positive raises the risk. */
  contribution: number;
}

export interface ChurnScoreTable {
  model_version: number;
  customer_id: string;
  probability: number;
  band: string;
  factors: Json<ChurnFactor[]>;
}

export interface StoredCluster {
  id: number;
  label: string;
  size: number;
  /** Mean of each clustering feature over the cluster's members, in original units. */
  centroid: Record<string, number>;
}

export interface ClusterModelTable {
  version: Generated<number>;
  fitted_at: Date;
  as_of: Date;
  k: number;
  seed: number;
  /** SILHOUETTE when k was chosen over 2–10, GIVEN when the caller fixed it. */
  chosen_by: string;
  silhouette: number | null;
  candidates: Json<{ k: number; silhouette: number }[]>;
  clusters: Json<StoredCluster[]>;
  customers: number;
  excluded_customers: number;
}

export interface ClusterAssignmentTable {
  model_version: number;
  customer_id: string;
  cluster: number;
}

export type ChurnModelRow = Selectable<ChurnModelTable>;
export type ChurnScoreRow = Selectable<ChurnScoreTable>;
export type NewChurnScoreRow = Insertable<ChurnScoreTable>;
export type ClusterModelRow = Selectable<ClusterModelTable>;
