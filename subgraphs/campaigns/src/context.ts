import type { Kysely } from 'kysely';
import type { GraphClient } from '../../../shared/graph-client.js';
import type { CampaignsDatabase } from './db/database.js';
import { createLoaders, type CampaignsLoaders } from './loaders.js';
import type { CampaignsSettings } from './settings.js';

export interface CampaignsContext {
  db: Kysely<CampaignsDatabase>;
  loaders: CampaignsLoaders;
  /** The gateway, queried as a client for other domains' facts. */
  graph: GraphClient;
  settings: CampaignsSettings;
}

export function createContext(db: Kysely<CampaignsDatabase>, graph: GraphClient, settings: CampaignsSettings): CampaignsContext {
  return { db, loaders: createLoaders(db), graph, settings };
}
