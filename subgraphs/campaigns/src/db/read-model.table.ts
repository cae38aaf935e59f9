import type { ColumnType, Generated, Selectable } from 'kysely';

/** An order the orders domain recorded, as its OrderRecorded event told it, with the status its latest OrderStatusChanged set. */
export interface OrderFactTable {
  order_id: string;
  customer_id: string;
  status: string;
  /** 1 as recorded; the version of the OrderStatusChanged that set status. */
  status_version: ColumnType<number, number | undefined, number>;
  channel: string;
  currency: string;
  placed_at: Date;
  total: number;
  event_id: string;
}

export interface OrderFactLineTable {
  order_id: string;
  line_no: number;
  sku: string;
  quantity: number;
  unit_price: number;
}

/** A customer's open cart as last published by the orders domain. */
export interface CartFactTable {
  customer_id: string;
  cart_id: string;
  last_activity_at: Date;
  value: number;
  lines: { sku: string; quantity: number; unitPrice: number }[];
  event_id: string;
  source_position: number;
}

/** One CartUpdated as it happened (cart_facts keeps only the latest per customer); funnels read these. */
export interface CartActivityFactTable {
  event_id: string;
  customer_id: string;
  cart_id: string;
  activity_at: Date;
  /** Lines in the cart after the activity: 0 for an emptied cart. */
  line_count: number;
}

/** The current consent of one customer × purpose × channel, from ConsentChanged. */
export interface ConsentStateTable {
  customer_id: string;
  purpose: string;
  channel: string;
  status: string;
  captured_at: Date;
  seq: number;
  event_id: string;
}

/** The current value of one customer's privacy preference kind (objection, do-not-sell), from PrivacyPreferenceChanged. */
export interface PrivacyStateTable {
  customer_id: string;
  kind: string;
  active: boolean;
  seq: number;
  event_id: string;
}

export type OrderFactRow = Selectable<OrderFactTable>;
export type CartFactRow = Selectable<CartFactTable>;
export type ConsentStateRow = Selectable<ConsentStateTable>;
export type PrivacyStateRow = Selectable<PrivacyStateTable>;

/** A customer being erased (an unkeyed SHA-256 of the id), until the erasure request closes. */
export interface ErasureInProgressTable {
  customer_hash: string;
  request_id: string;
  started_at: Generated<Date>;
}
