import { exitOnConfigError } from '../../shared/config.js';
import { createLogger } from '../../shared/logger.js';
import { startTracing } from '../../shared/tracing.js';
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
// Registered before the runtime is built: its OpenTelemetry plugin uses this provider.
const tracing = config.tracing ? await startTracing(config.tracing) : undefined;
if (config.tracing)
  logger.info(
    { endpoint: config.tracing.endpoint, serviceName: config.tracing.serviceName },
    'exporting traces over OTLP',
  );
const gateway = await createGateway(config, logger).catch(exitOnConfigError);
const { url } = await gateway.listen();
logger.info({ url, graphiql: url, subgraphs: gateway.subgraphUrls }, 'mesh360 gateway ready');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining');
    gateway.close().then(async ({ timedOut }) => {
      // The last requests' spans are still in the batch.
      await tracing?.shutdown().catch((err) => logger.warn({ err }, 'could not export the last spans'));
      logger.info({ signal, timedOut }, timedOut ? 'drain timed out; stopped' : 'stopped');
      process.exit(0);
    });
  });
}
