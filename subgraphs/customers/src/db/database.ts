import type { ConsentRecordTable } from './consent.table.js';
import type { CustomerTable } from './customer.table.js';
import type { CustomerIdentityTable } from './identity.table.js';
import type { PrivacyPreferenceTable } from './privacy-preference.table.js';

export interface CustomersDatabase {
  customers: CustomerTable;
  customer_identities: CustomerIdentityTable;
  consent_records: ConsentRecordTable;
  privacy_preferences: PrivacyPreferenceTable;
}
