import type { Insertable, Selectable } from 'kysely';

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
