// The campaigns domain's part of a data-subject request (docs/privacy.md). Erasure deletes the
// customer's touchpoints, audience memberships and queued messages, and the read-model rows kept
// from other domains' events (order and cart facts, consent and privacy state), and this domain's
// events naming the customer. Campaigns, audiences and attribution reports (aggregates) stay.
import type { Transaction } from 'kysely';
import { forgetCustomerEvents } from '../../../shared/events/erasure.js';
import { dataSubjectRequestConsumer, type DataSubjectRequestHandler } from '../../../shared/privacy/requests.js';
import { rowsWhere } from '../../../shared/privacy/rows.js';
import type { CampaignsDatabase } from './db/database.js';
import { endErasure, lockCustomerMessages, startErasure } from './db/read-model.repository.js';

type Trx = Transaction<CampaignsDatabase>;

/** The tables holding rows about one customer, by `customer_id`, in the order they can be deleted. */
const CUSTOMER_TABLES = [
  // Queued messages first: they reference touchpoints.
  'cart_reminders',
  'touchpoints',
  'audience_members',
  'order_facts',
  'cart_facts',
  'consent_state',
  'privacy_state',
  'experiment_assignments',
  'cart_activity_facts',
] as const;

export const handleDataSubjectRequest: DataSubjectRequestHandler<CampaignsDatabase> = async (trx, request) => {
  const customerId = request.customerId;
  if (request.kind === 'EXPORT') return { exportPart: await exportCustomer(trx, customerId) };
  // The reminder trigger takes the same lock: a reminder being queued now is either committed
  // first (and deleted here) or queued after, when the erased customer no longer has a cart fact.
  await lockCustomerMessages(trx, customerId);
  // Until the request closes, the read models skip late events about the customer (their owners
  // delete them in their own part of the erasure, which may run after this one).
  await startErasure(trx, customerId, request.requestId);
  // order_fact_lines go with their order fact (on delete cascade).
  for (const table of CUSTOMER_TABLES) await trx.deleteFrom(table).where('customer_id', '=', customerId).execute();
  await forgetCustomerEvents(trx, customerId);
  return { exportPart: null };
};

async function exportCustomer(trx: Trx, customerId: string): Promise<Record<string, unknown>> {
  const part: Record<string, unknown> = {};
  for (const table of CUSTOMER_TABLES) {
    part[table] = await rowsWhere(trx, table, 'customer_id', [customerId]);
  }
  return part;
}

/** The consumers this domain runs for data-subject requests (fed by customers' DataSubjectRequested). */
export const privacyConsumers = () => [dataSubjectRequestConsumer('campaigns', handleDataSubjectRequest, endErasure)];
