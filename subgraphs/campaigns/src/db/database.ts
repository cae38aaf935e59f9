import type { CampaignPromotedSkuTable, CampaignTable } from './campaign.table.js';
import type { CartReminderTable } from './cart-reminder.table.js';
import type { TouchpointTable } from './touchpoint.table.js';

export interface CampaignsDatabase {
  campaigns: CampaignTable;
  campaign_promoted_skus: CampaignPromotedSkuTable;
  touchpoints: TouchpointTable;
  cart_reminders: CartReminderTable;
}
