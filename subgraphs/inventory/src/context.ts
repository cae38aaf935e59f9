import type { Kysely } from 'kysely';
import type { InventoryDatabase } from './db/database.js';
import { createLoaders, type InventoryLoaders } from './loaders.js';

export interface InventoryContext {
  db: Kysely<InventoryDatabase>;
  loaders: InventoryLoaders;
}

export function createContext(db: Kysely<InventoryDatabase>): InventoryContext {
  return { db, loaders: createLoaders(db) };
}
