import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { MarketingChannel } from './campaign.table.js';

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
/** The orders domain's RFM segments, as its schema names them (the enum is repeated in this subgraph's SDL). */
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

/** The orders domain's churn bands, as its schema names them (the enum is repeated in this subgraph's SDL). */
export const CHURN_BANDS = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type ChurnBand = (typeof CHURN_BANDS)[number];

export interface AudienceRule {
  segments: RfmSegment[];
  /** Only customers in one of these churn bands of the served churn model; null for any. */
  churnBands?: ChurnBand[] | null;
  /** Only customers in one of these clusters of the served clustering; null for any. */
  clusters?: number[] | null;
  channel: MarketingChannel;
  country: string | null;
  minPredictedValue: number | null;
  horizonDays: number;
}

export interface CampaignAudienceRuleTable {
  campaign_id: string;
  segments: RfmSegment[];
  channel: MarketingChannel;
  country: string | null;
  min_predicted_value: number | null;
  horizon_days: number;
  churn_bands: ColumnType<ChurnBand[] | null, string | null | undefined, string | null>;
  clusters: ColumnType<number[] | null, string | null | undefined, string | null>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface AudienceTable {
  campaign_id: string;
  version: number;
  computed_at: Date;
  size: number;
  /** The rule as it was when the snapshot was built. */
  rule: AudienceRule;
}

export interface AudienceMemberTable {
  campaign_id: string;
  version: number;
  /** A key of the customers domain. */
  customer_id: string;
}

export type CampaignAudienceRuleRow = Selectable<CampaignAudienceRuleTable>;
export type AudienceRow = Selectable<AudienceTable>;
export type NewAudienceRow = Insertable<AudienceTable>;
