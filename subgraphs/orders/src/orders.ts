// Order writes: validation, then the idempotent insert of the order with its lines in one transaction.
import { randomUUID } from 'node:crypto';
import type { ReferenceCheck } from './references.js';
import type { Kysely } from 'kysely';
import { BadUserInputError, ConflictError } from '../../../shared/errors.js';
import { decodeTimeKey, pageSize, timeKeyParts, toConnection } from '../../../shared/pagination.js';
import type { OrdersDatabase } from './db/database.js';
import { rowToOrderLine, insertOrderLines, type OrderLine } from './db/order-line.repository.js';
import type { NewOrderLineRow } from './db/order-line.table.js';
import {
  findOrderByExternalId,
  findOrderFeed,
  insertOrderIfNew,
  rowToOrder,
  type Order,
} from './db/order.repository.js';
import type { NewOrderRow, OrderStatus, SalesChannel } from './db/order.table.js';
import { normalizeCurrency, normalizeKey, normalizeLines, totalCents, type LineInput } from './lines.js';
import { appendEvent } from '../../../shared/events/index.js';
import { orderRecorded } from './events/published.js';

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
export function buildOrder(
  input: RecordOrderInput,
  now: Date,
  id: string,
): { order: NewOrderRow; lines: NewOrderLineRow[] } {
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
    lines: lines.map((line, index) => ({
      order_id: id,
      line_no: index + 1,
      sku: line.sku,
      quantity: line.quantity,
      unit_price: line.unitPriceCents / 100,
    })),
  };
}

/**
 * Records an order exactly once per externalId. The insert is `on conflict (external_id) do nothing`:
 * when a concurrent call inserts the same externalId first, this statement waits for it to commit and
 * then inserts nothing, so exactly one order (with its lines, written in the same transaction) exists.
 * This relies on READ COMMITTED (the default): the follow-up select takes a fresh snapshot and sees
 * the winner's committed row.
 */
export async function recordOrder(
  db: Kysely<OrdersDatabase>,
  checkReferences: ReferenceCheck,
  input: RecordOrderInput,
): Promise<RecordedOrder> {
  const { order, lines } = buildOrder(input, new Date(), randomUUID());
  // The owners answer before the transaction opens: a refused reference writes nothing.
  await checkReferences(
    order.customer_id,
    lines.map((line) => line.sku),
  );
  return db.transaction().execute(async (trx) => {
    const inserted = await insertOrderIfNew(trx, order);
    if (inserted) {
      await insertOrderLines(trx, lines);
      await appendEvent(trx, orderRecorded(inserted, lines));
      return { order: rowToOrder(inserted), lines: lines.map(rowToOrderLine) };
    }
    const existing = await findOrderByExternalId(trx, order.external_id);
    if (!existing)
      throw new ConflictError(`Order ${order.external_id} was being recorded concurrently and disappeared; retry`, {
        externalId: order.external_id,
      });
    if (existing.customer_id !== order.customer_id) {
      throw new ConflictError(`externalId ${order.external_id} is already recorded for another customer`, {
        externalId: order.external_id,
      });
    }
    return { order: rowToOrder(existing) };
  });
}

export interface OrderFilterInput {
  placedFrom?: Date | null;
  placedTo?: Date | null;
  customerIds?: string[] | null;
  statuses?: OrderStatus[] | null;
}

export const MAX_FEED_PAGE = 1000;
export const MAX_FEED_CUSTOMERS = 1000;

/** Query.orders: one page of the order facts other domains' analytics read, oldest first. */
export async function orderFeed(
  db: Kysely<OrdersDatabase>,
  args: { filter?: OrderFilterInput | null; first?: number | null; after?: string | null },
) {
  const first = pageSize(args.first ?? 100, MAX_FEED_PAGE);
  const filter = args.filter ?? {};
  if (filter.placedFrom && filter.placedTo && filter.placedFrom >= filter.placedTo) {
    throw new BadUserInputError('filter.placedFrom must be before filter.placedTo', { argumentName: 'filter' });
  }
  if (filter.customerIds && filter.customerIds.length > MAX_FEED_CUSTOMERS) {
    throw new BadUserInputError(`filter.customerIds takes at most ${MAX_FEED_CUSTOMERS} ids`, {
      argumentName: 'filter',
    });
  }
  if (filter.customerIds?.length === 0 || filter.statuses?.length === 0)
    return toConnection([], first, () => [], rowToOrder);
  const rows = await findOrderFeed(db, {
    placedFrom: filter.placedFrom ?? undefined,
    placedTo: filter.placedTo ?? undefined,
    customerIds: filter.customerIds ?? undefined,
    statuses: filter.statuses ?? undefined,
    limit: first + 1,
    after: decodeTimeKey(args.after),
  });
  return toConnection(rows, first, (row) => timeKeyParts(row.placed_at, row.id), rowToOrder);
}
