import type { Kysely } from 'kysely';
import type { GraphClient } from '../../../shared/graph-client.js';
import type { CampaignsDatabase } from './db/database.js';
import { createLoaders, type CampaignsLoaders } from './loaders.js';

export interface CampaignsContext {
  db: Kysely<CampaignsDatabase>;
  loaders: CampaignsLoaders;
  /** The gateway, queried as a client for other domains' facts. */
  graph: GraphClient;
}

export function createContext(db: Kysely<CampaignsDatabase>, graph: GraphClient): CampaignsContext {
  return { db, loaders: createLoaders(db), graph };
}
