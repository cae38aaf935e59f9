import type { Insertable, Selectable } from 'kysely';
import type { MarketingChannel } from './campaign.table.js';

export interface CartReminderItem {
  sku: string;
  quantity: number;
}

export interface CartReminderTable {
  id: string;
  /** A key of the customers domain. */
  customer_id: string;
  channel: MarketingChannel;
  /** A key of the orders domain. */
  cart_id: string;
  cart_activity_at: Date;
  items: CartReminderItem[];
  discount_code: string;
  discount_percent_off: number;
  discount_valid_until: Date;
  queued_at: Date;
  touchpoint_id: string | null;
}

export type CartReminderRow = Selectable<CartReminderTable>;
export type NewCartReminderRow = Insertable<CartReminderTable>;
