import { runSubgraph } from '../../../shared/run.js';
import type { CampaignsContext } from './context.js';
import type { CampaignsDatabase } from './db/database.js';
import { migrations } from './db/migrations/index.js';
import { campaignsRetention } from './retention.js';
import { createServer, name } from './server.js';
import { loadCampaignsSettings } from './settings.js';

const settings = loadCampaignsSettings(process.env);
await runSubgraph<CampaignsDatabase, CampaignsContext>({
  name,
  migrations,
  retention: campaignsRetention,
  createServer: (deps) => createServer({ ...deps, settings }),
});
