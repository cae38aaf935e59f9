import type { Generated, Insertable, Selectable } from 'kysely';
import type { MarketingChannel } from './campaign.table.js';

export interface CartReminderItem {
  sku: string;
  quantity: number;
}

export const QUEUED_MESSAGE_STATUSES = ['QUEUED', 'CANCELLED'] as const;
export type QueuedMessageStatus = (typeof QUEUED_MESSAGE_STATUSES)[number];
/** Why a message was cancelled before it was sent (an erasure deletes the customer's messages instead: docs/privacy.md). */
export type CancellationReason = 'CONSENT_WITHDRAWN' | 'OBJECTED_TO_DIRECT_MARKETING';

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
  status: Generated<QueuedMessageStatus>;
  cancelled_at: Date | null;
  cancellation_reason: CancellationReason | null;
  cancelled_by_event: string | null;
}

export type CartReminderRow = Selectable<CartReminderTable>;
export type NewCartReminderRow = Insertable<CartReminderTable>;
