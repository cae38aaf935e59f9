// Starts the four subgraphs and the gateway inside the test process, each subgraph on its own
// test database (in-memory PGlite, or a fresh Postgres schema when TEST_DATABASE_URL is set) and
// served over real HTTP on port 0, so tests can count every SQL statement a gateway query costs.
import type { ApolloServer, BaseContext } from '@apollo/server';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Kysely } from 'kysely';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../shared/config.js';
import { createGraphClient, type GraphClient } from '../../shared/graph-client.js';
import type { Logger } from '../../shared/logger.js';
import type { BackgroundJobs } from '../../shared/run.js';
import { listen, type RunningServer } from '../../shared/server.js';
import { createTestDatabase, type TestDatabase } from '../../shared/testing.js';
import { SUPERGRAPH_PATH } from '../../gateway/src/compose.js';
import { defaultAuthConfig, defaultEdgeConfig, type AuthConfig, type EdgeConfig } from '../../gateway/src/config.js';
import { createGateway } from '../../gateway/src/gateway.js';
import {
  ALL_SCOPES,
  createProofVerifier,
  generateTestKeyPair,
  issueLocalToken,
  type KeyPair,
} from '../../shared/auth.js';
import { CAMPAIGNS_SERVICE_SCOPES } from '../../subgraphs/campaigns/src/settings.js';
import { ORDERS_SERVICE_SCOPES } from '../../subgraphs/orders/src/settings.js';
import { SEEDERS } from '../../scripts/seed/run.js';
import type { JobCancelRequested } from '../../shared/jobs/events.js';
import type { JobChangedSink, JobRunner } from '../../shared/jobs/runner.js';
import type { GraphRequest } from '../../shared/jobs/wait.js';
import { applyJobChanged } from '../../subgraphs/campaigns/src/job-registry.js';
import type { DemoWorld } from '../../scripts/seed/world.js';
import { DOMAINS } from '../../subgraphs/registry.js';

type AnyServerFactory = (
  deps: { db: Kysely<any>; graph?: GraphClient; logger?: Logger } & JobEventRelay & { jobTiming?: typeof JOB_TIMING },
) => {
  apollo: ApolloServer<BaseContext>;
  createContext: () => BaseContext;
  isReady: () => Promise<void>;
  background?: BackgroundJobs;
  jobs?: JobRunner;
};

/** Heartbeats every 200 ms, so a cancel is noticed quickly in tests. */
const JOB_TIMING = { heartbeatMs: 200, staleAfterMs: 5_000, pollMs: 500 };

interface JobEventRelay {
  onJobChanged?: JobChangedSink;
  onJobCancelRequested?: (trx: unknown, event: JobCancelRequested) => Promise<void>;
}

/**
 * The in-process mesh runs without an event transport (no relay, no consumers), so job events take
 * a short cut here: the orders domain's JobChanged reaches the campaigns job registry through the
 * same apply function its consumer calls, and the registry's JobCancelRequested reaches the orders
 * runner the same way. Real processes carry both through the outbox (test/jobs-events.e2e.test.ts).
 */
function relayJobEvents(mesh: {
  campaignsDb?: Kysely<any>;
  ordersDb?: Kysely<any>;
  ordersJobs?: JobRunner;
}): JobEventRelay {
  return {
    onJobChanged: async (_trx, event) => {
      if (mesh.campaignsDb) await applyJobChanged(mesh.campaignsDb, event);
    },
    onJobCancelRequested: async (_trx, event) => {
      // After the registry's transaction: the owner acts on a request that was recorded.
      setImmediate(
        () => void mesh.ordersDb?.transaction().execute((trx) => mesh.ordersJobs!.applyCancelRequested(trx, event)),
      );
    },
  };
}

const FACTORIES = Object.fromEntries(
  SUBGRAPH_NAMES.map((name) => [name, DOMAINS[name].createServer as unknown as AnyServerFactory]),
) as Record<SubgraphName, AnyServerFactory>;

export interface InProcessMesh {
  url: string;
  databases: Record<SubgraphName, TestDatabase<any>>;
  /** The subgraphs' own URLs (reachable only with a gateway proof). */
  subgraphUrls: Record<SubgraphName, string>;
  keys: TestKeys;
  /** The graph client the campaigns service uses: its service token, registered documents only. */
  campaignsGraph: GraphClient;
  /** Runs an operation as a caller holding every scope (or the given token). */
  query<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{
    data?: T;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  }>;
  /** Starts another gateway on the same subgraphs with other edge or auth settings (rate limits, production mode). */
  startGateway(
    overrides: GatewayOverrides,
  ): Promise<{ url: string; close(options?: { drainTimeoutMs?: number }): Promise<void> }>;
  /** Runs operations as the given token's holder (every scope by default), answering data and throwing on errors; for runJob and waitForJob. */
  graphRequest(token?: string): GraphRequest;
  /** A token from the mesh's test issuer. */
  token(scopes?: readonly string[], options?: { subject?: string; ttlSeconds?: number }): Promise<string>;
  resetStatementCounts(): void;
  statementCounts(): Record<SubgraphName, number>;
  /** Resolves once no job runs or waits in any domain of this mesh. */
  jobsIdle(): Promise<void>;
  close(): Promise<void>;
}

export interface TestKeys {
  issuer: KeyPair;
  subgraphProof: KeyPair;
}

export interface GatewayOverrides {
  edge?: Partial<EdgeConfig>;
  auth?: Partial<AuthConfig>;
  localIssuer?: boolean;
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  subgraphTimeoutMs?: number;
  /** Another supergraph file, read again every supergraphPollMs (default: the committed one, never re-read). */
  supergraphPath?: string;
  supergraphPollMs?: number;
}

export interface InProcessMeshOptions {
  /** Overrides of the gateway's edge settings (rate limit, CORS, body size...). */
  edge?: Partial<EdgeConfig>;
  auth?: Partial<AuthConfig>;
  /** Where the gateway and the subgraphs log (access lines included); silent when absent. */
  logger?: Logger;
}

/** Mints a token from a test issuer key with the gateway's default issuer and audience. */
export function mintTestToken(
  issuer: KeyPair,
  scopes: readonly string[] = ALL_SCOPES,
  options: { subject?: string; ttlSeconds?: number } = {},
): Promise<string> {
  const defaults = defaultAuthConfig();
  return issueLocalToken(issuer, {
    subject: options.subject ?? 'test-analyst',
    scopes,
    ttlSeconds: options.ttlSeconds ?? 3600,
    issuer: defaults.issuer,
    audience: defaults.audience,
  });
}

export async function startInProcessMesh(world: DemoWorld, options: InProcessMeshOptions = {}): Promise<InProcessMesh> {
  const databases = {} as Record<SubgraphName, TestDatabase<any>>;
  const servers: { apollo: ApolloServer<BaseContext>; http: RunningServer }[] = [];
  const urls: Partial<Record<SubgraphName, string>> = {};
  const keys: TestKeys = {
    issuer: await generateTestKeyPair('ES256'),
    subgraphProof: await generateTestKeyPair('EdDSA'),
  };
  const adminToken = await mintTestToken(keys.issuer);
  // The campaigns service calls the graph with its own service identity and registered documents, as in production.
  const serviceToken = await mintTestToken(keys.issuer, CAMPAIGNS_SERVICE_SCOPES, { subject: 'service:campaigns' });
  // Campaigns queries the graph through the gateway, which starts last; the URL is looked up per request.
  let gatewayUrl = '';
  const graph = createGraphClient({
    url: () => gatewayUrl,
    timeoutMs: 30_000,
    clientName: 'campaigns',
    token: async () => serviceToken,
    sendDocumentIds: true,
  });
  // Orders asks customers and inventory whether an order's customer and skus exist, as service:orders.
  const ordersServiceToken = await mintTestToken(keys.issuer, ORDERS_SERVICE_SCOPES, { subject: 'service:orders' });
  const ordersGraph = createGraphClient({
    url: () => gatewayUrl,
    timeoutMs: 30_000,
    clientName: 'orders',
    token: async () => ordersServiceToken,
    sendDocumentIds: true,
  });
  const relayEnds: { campaignsDb?: Kysely<any>; ordersDb?: Kysely<any>; ordersJobs?: JobRunner } = {};
  const relay = relayJobEvents(relayEnds);
  const runners: JobRunner[] = [];
  for (const name of SUBGRAPH_NAMES) {
    const testDb = await createTestDatabase<any>(name, SEEDERS[name].migrations);
    databases[name] = testDb;
    await SEEDERS[name].seed(testDb.db, world, () => undefined);
    const { apollo, createContext, isReady, jobs } = FACTORIES[name]({
      db: testDb.db,
      graph: name === 'orders' ? ordersGraph : graph,
      logger: options.logger,
      jobTiming: JOB_TIMING,
      ...relay,
    });
    if (jobs) runners.push(jobs);
    if (name === 'campaigns') relayEnds.campaignsDb = testDb.db;
    if (name === 'orders') {
      relayEnds.ordersJobs = jobs;
      relayEnds.ordersDb = testDb.db;
    }
    await apollo.start();
    const verifyProof = createProofVerifier({ publicKey: keys.subgraphProof.publicKey, subgraph: name });
    const http = await listen({
      name,
      apollo,
      context: createContext,
      isReady,
      verifyProof,
      port: 0,
      logger: options.logger,
    });
    servers.push({ apollo, http });
    urls[name] = http.url;
  }
  const startGatewayOn = (overrides: GatewayOverrides) =>
    createGateway(
      {
        host: '127.0.0.1',
        port: 0,
        supergraphPath: overrides.supergraphPath ?? SUPERGRAPH_PATH,
        supergraphPollMs: overrides.supergraphPollMs,
        subgraphUrls: { ...urls, ...overrides.subgraphUrls },
        subgraphTimeoutMs: overrides.subgraphTimeoutMs ?? 10_000,
        logLevel: 'silent',
        auth: defaultAuthConfig(overrides.auth),
        edge: defaultEdgeConfig(overrides.edge),
      },
      options.logger,
      {
        localIssuer: overrides.localIssuer === false ? undefined : keys.issuer.publicKey,
        localTokenIssuer: overrides.localIssuer === false ? undefined : keys.issuer,
        subgraphProof: keys.subgraphProof,
      },
    );
  // Tests send many requests as one subject; the rate-limit test starts a gateway with its own limit.
  const gateway = await startGatewayOn({
    auth: options.auth,
    edge: { rateLimit: { perSecond: 100_000, burst: 100_000 }, ...options.edge },
  });
  const { url } = await gateway.listen();
  gatewayUrl = url;

  return {
    url,
    databases,
    subgraphUrls: urls as Record<SubgraphName, string>,
    keys,
    campaignsGraph: graph,
    startGateway: async (overrides) => {
      const extra = await startGatewayOn(overrides);
      const started = await extra.listen();
      return { url: started.url, close: async (closeOptions) => void (await extra.close(closeOptions)) };
    },
    query: (query, variables, token) => postGraphQL(url, query, variables, token ?? adminToken),
    graphRequest:
      (token) =>
      async <T>(query: string, variables?: Record<string, unknown>) => {
        const body = await postGraphQL(url, query, variables, token ?? adminToken);
        if (body.errors?.length)
          throw Object.assign(new Error(body.errors.map((e: { message: string }) => e.message).join('; ')), {
            errors: body.errors,
          });
        return body.data as T;
      },
    token: (scopes, tokenOptions) => mintTestToken(keys.issuer, scopes, tokenOptions),
    resetStatementCounts: () => {
      for (const name of SUBGRAPH_NAMES) databases[name].resetStatementCount();
    },
    statementCounts: () =>
      Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, databases[name].statementCount()])) as Record<
        SubgraphName,
        number
      >,
    jobsIdle: async () => {
      for (const jobs of runners) await jobs.idle();
    },
    close: async () => {
      for (const jobs of runners) await jobs.stop();
      await gateway.close();
      for (const { apollo, http } of servers) {
        await http.close();
        await apollo.stop();
      }
      for (const name of SUBGRAPH_NAMES) await databases[name].destroy();
    },
  };
}

/** POSTs a GraphQL operation (with a bearer token when given) and returns the parsed body. */
export async function postGraphQL(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

/** A seeded in-process mesh for one test file: started before its tests, closed after them. */
export function useInProcessMesh(
  world: DemoWorld,
  options: InProcessMeshOptions = {},
): {
  readonly mesh: InProcessMesh;
  /** Runs an operation holding every scope; fails the test on any error and returns the data. */
  ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
} {
  let mesh: InProcessMesh | undefined;
  beforeAll(async () => {
    mesh = await startInProcessMesh(world, options);
  }, 180_000);
  afterAll(async () => {
    await mesh?.close();
  }, 60_000);
  return {
    get mesh() {
      return mesh!;
    },
    async ok(query, variables) {
      const result = await mesh!.query(query, variables);
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      return result.data!;
    },
  };
}
