import { createLogger } from '../../shared/logger.js';
import { SUPERGRAPH_PATH } from './compose.js';
import { loadGatewayConfig } from './config.js';
import { createGateway } from './gateway.js';

const config = loadGatewayConfig(process.env, SUPERGRAPH_PATH);
const logger = createLogger('gateway', config.logLevel);
const gateway = await createGateway(config, logger);
const { url } = await gateway.listen();
logger.info({ url, graphiql: url, subgraphs: gateway.subgraphUrls }, 'mesh360 gateway ready');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    gateway.close().then(() => process.exit(0));
  });
}
