// The orders domain's part of a data-subject request (docs/privacy.md). Erasure keeps the orders,
// which are the financial record the law requires, but detaches them from the person: their
// customer id becomes an opaque marker of the request (no name or address is stored here). Carts
// and everything derived per customer (RFM scores) go, and so do this domain's events naming the customer.
import type { Transaction } from 'kysely';
import { forgetCustomerEvents } from '../../../shared/events/erasure.js';
import { dataSubjectRequestConsumer, type DataSubjectRequestHandler } from '../../../shared/privacy/requests.js';
import { rowsWhere } from '../../../shared/privacy/rows.js';
import type { OrdersDatabase } from './db/database.js';

type Trx = Transaction<OrdersDatabase>;

/** The customer id erased orders carry: one opaque marker per request, never the person's id. */
export const erasedCustomerMarker = (requestId: string) => `erased:${requestId}`;

export const handleDataSubjectRequest: DataSubjectRequestHandler<OrdersDatabase> = async (trx, request) => {
  if (request.kind === 'EXPORT') return { exportPart: await exportCustomer(trx, request.customerId) };
  const customerId = request.customerId;
  await trx
    .updateTable('orders')
    .set({ customer_id: erasedCustomerMarker(request.requestId) })
    .where('customer_id', '=', customerId)
    .execute();
  // Cart lines go with their cart (on delete cascade).
  await trx.deleteFrom('carts').where('customer_id', '=', customerId).execute();
  await trx.deleteFrom('rfm_scores').where('customer_id', '=', customerId).execute();
  await trx.deleteFrom('consent_states').where('customer_id', '=', customerId).execute();
  await trx.deleteFrom('privacy_states').where('customer_id', '=', customerId).execute();
  await forgetCustomerEvents(trx, customerId);
  return { exportPart: null };
};

async function exportCustomer(trx: Trx, customerId: string): Promise<Record<string, unknown>> {
  const orders = await rowsWhere(trx, 'orders', 'customer_id', [customerId]);
  const orderLines = await rowsWhere(
    trx,
    'order_lines',
    'order_id',
    orders.map((order) => order.id as string),
  );
  const carts = await rowsWhere(trx, 'carts', 'customer_id', [customerId]);
  const cartLines = await rowsWhere(
    trx,
    'cart_lines',
    'cart_id',
    carts.map((cart) => cart.id as string),
  );
  return {
    orders: orders.map((order) => ({ ...order, lines: orderLines.filter((line) => line.order_id === order.id) })),
    carts: carts.map((cart) => ({ ...cart, lines: cartLines.filter((line) => line.cart_id === cart.id) })),
    rfmScores: await rowsWhere(trx, 'rfm_scores', 'customer_id', [customerId]),
  };
}

/** The consumers this domain runs for data-subject requests (fed by customers' DataSubjectRequested). */
export const privacyConsumers = () => [dataSubjectRequestConsumer('orders', handleDataSubjectRequest)];
