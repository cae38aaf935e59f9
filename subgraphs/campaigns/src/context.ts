import type { Kysely } from 'kysely';
import type { Viewer } from '../../../shared/auth.js';
import type { GraphClient } from '../../../shared/graph-client.js';
import type { JobRunner } from '../../../shared/jobs/runner.js';
import type { CampaignsDatabase } from './db/database.js';
import type { JobCancelRequestedSink } from './jobs/index.js';
import { createLoaders, type CampaignsLoaders } from './loaders.js';
import type { CampaignsSettings } from './settings.js';

export interface CampaignsContext {
  db: Kysely<CampaignsDatabase>;
  loaders: CampaignsLoaders;
  /** The gateway, queried as a client for other domains' facts. */
  graph: GraphClient;
  settings: CampaignsSettings;
  jobs: JobRunner;
  /** Where a cancel request for another domain's job goes (its JobCancelRequested event). */
  onJobCancelRequested?: JobCancelRequestedSink;
  /** The verified caller, set by the server from the gateway's proof. */
  viewer?: Viewer;
}

export function createContext(deps: Omit<CampaignsContext, 'loaders' | 'viewer'>): CampaignsContext {
  return { ...deps, loaders: createLoaders(deps.db) };
}
