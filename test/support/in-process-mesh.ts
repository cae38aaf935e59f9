// Starts the four subgraphs and the gateway inside the test process, each subgraph on its own
// test database (in-memory PGlite, or a fresh Postgres schema when TEST_DATABASE_URL is set) and
// served over real HTTP on port 0, so tests can count every SQL statement a gateway query costs.
import type { ApolloServer, BaseContext } from '@apollo/server';
import type { Kysely } from 'kysely';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../shared/config.js';
import { createGraphClient, type GraphClient } from '../../shared/graph-client.js';
import type { BackgroundJobs } from '../../shared/run.js';
import { listen, type RunningServer } from '../../shared/server.js';
import { createTestDatabase, type TestDatabase } from '../../shared/testing.js';
import { SUPERGRAPH_PATH } from '../../gateway/src/compose.js';
import { createGateway } from '../../gateway/src/gateway.js';
import { SEEDERS } from '../../scripts/seed/run.js';
import type { DemoWorld } from '../../scripts/seed/world.js';
import * as campaigns from '../../subgraphs/campaigns/src/server.js';
import * as customers from '../../subgraphs/customers/src/server.js';
import * as inventory from '../../subgraphs/inventory/src/server.js';
import * as orders from '../../subgraphs/orders/src/server.js';

type AnyServerFactory = (deps: { db: Kysely<any>; graph?: GraphClient }) => {
  apollo: ApolloServer<BaseContext>;
  createContext: () => BaseContext;
  isReady: () => Promise<void>;
  background?: BackgroundJobs;
};

const FACTORIES: Record<SubgraphName, AnyServerFactory> = {
  customers: customers.createServer as unknown as AnyServerFactory,
  orders: orders.createServer as unknown as AnyServerFactory,
  inventory: inventory.createServer as unknown as AnyServerFactory,
  campaigns: campaigns.createServer as unknown as AnyServerFactory,
};

export interface InProcessMesh {
  url: string;
  databases: Record<SubgraphName, TestDatabase<any>>;
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] }>;
  resetStatementCounts(): void;
  statementCounts(): Record<SubgraphName, number>;
  close(): Promise<void>;
}

export async function startInProcessMesh(world: DemoWorld): Promise<InProcessMesh> {
  const databases = {} as Record<SubgraphName, TestDatabase<any>>;
  const servers: { apollo: ApolloServer<BaseContext>; http: RunningServer }[] = [];
  const urls: Partial<Record<SubgraphName, string>> = {};
  // Campaigns queries the graph through the gateway, which starts last; the URL is looked up per request.
  let gatewayUrl = '';
  const graph = createGraphClient({ url: () => gatewayUrl, timeoutMs: 30_000, clientName: 'campaigns' });
  for (const name of SUBGRAPH_NAMES) {
    const testDb = await createTestDatabase<any>(name, SEEDERS[name].migrations);
    databases[name] = testDb;
    await SEEDERS[name].seed(testDb.db, world, () => undefined);
    const { apollo, createContext, isReady } = FACTORIES[name]({ db: testDb.db, graph });
    await apollo.start();
    const http = await listen({ apollo, context: createContext, isReady, port: 0 });
    servers.push({ apollo, http });
    urls[name] = http.url;
  }
  const gateway = createGateway({ host: '127.0.0.1', port: 0, supergraphPath: SUPERGRAPH_PATH, subgraphUrls: urls, subgraphTimeoutMs: 10_000, logLevel: 'silent' });
  const { url } = await gateway.listen();
  gatewayUrl = url;

  return {
    url,
    databases,
    query: (query, variables) => postGraphQL(url, query, variables),
    resetStatementCounts: () => {
      for (const name of SUBGRAPH_NAMES) databases[name].resetStatementCount();
    },
    statementCounts: () => Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, databases[name].statementCount()])) as Record<SubgraphName, number>,
    close: async () => {
      await gateway.close();
      for (const { apollo, http } of servers) {
        await http.close();
        await apollo.stop();
      }
      for (const name of SUBGRAPH_NAMES) await databases[name].destroy();
    },
  };
}

/** POSTs a GraphQL operation and returns the parsed body. */
export async function postGraphQL(url: string, query: string, variables?: Record<string, unknown>): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}
