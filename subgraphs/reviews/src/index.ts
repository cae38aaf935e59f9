import { runSubgraph } from '../../../shared/run.js';
import { migrations } from './db/migrations/index.js';
import { createServer, name } from './server.js';

await runSubgraph({ name, migrations, createServer });
