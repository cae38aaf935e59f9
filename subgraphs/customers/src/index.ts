import { runSubgraph } from '../../../shared/run.js';
import type { CustomersContext } from './context.js';
import type { CustomersDatabase } from './db/database.js';
import { migrations } from './db/migrations/index.js';
import { createServer, name } from './server.js';
import { loadCustomersSettings } from './settings.js';

const settings = loadCustomersSettings(process.env);
await runSubgraph<CustomersDatabase, CustomersContext>({
  name,
  migrations,
  createServer: (deps) => createServer({ ...deps, settings }),
});
