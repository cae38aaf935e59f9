import type { ColumnType, Insertable, Selectable } from 'kysely';

export const ORDER_STATUSES = ['PLACED', 'PAID', 'SHIPPED', 'DELIVERED', 'RETURNED', 'CANCELLED', 'REFUNDED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
/** Orders in these statuses are no revenue: not in purchase stats, lifetime value, RFM monetary or the value model. */
export const NO_REVENUE_STATUSES = ['CANCELLED', 'REFUNDED'] as const satisfies readonly OrderStatus[];

export const SALES_CHANNELS = ['WEB', 'MOBILE_APP', 'STORE', 'MARKETPLACE'] as const;
export type SalesChannel = (typeof SALES_CHANNELS)[number];

export interface OrderTable {
  id: string;
  /** The id the order has in the shop that placed it; unique, so recording it twice is a no-op. */
  external_id: string;
  /** A key of the customers domain; this domain stores the key only, never customer attributes. */
  customer_id: string;
  status: OrderStatus;
  channel: SalesChannel;
  /** ISO 4217, three uppercase letters. */
  currency: string;
  placed_at: Date;
  /** Sum of quantity × unit_price over the lines, written with the lines (numeric(12,2)). */
  total: number;
  /** 1 as recorded, one more per status change: the order in which consumers apply OrderStatusChanged. */
  status_version: ColumnType<number, number | undefined, number>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export type OrderRow = Selectable<OrderTable>;
export type NewOrderRow = Insertable<OrderTable>;
