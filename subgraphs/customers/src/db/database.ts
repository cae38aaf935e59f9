import type { EventTables } from '../../../../shared/events/index.js';
import type { ConsentRecordTable } from './consent.table.js';
import type { CustomerTable } from './customer.table.js';
import type { CustomerIdentityTable } from './identity.table.js';

/** The domain's tables, and the event tables every domain database has (outbox, processed_events, ...). */
export interface CustomersDatabase extends EventTables {
  customers: CustomerTable;
  customer_identities: CustomerIdentityTable;
  consent_records: ConsentRecordTable;
}
