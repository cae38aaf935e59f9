import { runSubgraph } from '../../../shared/run.js';
import type { OrdersContext } from './context.js';
import type { OrdersDatabase } from './db/database.js';
import { migrations } from './db/migrations/index.js';
import { ordersRetention } from './retention.js';
import { createServer, name } from './server.js';
import { loadOrdersSettings } from './settings.js';

const settings = loadOrdersSettings(process.env);
await runSubgraph<OrdersDatabase, OrdersContext>({
  name,
  migrations,
  retention: ordersRetention,
  createServer: (deps) => createServer({ ...deps, settings }),
});
