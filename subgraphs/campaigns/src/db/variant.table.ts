import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { TouchpointKind } from './touchpoint.table.js';

/** One arm of a campaign's A/B test. */
export interface CampaignVariantTable {
  campaign_id: string;
  position: number;
  key: string;
  name: string | null;
  traffic_share: number;
  control: boolean;
}

export type CampaignVariantRow = Selectable<CampaignVariantTable>;
export type NewCampaignVariantRow = Insertable<CampaignVariantTable>;

/** What an experiment counts as an exposure; a campaign without a row uses DEFAULT_EXPOSURE_KINDS. */
export interface CampaignExperimentTable {
  campaign_id: string;
  exposure_kinds: ColumnType<TouchpointKind[], string, string>;
}

/** A customer's variant, recorded at their first exposure and never re-derived. */
export interface ExperimentAssignmentTable {
  campaign_id: string;
  customer_id: string;
  variant_key: string;
  exposed_at: Date;
  assigned_at: ColumnType<Date, Date | undefined, never>;
}

export type ExperimentAssignmentRow = Selectable<ExperimentAssignmentTable>;
