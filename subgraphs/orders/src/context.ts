import type { Kysely } from 'kysely';
import type { OrdersDatabase } from './db/database.js';
import { createLoaders, type OrdersLoaders } from './loaders.js';

export interface OrdersContext {
  db: Kysely<OrdersDatabase>;
  loaders: OrdersLoaders;
}

export function createContext(db: Kysely<OrdersDatabase>): OrdersContext {
  return { db, loaders: createLoaders(db) };
}
