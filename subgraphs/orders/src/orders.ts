// Order writes: validation, then the idempotent insert of the order with its lines in one transaction.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ConflictError } from '../../../shared/errors.js';
import type { OrdersDatabase } from './db/database.js';
import { rowToOrderLine, insertOrderLines, type OrderLine } from './db/order-line.repository.js';
import type { NewOrderLineRow } from './db/order-line.table.js';
import { findOrderByExternalId, insertOrderIfNew, rowToOrder, type Order } from './db/order.repository.js';
import type { NewOrderRow, OrderStatus, SalesChannel } from './db/order.table.js';
import { normalizeCurrency, normalizeKey, normalizeLines, totalCents, type LineInput } from './lines.js';

export interface RecordOrderInput {
  externalId: string;
  customerId: string;
  channel: SalesChannel;
  status?: OrderStatus | null;
  placedAt?: Date | null;
  currency?: string | null;
  lines: LineInput[];
}

export interface RecordedOrder {
  order: Order;
  /** The lines just written; absent when the order already existed (it is returned unchanged). */
  lines?: OrderLine[];
}

/** Validates an order and builds its rows; every problem is a BAD_USER_INPUT before anything is written. */
export function buildOrder(input: RecordOrderInput, now: Date, id: string): { order: NewOrderRow; lines: NewOrderLineRow[] } {
  const externalId = normalizeKey(input.externalId, 'externalId');
  const customerId = normalizeKey(input.customerId, 'customerId');
  const currency = normalizeCurrency(input.currency);
  const lines = normalizeLines(input.lines, { allowEmpty: false });
  return {
    order: {
      id,
      external_id: externalId,
      customer_id: customerId,
      status: input.status ?? 'PLACED',
      channel: input.channel,
      currency,
      placed_at: input.placedAt ?? now,
      total: totalCents(lines) / 100,
      created_at: now,
    },
    lines: lines.map((line, index) => ({ order_id: id, line_no: index + 1, sku: line.sku, quantity: line.quantity, unit_price: line.unitPriceCents / 100 })),
  };
}

/**
 * Records an order exactly once per externalId. The insert is `on conflict (external_id) do nothing`:
 * when a concurrent call inserts the same externalId first, this statement waits for it to commit and
 * then inserts nothing, so exactly one order (with its lines, written in the same transaction) exists.
 * This relies on READ COMMITTED (the default): the follow-up select takes a fresh snapshot and sees
 * the winner's committed row.
 */
export async function recordOrder(db: Kysely<OrdersDatabase>, input: RecordOrderInput): Promise<RecordedOrder> {
  const { order, lines } = buildOrder(input, new Date(), randomUUID());
  return db.transaction().execute(async (trx) => {
    const inserted = await insertOrderIfNew(trx, order);
    if (inserted) {
      await insertOrderLines(trx, lines);
      return { order: rowToOrder(inserted), lines: lines.map(rowToOrderLine) };
    }
    const existing = await findOrderByExternalId(trx, order.external_id);
    if (!existing) throw new ConflictError(`Order ${order.external_id} was being recorded concurrently and disappeared; retry`, { externalId: order.external_id });
    if (existing.customer_id !== order.customer_id) {
      throw new ConflictError(`externalId ${order.external_id} is already recorded for another customer`, { externalId: order.external_id });
    }
    return { order: rowToOrder(existing) };
  });
}
