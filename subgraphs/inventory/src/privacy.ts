// The inventory domain's part of a data-subject request (docs/privacy.md). Inventory holds no
// personal data: products and stock are not about people, and a reservation's reference names an
// order or a cart, never a customer. Its handler still runs for every request, so the request's
// progress shows that inventory was asked and answered, and a future column about customers has a
// place to be erased and exported.
import { dataSubjectRequestConsumer, type DataSubjectRequestHandler } from '../../../shared/privacy/requests.js';
import type { InventoryDatabase } from './db/database.js';

export const handleDataSubjectRequest: DataSubjectRequestHandler<InventoryDatabase> = async (_trx, request) => ({
  exportPart: request.kind === 'EXPORT' ? { reservations: [], note: 'inventory keeps no data about customers' } : null,
});

/** The consumers this domain runs for data-subject requests (fed by customers' DataSubjectRequested). */
export const privacyConsumers = () => [dataSubjectRequestConsumer('inventory', handleDataSubjectRequest)];
