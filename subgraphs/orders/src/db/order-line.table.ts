import type { Insertable, Selectable } from 'kysely';

/** One line of an order; a sku appears at most once per order. */
export interface OrderLineTable {
  order_id: string;
  /** 1-based position of the line in the order as it was recorded. */
  line_no: number;
  /** A key of the inventory domain. */
  sku: string;
  quantity: number;
  unit_price: number;
}

export type OrderLineRow = Selectable<OrderLineTable>;
export type NewOrderLineRow = Insertable<OrderLineTable>;
