import type { Migration } from 'kysely';
import * as init from './2026112201_init.js';
import * as outbox from './2026112410_outbox.js';
import * as privacyPreferences from './2026120401_privacy_preferences.js';
import * as accessLog from './2026120420_access_log.js';
import * as dataSubjectRequests from './2026120501_data_subject_requests.js';
import * as customerSearch from './2026120601_customer_search.js';

export const migrations: Record<string, Migration> = {
  '2026112201_init': init,
  '2026112410_outbox': outbox,
  '2026120401_privacy_preferences': privacyPreferences,
  '2026120420_access_log': accessLog,
  '2026120501_data_subject_requests': dataSubjectRequests,
  '2026120601_customer_search': customerSearch,
};
