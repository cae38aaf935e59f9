import { exitOnConfigError } from '../../shared/config.js';
import { createLogger } from '../../shared/logger.js';
import { SUPERGRAPH_PATH } from './compose.js';
import { loadGatewayConfig, type GatewayConfig } from './config.js';
import { createGateway } from './gateway.js';

// A bad variable (or key) is reported one line per problem with exit code 2, not as a stack trace.
let config: GatewayConfig;
try {
  config = loadGatewayConfig(process.env, SUPERGRAPH_PATH);
} catch (error) {
  exitOnConfigError(error);
}
const logger = createLogger('gateway', config.logLevel);
const gateway = await createGateway(config, logger).catch(exitOnConfigError);
const { url } = await gateway.listen();
logger.info({ url, graphiql: url, subgraphs: gateway.subgraphUrls }, 'mesh360 gateway ready');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining');
    gateway.close().then(({ timedOut }) => {
      logger.info({ signal, timedOut }, timedOut ? 'drain timed out; stopped' : 'stopped');
      process.exit(0);
    });
  });
}
