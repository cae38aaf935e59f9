import type { Generated, Insertable, Selectable } from 'kysely';
import type { MarketingChannel } from './campaign.table.js';

export interface CartReminderItem {
  sku: string;
  quantity: number;
}

/** QUEUED until a delivery worker claims it (SENDING); then SENT, back to QUEUED for a retry, or FAILED after the last attempt. */
export const QUEUED_MESSAGE_STATUSES = ['QUEUED', 'SENDING', 'SENT', 'FAILED', 'CANCELLED'] as const;
export type QueuedMessageStatus = (typeof QUEUED_MESSAGE_STATUSES)[number];
/** Why a message was cancelled before it was sent (an erasure deletes the customer's messages instead: docs/privacy.md). */
export type CancellationReason = 'CONSENT_WITHDRAWN' | 'OBJECTED_TO_DIRECT_MARKETING' | 'NOT_CONTACTABLE_AT_SEND';

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
  /** The SEND touchpoint, written in the transaction that marks the message SENT; null before. */
  touchpoint_id: string | null;
  status: Generated<QueuedMessageStatus>;
  cancelled_at: Date | null;
  cancellation_reason: CancellationReason | null;
  cancelled_by_event: string | null;
  attempts: Generated<number>;
  next_attempt_at: Date;
  claim_token: string | null;
  claimed_until: Date | null;
  sent_at: Date | null;
  failed_at: Date | null;
  last_error: string | null;
}

export type CartReminderRow = Selectable<CartReminderTable>;
export type NewCartReminderRow = Insertable<CartReminderTable>;
