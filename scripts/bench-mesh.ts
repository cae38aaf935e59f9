// BENCHMARK ONLY: the mesh scripts/bench.ts starts in a child process, so its load generator never
// shares an event loop with the servers. Seeds the four subgraphs on in-memory PGlite with the demo
// world, serves them with the real `listen()`, and puts two gateways in front of the same
// subgraphs: one with the full edge (token, scopes, limits, trusted documents, rate limit, subgraph
// proofs) and one with `edgeSecurity: false`, the baseline that tells what the edge costs.
// Prints one JSON line ({ pid, secured, unsecured, token, subgraphs }) on stdout when ready, logs on
// stderr, and stops on SIGTERM, SIGINT or when stdin closes.
//   tsx scripts/bench-mesh.ts [--customers 1000]
import { parseArgs } from 'node:util';
import type { ApolloServer, BaseContext } from '@apollo/server';
import type { Kysely } from 'kysely';
import { SUBGRAPH_NAMES, type SubgraphName } from '../shared/config.js';
import { type AnyDatabase, createDatabase } from '../shared/db.js';
import { createGraphClient, type GraphClient } from '../shared/graph-client.js';
import { migrateToLatest } from '../shared/migrate.js';
import { listen } from '../shared/server.js';
import {
  ALL_SCOPES,
  createProofVerifier,
  generateTestKeyPair,
  issueLocalToken,
  type KeyPair,
  type ProofVerifier,
} from '../shared/auth.js';
import { SUPERGRAPH_PATH } from '../gateway/src/compose.js';
import { defaultAuthConfig, defaultEdgeConfig, type GatewayConfig } from '../gateway/src/config.js';
import { createGateway } from '../gateway/src/gateway.js';
import { CAMPAIGNS_SERVICE_SCOPES } from '../subgraphs/campaigns/src/settings.js';
import { ORDERS_SERVICE_SCOPES } from '../subgraphs/orders/src/settings.js';
import { DOMAINS } from '../subgraphs/registry.js';
import { SEEDERS } from './seed/run.js';
import { createWorld, DEFAULT_SIZES } from './seed/world.js';

const { values } = parseArgs({ options: { customers: { type: 'string', default: String(DEFAULT_SIZES.customers) } } });
const customerCount = Number(values.customers);
if (!(Number.isInteger(customerCount) && customerCount >= 20 && customerCount <= 100_000)) {
  console.error('--customers must be an integer in [20, 100000]');
  process.exit(2);
}

type AnyServerFactory = (deps: { db: Kysely<AnyDatabase>; graph?: GraphClient }) => {
  apollo: ApolloServer<BaseContext>;
  createContext: () => BaseContext;
  isReady: () => Promise<void>;
};

const FACTORIES = Object.fromEntries(
  SUBGRAPH_NAMES.map((name) => [name, DOMAINS[name].createServer as unknown as AnyServerFactory]),
) as Record<SubgraphName, AnyServerFactory>;

/**
 * BENCHMARK ONLY, never use outside this file. A proof verifier that lets a request WITHOUT a proof
 * through as an anonymous caller (what the `edgeSecurity: false` gateway sends), and still fully
 * verifies (signature, body hash, audience, replay) every proof that is present, so the secured
 * gateway's requests cost the subgraphs exactly what they cost in production.
 */
function acceptMissingProof(verify: ProofVerifier): ProofVerifier {
  return async (proof, body) => (proof === undefined ? { subject: 'anonymous', scopes: [] } : verify(proof, body));
}

function gatewayConfig(subgraphUrls: Record<SubgraphName, string>): GatewayConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    supergraphPath: SUPERGRAPH_PATH,
    subgraphUrls,
    subgraphTimeoutMs: 10_000,
    logLevel: 'silent',
    auth: defaultAuthConfig(),
    // Default edge settings, except a rate limit the benchmark's single subject never reaches.
    edge: defaultEdgeConfig({ rateLimit: { perSecond: 1_000_000, burst: 1_000_000 } }),
  };
}

const log = (line: string) => process.stderr.write(`[bench-mesh] ${line}\n`);
const started = performance.now();
const ratio = customerCount / DEFAULT_SIZES.customers;
const world = createWorld({
  ...DEFAULT_SIZES,
  customers: customerCount,
  orders: Math.round(DEFAULT_SIZES.orders * ratio),
  touchpoints: Math.round(DEFAULT_SIZES.touchpoints * ratio),
});
const issuer: KeyPair = await generateTestKeyPair('ES256');
const subgraphProof: KeyPair = await generateTestKeyPair('EdDSA');
const authDefaults = defaultAuthConfig();
const mint = (subject: string, scopes: readonly string[]) =>
  issueLocalToken(issuer, {
    subject,
    scopes,
    ttlSeconds: 24 * 3600,
    issuer: authDefaults.issuer,
    audience: authDefaults.audience,
  });
const token = await mint('bench-analyst', ALL_SCOPES);
const serviceToken = await mint('service:campaigns', CAMPAIGNS_SERVICE_SCOPES);
const ordersServiceToken = await mint('service:orders', ORDERS_SERVICE_SCOPES);

// Campaigns calls the graph (audiences, experiments) through the secured gateway, which starts last.
let securedUrl = '';
const graph = createGraphClient({
  url: () => securedUrl,
  timeoutMs: 30_000,
  clientName: 'campaigns',
  token: async () => serviceToken,
  sendDocumentIds: true,
});
// Orders asks customers and inventory whether an order's customer and skus exist, as service:orders.
const ordersGraph = createGraphClient({
  url: () => securedUrl,
  timeoutMs: 30_000,
  clientName: 'orders',
  token: async () => ordersServiceToken,
  sendDocumentIds: true,
});

const closers: (() => Promise<void>)[] = [];
const subgraphUrls = {} as Record<SubgraphName, string>;
for (const name of SUBGRAPH_NAMES) {
  const db = await createDatabase<AnyDatabase>({ schema: name, poolSize: 25 });
  closers.unshift(() => db.destroy());
  await migrateToLatest(db, SEEDERS[name].migrations, name);
  await SEEDERS[name].seed(db, world, () => undefined);
  const { apollo, createContext, isReady } = FACTORIES[name]({ db, graph: name === 'orders' ? ordersGraph : graph });
  await apollo.start();
  closers.unshift(() => apollo.stop());
  const verifyProof = createProofVerifier({ publicKey: subgraphProof.publicKey, subgraph: name });
  const server = await listen({
    apollo,
    context: createContext,
    isReady,
    verifyProof: acceptMissingProof(verifyProof),
    port: 0,
  });
  closers.unshift(async () => {
    await server.close();
  });
  subgraphUrls[name] = server.url;
  log(`${name} seeded and listening on ${server.url}`);
}

const keys = { localIssuer: issuer.publicKey, subgraphProof };
const secured = await createGateway(gatewayConfig(subgraphUrls), undefined, keys);
const unsecured = await createGateway(gatewayConfig(subgraphUrls), undefined, keys, { edgeSecurity: false });
securedUrl = (await secured.listen()).url;
const unsecuredUrl = (await unsecured.listen()).url;
closers.unshift(
  async () => void (await secured.close()),
  async () => void (await unsecured.close()),
);
log(
  `ready in ${((performance.now() - started) / 1000).toFixed(1)}s: ${customerCount} customers, secured gateway ${securedUrl}, unsecured gateway ${unsecuredUrl}`,
);

let stopping = false;
async function stop(reason: string) {
  if (stopping) return;
  stopping = true;
  log(`stopping (${reason})`);
  for (const close of closers) await close().catch((err) => log(`close failed: ${(err as Error).message}`));
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
// The parent holds our stdin; when it goes away (even killed) stdin ends and we stop.
process.stdin.on('end', () => void stop('stdin closed'));
process.stdin.on('close', () => void stop('stdin closed'));
process.stdin.resume();

process.stdout.write(
  `${JSON.stringify({ pid: process.pid, pids: [process.pid], secured: securedUrl, unsecured: unsecuredUrl, token, subgraphs: subgraphUrls, customers: customerCount, campaigns: world.sizes.campaigns })}\n`,
);
