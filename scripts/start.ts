// Starts the whole mesh: seeds empty domain databases with the demo world, then runs the four
// subgraphs and the gateway as separate processes, restarting any that exits with back-off.
// Ctrl-C stops them all.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitOnConfigError, loadSubgraphConfig, SUBGRAPH_NAMES, type SubgraphName } from '../shared/config.js';
import { loadGatewayConfig, type GatewayConfig } from '../gateway/src/config.js';
import { EXAMPLE_QUERY } from '../gateway/src/example-query.js';
import { ensureConsoleBuilt } from './console-build.js';
import { seedDomains } from './seed/run.js';
import { createWorld } from './seed/world.js';
import { createSupervisor } from './supervisor.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let stopping = false;
const supervisor = createSupervisor({
  log: (line) => console.error(line),
  onSpawn: (name, child) => {
    if (!stopping && child.pid) console.log(`  ${name} started (pid ${child.pid})`);
  },
});

// The same validated configuration the services read, so a bad variable fails here, before
// anything starts: one line per problem and exit code 2.
const localHost = (host: string) => (host === '0.0.0.0' ? '127.0.0.1' : host);
let subgraphBase: Record<SubgraphName, string>;
let gatewayConfig: GatewayConfig;
try {
  subgraphBase = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => {
      const config = loadSubgraphConfig(name);
      return [name, `http://${localHost(config.host)}:${config.port}`];
    }),
  ) as Record<SubgraphName, string>;
  gatewayConfig = loadGatewayConfig(process.env, path.join(ROOT, 'supergraph.graphql'));
} catch (error) {
  exitOnConfigError(error);
}

function start(name: string, entry: string, env: NodeJS.ProcessEnv = {}): void {
  supervisor.start({
    name,
    command: process.execPath,
    args: ['--import', 'tsx', entry],
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

async function waitUntilReady(name: string, url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) return;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} did not become ready at ${url} within ${timeoutMs / 1000}s`);
}

async function stopAll(exitCode: number): Promise<void> {
  // Ctrl-C reaches this process twice (from the terminal and relayed by tsx); stop once.
  if (stopping) return;
  stopping = true;
  // Services drain requests in flight on SIGTERM; the supervisor SIGKILLs any still up after its grace period.
  await supervisor.stop('SIGTERM');
  process.exit(exitCode);
}

process.on('SIGINT', () => {
  if (!stopping) console.log('\nStopping mesh360…');
  void stopAll(0);
});
process.on('SIGTERM', () => void stopAll(0));

try {
  console.log('mesh360: preparing domain databases (demo data is written on first start only)…');
  const seeded = await seedDomains({ world: createWorld(), skipIfPresent: true, log: (line) => console.log(line) });
  if (seeded.length === 0) console.log('  every domain already holds data; reusing it.');

  const gatewayUrl = `http://${localHost(gatewayConfig.host)}:${gatewayConfig.port}`;
  // Campaigns queries the graph as a client (audiences, attribution, cart reminders), and orders asks it
  // whether an order's customer and skus exist: point both at this gateway.
  const graphClientEnv: Partial<Record<(typeof SUBGRAPH_NAMES)[number], Record<string, string>>> = {
    campaigns: { CAMPAIGNS_GRAPH_URL: process.env.CAMPAIGNS_GRAPH_URL ?? `${gatewayUrl}/graphql` },
    orders: { ORDERS_GRAPH_URL: process.env.ORDERS_GRAPH_URL ?? `${gatewayUrl}/graphql` },
  };
  for (const name of SUBGRAPH_NAMES) start(name, `subgraphs/${name}/src/index.ts`, graphClientEnv[name] ?? {});
  // The console is built while the subgraphs start (skipped when console/dist is newer than its
  // sources); a failed build leaves the mesh running without it, and says why.
  await Promise.all([
    ...SUBGRAPH_NAMES.map((name) => waitUntilReady(name, `${subgraphBase[name]}/ready`)),
    ensureConsoleBuilt({ log: (line) => console.log(line) }).catch((err) =>
      console.error(`  the console could not be built: ${err instanceof Error ? err.message : err}`),
    ),
  ]);

  // Point the gateway at the ports the subgraphs actually got, unless a URL was given explicitly.
  const subgraphUrls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [
      `${name.toUpperCase()}_URL`,
      process.env[`${name.toUpperCase()}_URL`] ?? `${subgraphBase[name]}/graphql`,
    ]),
  );
  start('gateway', 'gateway/src/index.ts', subgraphUrls);
  await waitUntilReady('gateway', `${gatewayUrl}/readiness`);

  console.log(`
mesh360 is running.
  GraphQL endpoint  ${gatewayUrl}/graphql   (every request needs a bearer token)
  GraphiQL          ${gatewayUrl}/graphql   (open in a browser; paste a token into the Authorization header)
  Console           ${gatewayUrl}/console   (the marketing console; sign in with a token)
  Readiness         ${gatewayUrl}/readiness
Try, in another terminal:
  TOKEN=$(npm run -s token)
  curl -s ${gatewayUrl}/graphql -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
    -d '{"query":"{ customer(id: \\"cus-0000001\\") { displayName purchaseStats { orderCount totalSpent } } }"}'

${EXAMPLE_QUERY}

Press Ctrl-C to stop.`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  await stopAll(1);
}
