// Seeds the demo world into every domain's own database.
//   npm run seed                                  default sizes (1,000 customers, 10,000 orders, ...)
//   npm run seed -- --customers 100000 --orders 1000000 --reset
// Each domain uses <SUBGRAPH>_DATABASE_URL when set, else its PGlite data folder (.data/<name>).
import { parseArgs } from 'node:util';
import { SUBGRAPH_NAMES, type SubgraphName } from '../shared/config.js';
import { seedDomains } from './seed/run.js';
import { createWorld, DEFAULT_SIZES, type WorldSizes } from './seed/world.js';

const { values } = parseArgs({
  options: {
    customers: { type: 'string' },
    products: { type: 'string' },
    orders: { type: 'string' },
    campaigns: { type: 'string' },
    touchpoints: { type: 'string' },
    seed: { type: 'string', default: '360' },
    only: { type: 'string' },
    reset: { type: 'boolean', default: false },
    'if-empty': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(
    'Usage: npm run seed -- [--customers N] [--products N] [--orders N] [--campaigns N] [--touchpoints N] [--seed N] [--only customers,orders] [--reset | --if-empty]',
  );
  process.exit(0);
}

function count(name: keyof WorldSizes, min: number): number {
  const raw = values[name];
  if (raw === undefined) return DEFAULT_SIZES[name];
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > 50_000_000) {
    console.error(`--${name} must be a whole number between ${min} and 50,000,000 (got ${raw})`);
    process.exit(2);
  }
  return n;
}

const sizes: WorldSizes = {
  customers: count('customers', 1),
  products: count('products', 5),
  orders: count('orders', 0),
  campaigns: count('campaigns', 1),
  touchpoints: count('touchpoints', 0),
};
const domains = values.only ? values.only.split(',').map((name) => name.trim()) : [...SUBGRAPH_NAMES];
const unknown = domains.filter((name) => !(SUBGRAPH_NAMES as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(`--only: unknown subgraph(s) ${unknown.join(', ')}; expected some of ${SUBGRAPH_NAMES.join(', ')}`);
  process.exit(2);
}

const seed = Number(values.seed);
console.log(`Seeding ${domains.join(', ')} with seed ${seed}: ${JSON.stringify(sizes)}`);
const started = Date.now();
try {
  await seedDomains({
    world: createWorld(sizes, seed),
    domains: domains as SubgraphName[],
    reset: values.reset,
    skipIfPresent: values['if-empty'],
  });
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)}s.`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
