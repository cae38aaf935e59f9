import type { Kysely } from 'kysely';
import type { CampaignsDatabase } from './db/database.js';
import { createLoaders, type CampaignsLoaders } from './loaders.js';

export interface CampaignsContext {
  db: Kysely<CampaignsDatabase>;
  loaders: CampaignsLoaders;
}

export function createContext(db: Kysely<CampaignsDatabase>): CampaignsContext {
  return { db, loaders: createLoaders(db) };
}
