// Load benchmark for a running mesh (`npm start` first). Prints throughput and latency of the card
// queries through the gateway next to a baseline measured in the same run: a single-subgraph query
// sent straight to that subgraph, so the numbers say what federation costs on this machine now.
//   npm run bench -- [--seconds 10] [--connections 20] [--gateway http://127.0.0.1:4000/graphql]
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    gateway: { type: 'string', default: 'http://127.0.0.1:4000/graphql' },
    customers: { type: 'string', default: 'http://127.0.0.1:4001/graphql' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
if (!(seconds > 0 && seconds <= 300) || !(connections >= 1 && connections <= 200)) {
  console.error('--seconds must be in (0, 300] and --connections in [1, 200]');
  process.exit(2);
}

const scenarios: { name: string; url: string; query: string; variables: (i: number) => Record<string, unknown> }[] = [
  {
    name: 'baseline: customer profile, customers subgraph direct',
    url: values.customers!,
    query: 'query($id: ID!) { customer(id: $id) { id displayName email consents { purpose channel status } } }',
    variables: (i) => ({ id: `cus-${String((i % 1000) + 1).padStart(7, '0')}` }),
  },
  {
    name: 'card 1: customer 360 through the gateway',
    url: values.gateway!,
    query: `query($id: ID!) { customer(id: $id) { id displayName email consents { purpose channel status }
      purchaseStats { orderCount totalSpent lastOrderAt }
      orders(first: 3) { nodes { id total lines { quantity product { name availableQuantity } } } }
      touchpoints(first: 5) { nodes { kind campaign { name } } } } }`,
    variables: (i) => ({ id: `cus-${String((i % 1000) + 1).padStart(7, '0')}` }),
  },
  {
    name: 'card 2: promotable products through the gateway',
    url: values.gateway!,
    query: 'query($id: ID!) { campaign(id: $id) { name promotableProducts(first: 10) { sku availableQuantity } } }',
    variables: (i) => ({ id: `cmp-${String((i % 20) + 1).padStart(4, '0')}` }),
  },
];

async function run(scenario: (typeof scenarios)[number], duration = seconds) {
  const latencies: number[] = [];
  let errors = 0;
  let counter = 0;
  const deadline = performance.now() + duration * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const i = counter++;
        const started = performance.now();
        try {
          const response = await fetch(scenario.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: scenario.query, variables: scenario.variables(i) }),
          });
          const body = (await response.json()) as { errors?: unknown[] };
          if (!response.ok || body.errors) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]?.toFixed(1);
  return { requests: latencies.length, rps: latencies.length / duration, p50: pct(0.5), p95: pct(0.95), p99: pct(0.99), errors };
}

console.log(`mesh360 bench: ${seconds}s per scenario, ${connections} connections, node ${process.version}`);
const results: { name: string; rps: number }[] = [];
for (const scenario of scenarios) {
  await run(scenario, Math.min(2, seconds)); // warm-up: JIT, connection pools, query plan cache
  const result = await run(scenario);
  results.push({ name: scenario.name, rps: result.rps });
  console.log(`${scenario.name}\n  ${result.rps.toFixed(0)} req/s  p50 ${result.p50} ms  p95 ${result.p95} ms  p99 ${result.p99} ms  errors ${result.errors}/${result.requests}`);
}
const baseline = results[0].rps;
for (const result of results.slice(1)) console.log(`${result.name}: ${(result.rps / baseline).toFixed(2)}× baseline throughput`);
