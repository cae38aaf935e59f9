// Status changes of recorded orders: the state machine, and the change itself (history row, new
// status and OrderStatusChanged event in one transaction, under the order's row lock).
import type { Kysely } from 'kysely';
import type { Viewer } from '../../../shared/auth.js';
import { ConflictError, NotFoundError } from '../../../shared/errors.js';
import { appendEvent } from '../../../shared/events/index.js';
import type { OrdersDatabase } from './db/database.js';
import { insertOrderStatusChange } from './db/order-status-change.repository.js';
import { findOrderForUpdate, rowToOrder, updateOrderStatus, type Order } from './db/order.repository.js';
import type { OrderStatus } from './db/order.table.js';
import { orderStatusChanged } from './events/published.js';
import { normalizeKey } from './lines.js';

/**
 * Where an order may go from each status. Fulfilment moves forward (PLACED → PAID → SHIPPED →
 * DELIVERED); an order is cancelled before it ships, returned (whole) once shipped, and refunded once
 * delivered or returned. CANCELLED and REFUNDED are final. An order may be recorded in any status.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PLACED: ['PAID', 'CANCELLED'],
  PAID: ['SHIPPED', 'CANCELLED'],
  SHIPPED: ['DELIVERED', 'RETURNED'],
  DELIVERED: ['RETURNED', 'REFUNDED'],
  RETURNED: ['REFUNDED'],
  CANCELLED: [],
  REFUNDED: [],
};

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean => ORDER_TRANSITIONS[from].includes(to);

export interface ChangeOrderStatusInput {
  orderId: string;
  status: OrderStatus;
  reason?: string | null;
}

/**
 * Moves an order to `status` if the state machine allows it, writing the history row, the new status
 * and the OrderStatusChanged event in one transaction. Asking for the status the order already has
 * changes nothing and publishes nothing (a retried request is harmless); any other move the machine
 * does not allow is a CONFLICT naming both statuses.
 */
export async function changeOrderStatus(
  db: Kysely<OrdersDatabase>,
  input: ChangeOrderStatusInput,
  viewer: Viewer | undefined,
  now = new Date(),
): Promise<Order> {
  const orderId = normalizeKey(input.orderId, 'orderId');
  const reason = input.reason?.trim() || null;
  return db.transaction().execute(async (trx) => {
    // The lock makes read-check-write atomic: a concurrent change waits and then sees this one's status.
    const order = await findOrderForUpdate(trx, orderId);
    if (!order) throw new NotFoundError(`Order ${orderId} does not exist`, { argumentName: 'orderId' });
    if (order.status === input.status) return rowToOrder(order);
    if (!canTransition(order.status, input.status)) {
      const allowed = ORDER_TRANSITIONS[order.status];
      throw new ConflictError(
        `Order ${orderId} cannot go from ${order.status} to ${input.status}` +
          (allowed.length
            ? ` (from ${order.status} it can go to ${allowed.join(', ')})`
            : ` (${order.status} is final)`),
        { orderId, from: order.status, to: input.status },
      );
    }
    const change = await insertOrderStatusChange(trx, {
      order_id: order.id,
      version: order.status_version + 1,
      from_status: order.status,
      to_status: input.status,
      reason,
      changed_by: viewer?.subject ?? 'unknown',
      changed_at: now,
    });
    const updated = await updateOrderStatus(trx, order.id, input.status, change.version);
    await appendEvent(trx, orderStatusChanged(updated, change));
    return rowToOrder(updated);
  });
}
