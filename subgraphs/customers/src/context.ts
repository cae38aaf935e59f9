import type { Kysely } from 'kysely';
import type { Viewer } from '../../../shared/auth.js';
import type { CustomersDatabase } from './db/database.js';
import { createLoaders, type CustomersLoaders } from './loaders.js';
import { DEFAULT_CUSTOMERS_SETTINGS, type CustomersSettings } from './settings.js';

export interface CustomersContext {
  db: Kysely<CustomersDatabase>;
  loaders: CustomersLoaders;
  settings: CustomersSettings;
  /** Set by the HTTP layer from the gateway's proof; absent in executeOperation tests. */
  viewer?: Viewer;
}

export function createContext(
  db: Kysely<CustomersDatabase>,
  settings: CustomersSettings = DEFAULT_CUSTOMERS_SETTINGS,
): CustomersContext {
  return { db, loaders: createLoaders(db), settings };
}
