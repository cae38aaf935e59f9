import type { Insertable, Selectable } from 'kysely';
import type { MarketingChannel } from './campaign.table.js';

export const TOUCHPOINT_KINDS = ['IMPRESSION', 'CLICK', 'OPEN', 'SEND'] as const;
export type TouchpointKind = (typeof TOUCHPOINT_KINDS)[number];

export interface TouchpointTable {
  id: string;
  /** A key of the customers domain; this domain stores the key only, never customer attributes. */
  customer_id: string;
  campaign_id: string;
  channel: MarketingChannel;
  kind: TouchpointKind;
  occurred_at: Date;
}

export type TouchpointRow = Selectable<TouchpointTable>;
export type NewTouchpointRow = Insertable<TouchpointTable>;
