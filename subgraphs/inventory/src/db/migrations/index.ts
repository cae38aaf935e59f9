import type { Migration } from 'kysely';
import * as init from './2026112201_init.js';
import * as outbox from './2026112410_outbox.js';
import * as accessLog from './2026120420_access_log.js';
import * as catalogueLocationsAllocations from './2026120502_catalogue_locations_allocations.js';

export const migrations: Record<string, Migration> = {
  '2026112201_init': init,
  '2026112410_outbox': outbox,
  '2026120420_access_log': accessLog,
  '2026120502_catalogue_locations_allocations': catalogueLocationsAllocations,
};
