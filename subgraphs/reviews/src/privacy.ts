// The reviews domain's part of a data-subject request (docs/privacy.md). A review is personal (who
// wrote what), so erasure deletes the customer's reviews outright (the product summaries lose them
// too) and this domain's events naming the customer; export returns every review with its text.
import { forgetCustomerEvents } from '../../../shared/events/erasure.js';
import { dataSubjectRequestConsumer, type DataSubjectRequestHandler } from '../../../shared/privacy/requests.js';
import { rowsWhere } from '../../../shared/privacy/rows.js';
import type { ReviewsDatabase } from './db/database.js';

export const handleDataSubjectRequest: DataSubjectRequestHandler<ReviewsDatabase> = async (trx, request) => {
  if (request.kind === 'EXPORT') {
    return { exportPart: { reviews: await rowsWhere(trx, 'reviews', 'customer_id', [request.customerId]) } };
  }
  await trx.deleteFrom('reviews').where('customer_id', '=', request.customerId).execute();
  await forgetCustomerEvents(trx, request.customerId);
  return { exportPart: null };
};

/** The consumers this domain runs for data-subject requests (fed by customers' DataSubjectRequested). */
export const privacyConsumers = () => [dataSubjectRequestConsumer('reviews', handleDataSubjectRequest)];
