import type { Kysely } from 'kysely';
import type { CustomersDatabase } from './db/database.js';
import { createLoaders, type CustomersLoaders } from './loaders.js';

export interface CustomersContext {
  db: Kysely<CustomersDatabase>;
  loaders: CustomersLoaders;
}

export function createContext(db: Kysely<CustomersDatabase>): CustomersContext {
  return { db, loaders: createLoaders(db) };
}
