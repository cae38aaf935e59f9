import type {
  DataSubjectRequestDomainTable,
  DataSubjectRequestTable,
  ErasureTombstoneTable,
} from './data-subject-request.table.js';
import type { EventTables } from '../../../../shared/events/index.js';
import type { ConsentRecordTable } from './consent.table.js';
import type { CustomerTable } from './customer.table.js';
import type { CustomerIdentityTable } from './identity.table.js';
import type { PrivacyPreferenceTable } from './privacy-preference.table.js';

/** The domain's tables, and the event tables every domain database has (outbox, processed_events, ...). */
export interface CustomersDatabase extends EventTables {
  customers: CustomerTable;
  customer_identities: CustomerIdentityTable;
  consent_records: ConsentRecordTable;
  privacy_preferences: PrivacyPreferenceTable;
  data_subject_requests: DataSubjectRequestTable;
  data_subject_request_domains: DataSubjectRequestDomainTable;
  erasure_tombstones: ErasureTombstoneTable;
}
