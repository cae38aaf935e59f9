import type { Migration } from 'kysely';
import * as init from './2026112201_init.js';
import * as outbox from './2026112410_outbox.js';
import * as privacyPreferences from './2026120401_privacy_preferences.js';
import * as accessLog from './2026120420_access_log.js';

export const migrations: Record<string, Migration> = {
  '2026112201_init': init,
  '2026112410_outbox': outbox,
  '2026120401_privacy_preferences': privacyPreferences,
  '2026120420_access_log': accessLog,
};
