import type { Generated, Selectable } from 'kysely';

export const RFM_SEGMENTS = [
  'CHAMPIONS',
  'LOYAL',
  'CANT_LOSE',
  'AT_RISK',
  'HIBERNATING',
  'NEED_ATTENTION',
  'ABOUT_TO_SLEEP',
  'POTENTIAL_LOYALIST',
  'PROMISING',
  'NEW',
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

export interface RfmSnapshotTable {
  id: Generated<number>;
  as_of: Date;
  computed_at: Date;
  customer_count: number;
  total_revenue: number;
}

export interface RfmScoreTable {
  snapshot_id: number;
  /** A key of the customers domain. */
  customer_id: string;
  recency_days: number;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  segment: RfmSegment;
}

export type RfmSnapshotRow = Selectable<RfmSnapshotTable>;
export type RfmScoreRow = Selectable<RfmScoreTable>;
