// The events the orders domain publishes: its public contract (JSON Schema in ../../events/,
// documented in docs/events.md). Orders carry what campaigns' attribution, A/B conversions and
// audiences need: customer key, lines, totals, currency, channel and status.
import { z } from 'zod';
import { dataSubjectRequestProgressedContract } from '../../../../shared/privacy/requests.js';
import { defineEvent, eventTimestamp, type NewEvent } from '../../../../shared/events/index.js';
import { jobChangedPayload, type JobChanged as JobChangedPayload } from '../../../../shared/jobs/events.js';
import { ORDER_STATUSES, SALES_CHANNELS, type OrderRow } from '../db/order.table.js';
import type { OrderStatusChangeRow } from '../db/order-status-change.table.js';

const producer = 'orders';
const line = z.strictObject({
  lineNo: z.number().int().min(1),
  sku: z.string(),
  quantity: z.number().int().min(1),
  unitPrice: z.number().describe('In the currency of the order (cart lines: the price shown when added)'),
});

export const OrderRecorded = defineEvent({
  producer,
  type: 'OrderRecorded',
  version: 1,
  key: 'the order id',
  description: 'An order was recorded (once per externalId: a repeated recordOrder publishes nothing).',
  payload: z.strictObject({
    orderId: z.string(),
    externalId: z.string(),
    customerId: z.string(),
    status: z.enum(ORDER_STATUSES),
    channel: z.enum(SALES_CHANNELS),
    currency: z.string().length(3).describe('ISO 4217'),
    placedAt: eventTimestamp,
    total: z.number().describe('Sum of quantity × unitPrice over the lines'),
    lines: z.array(line).min(1),
  }),
});

export const OrderStatusChanged = defineEvent({
  producer,
  type: 'OrderStatusChanged',
  version: 1,
  key: 'the order id',
  description:
    "A recorded order's status changed (cancelled, returned, refunded, or fulfilment progressed), along the state machine in the README. version orders an order's changes: apply one only over a lower version.",
  payload: z.strictObject({
    orderId: z.string(),
    customerId: z.string(),
    fromStatus: z.enum(ORDER_STATUSES),
    toStatus: z.enum(ORDER_STATUSES),
    version: z
      .number()
      .int()
      .min(2)
      .describe("The order's status version after this change: 1 is the status it was recorded with"),
    changedAt: eventTimestamp,
    currency: z.string().length(3).describe('ISO 4217'),
    total: z.number().describe('The order total; a CANCELLED or REFUNDED order no longer counts as revenue'),
  }),
});

export const CartUpdated = defineEvent({
  producer,
  type: 'CartUpdated',
  version: 1,
  key: 'the customer id (a customer has at most one open cart)',
  description:
    "A customer's open cart was replaced (an empty line list empties it). Carries the whole cart, so the latest event per key is its state.",
  payload: z.strictObject({
    cartId: z.string(),
    customerId: z.string(),
    lastActivityAt: eventTimestamp,
    value: z.number().describe('Sum of quantity × unitPrice over the lines'),
    lines: z.array(line),
  }),
});

interface LineRow {
  line_no: number;
  sku: string;
  quantity: number;
  unit_price: number;
}
const toLine = (row: LineRow) => ({
  lineNo: row.line_no,
  sku: row.sku,
  quantity: row.quantity,
  unitPrice: Number(row.unit_price),
});

/** The event of an order inserted with its lines. */
export function orderRecorded(
  order: Pick<
    OrderRow,
    'id' | 'external_id' | 'customer_id' | 'status' | 'channel' | 'currency' | 'placed_at' | 'total'
  >,
  lines: readonly LineRow[],
): NewEvent<z.input<typeof OrderRecorded.payload>> {
  return {
    type: OrderRecorded.type,
    version: OrderRecorded.version,
    key: order.id,
    occurredAt: order.placed_at,
    payload: {
      orderId: order.id,
      externalId: order.external_id,
      customerId: order.customer_id,
      status: order.status,
      channel: order.channel,
      currency: order.currency,
      placedAt: order.placed_at.toISOString(),
      total: Number(order.total),
      lines: lines.map(toLine),
    },
  };
}

/** The event of a status change, written in the change's transaction. */
export function orderStatusChanged(
  order: Pick<OrderRow, 'id' | 'customer_id' | 'currency' | 'total'>,
  change: Pick<OrderStatusChangeRow, 'from_status' | 'to_status' | 'version' | 'changed_at'>,
): NewEvent<z.input<typeof OrderStatusChanged.payload>> {
  return {
    type: OrderStatusChanged.type,
    version: OrderStatusChanged.version,
    key: order.id,
    occurredAt: change.changed_at,
    payload: {
      orderId: order.id,
      customerId: order.customer_id,
      fromStatus: change.from_status,
      toStatus: change.to_status,
      version: change.version,
      changedAt: change.changed_at.toISOString(),
      currency: order.currency,
      total: Number(order.total),
    },
  };
}

/** The event of a cart whose lines were replaced. */
export function cartUpdated(
  cart: { id: string; customer_id: string; last_activity_at: Date },
  value: number,
  lines: readonly LineRow[],
): NewEvent<z.input<typeof CartUpdated.payload>> {
  return {
    type: CartUpdated.type,
    version: CartUpdated.version,
    key: cart.customer_id,
    occurredAt: cart.last_activity_at,
    payload: {
      cartId: cart.id,
      customerId: cart.customer_id,
      lastActivityAt: cart.last_activity_at.toISOString(),
      value,
      lines: lines.map(toLine),
    },
  };
}

/** Every contract this domain publishes (for `npm run events`). */

export const JobChanged = defineEvent({
  producer,
  type: 'JobChanged',
  version: 1,
  key: 'the job id',
  description:
    "One of this domain's jobs changed (queued, started, progressed, finished, cancel requested): its whole state after the change, for the job registry.",
  payload: jobChangedPayload,
});

/** The outbox entry for a job change, written in the change's transaction. */
export function jobChanged(event: JobChangedPayload): NewEvent<JobChangedPayload> {
  return { type: JobChanged.type, version: JobChanged.version, key: event.jobId, payload: event };
}

export const contracts = [
  OrderRecorded,
  OrderStatusChanged,
  CartUpdated,
  JobChanged,
  dataSubjectRequestProgressedContract(producer),
];
