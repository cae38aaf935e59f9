// What recording personal-data reads costs the customer 360: the customers subgraph on one seeded
// in-memory database, served twice in this process (access log on, and off, a switch only this
// benchmark has), the customers part of the 360 query run against each in interleaved rounds.
//   npm run bench:audit -- [--customers 2000] [--rounds 7] [--requests 300]
// Prints each round's median latency for both and the median overhead; the target is under 10 %.
import { parseArgs } from 'node:util';
import { createSubgraphApollo } from '../shared/server.js';
import { createTestDatabase } from '../shared/testing.js';
import { createContext, type CustomersContext } from '../subgraphs/customers/src/context.js';
import type { CustomersDatabase } from '../subgraphs/customers/src/db/database.js';
import { name, resolvers, typeDefs } from '../subgraphs/customers/src/server.js';
import { SEEDERS } from './seed/run.js';
import { createWorld } from './seed/world.js';
import { ALL_SCOPES } from '../shared/auth.js';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '7' },
    requests: { type: 'string', default: '300' },
  },
});
const customers = Number(values.customers);
const rounds = Number(values.rounds);
const requests = Number(values.requests);

const QUERY = `query Customer360($id: ID!) {
  customer(id: $id) {
    id displayName email phone birthDate city country
    identities { type value }
    consents { purpose channel status capturedAt }
    emailable: contactable(purpose: MARKETING, channel: EMAIL)
  }
}`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const world = createWorld({ customers, products: 10, orders: 10, campaigns: 1, touchpoints: 10 }, 7);
const testDb = await createTestDatabase<CustomersDatabase>('customers', SEEDERS.customers.migrations);
console.log(`seeding ${customers} customers…`);
await SEEDERS.customers.seed(testDb.db, world, () => undefined);
const servers = {
  recorded: createSubgraphApollo<CustomersContext>({ name, typeDefs, resolvers }),
  unrecorded: createSubgraphApollo<CustomersContext>({ name, typeDefs, resolvers, recordAccess: false }),
};
for (const server of Object.values(servers)) await server.start();
const viewer = { subject: 'bench', scopes: ALL_SCOPES, purpose: 'benchmark' };

async function round(server: (typeof servers)['recorded'], offset: number): Promise<number> {
  const latencies: number[] = [];
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    const response = await server.executeOperation(
      { query: QUERY, variables: { id: world.customerId((offset + i * 7) % customers) } },
      { contextValue: { ...createContext(testDb.db), viewer } },
    );
    latencies.push(performance.now() - started);
    if (response.body.kind !== 'single' || response.body.singleResult.errors)
      throw new Error(JSON.stringify(response.body));
  }
  return median(latencies);
}

// One warm-up round each (JIT, the key read, the statement caches), then interleaved rounds.
await round(servers.recorded, 0);
await round(servers.unrecorded, 0);
const results = { recorded: [] as number[], unrecorded: [] as number[] };
for (let r = 0; r < rounds; r++) {
  const order = r % 2 === 0 ? (['recorded', 'unrecorded'] as const) : (['unrecorded', 'recorded'] as const);
  for (const variant of order) results[variant].push(await round(servers[variant], r * requests));
  console.log(
    `round ${r + 1}: recorded ${results.recorded.at(-1)!.toFixed(2)} ms, unrecorded ${results.unrecorded.at(-1)!.toFixed(2)} ms (median per request)`,
  );
}
const on = median(results.recorded);
const off = median(results.unrecorded);
console.log(`\ncustomer 360 (customers part), median of ${rounds} interleaved rounds of ${requests} requests:`);
console.log(`  access log off (baseline): ${off.toFixed(2)} ms`);
console.log(`  access log on:             ${on.toFixed(2)} ms`);
console.log(`  overhead:                  ${(((on - off) / off) * 100).toFixed(1)} %`);
for (const server of Object.values(servers)) await server.stop();
await testDb.destroy();
