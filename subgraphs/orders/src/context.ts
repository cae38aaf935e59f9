import type { Kysely } from 'kysely';
import type { Viewer } from '../../../shared/auth.js';
import type { JobRunner } from '../../../shared/jobs/runner.js';
import type { OrdersDatabase } from './db/database.js';
import { createLoaders, type OrdersLoaders } from './loaders.js';
import type { ReferenceCheck } from './references.js';

export interface OrdersContext {
  db: Kysely<OrdersDatabase>;
  loaders: OrdersLoaders;
  jobs: JobRunner;
  /** Asks customers and inventory whether an order's or a cart's customer and skus exist. */
  checkReferences: ReferenceCheck;
  /** The verified caller, set by the server from the gateway's proof. */
  viewer?: Viewer;
}

export function createContext(
  db: Kysely<OrdersDatabase>,
  jobs: JobRunner,
  checkReferences: ReferenceCheck,
): OrdersContext {
  return { db, loaders: createLoaders(db), jobs, checkReferences };
}
