import type { Insertable, Selectable } from 'kysely';
import type { OrderStatus } from './order.table.js';

/** One status change of an order after it was recorded: the history kept for audit and support. */
export interface OrderStatusChangeTable {
  order_id: string;
  /** The order's status_version after this change (2 for the first change). */
  version: number;
  from_status: OrderStatus;
  to_status: OrderStatus;
  reason: string | null;
  /** The subject of the token that made the change (a person or a service identity). */
  changed_by: string;
  changed_at: Date;
}

export type OrderStatusChangeRow = Selectable<OrderStatusChangeTable>;
export type NewOrderStatusChangeRow = Insertable<OrderStatusChangeTable>;
