import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export const MARKETING_CHANNELS = ['EMAIL', 'SMS', 'PUSH', 'SOCIAL', 'SEARCH', 'DISPLAY'] as const;
export type MarketingChannel = (typeof MARKETING_CHANNELS)[number];

export const CAMPAIGN_STATUSES = ['DRAFT', 'SCHEDULED', 'ACTIVE', 'PAUSED', 'COMPLETED'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export interface CampaignTable {
  id: string;
  name: string;
  channel: MarketingChannel;
  status: CampaignStatus;
  starts_at: Date | null;
  ends_at: Date | null;
  budget: number | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: Generated<Date>;
}

/** One promoted sku of a campaign; `position` keeps the order the campaign shows them in. */
export interface CampaignPromotedSkuTable {
  campaign_id: string;
  position: number;
  sku: string;
}

export type CampaignRow = Selectable<CampaignTable>;
export type NewCampaignRow = Insertable<CampaignTable>;
export type CampaignUpdate = Updateable<CampaignTable>;
export type CampaignPromotedSkuRow = Selectable<CampaignPromotedSkuTable>;
export type NewCampaignPromotedSkuRow = Insertable<CampaignPromotedSkuTable>;
