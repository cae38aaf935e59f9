// Trains the recommendation model on the default demo world's orders (seed 360, a fixed anchor) in a
// throw-away database and writes its offline evaluation (each customer's last order held out) into
// the README between the recommendations-report markers. `--check` fails when the README is stale.
// The figures are computed here, never typed in.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../gateway/src/compose.js';
import { createTestDatabase } from '../shared/testing.js';
import type { OrdersDatabase } from '../subgraphs/orders/src/db/database.js';
import { migrations } from '../subgraphs/orders/src/db/migrations/index.js';
import { servedRecommendationModel, trainRecommendations } from '../subgraphs/orders/src/recommendations.js';
import { seedOrders } from './seed/orders.js';
import { createWorld, DEFAULT_SIZES } from './seed/world.js';

const ANCHOR = new Date('2026-12-01T00:00:00Z');
const START = '<!-- recommendations-report:start (npm run recommendations:report) -->';
const END = '<!-- recommendations-report:end -->';

type Model = NonNullable<Awaited<ReturnType<typeof servedRecommendationModel>>>;

function render(model: Model): string {
  const evaluation = model.evaluation!;
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  const repeat = model.categoryRepurchase.filter((c) => c.repeatPurchase).map((c) => c.category);
  return [
    `Trained on ${model.customerCount.toLocaleString('en')} customers and ${model.productCount} products (${model.pairCount.toLocaleString('en')} similar pairs, half-life ${model.halfLifeDays} days); evaluated on the last order of ${evaluation.customerCount.toLocaleString('en')} customers with an order before it. Repeat-purchase categories: ${repeat.length > 0 ? repeat.join(', ') : 'none'}. The blend ${evaluation.blendBeatsPopularity ? 'beats' : 'does **not** beat'} popularity.`,
    '',
    '| strategy | hit rate@5 | recall@10 |',
    '| --- | ---: | ---: |',
    ...evaluation.strategies.map((s) => `| ${s.strategy} | ${pct(s.hitRateAt5)} | ${pct(s.recallAt10)} |`),
  ].join('\n');
}

const testDb = await createTestDatabase<OrdersDatabase>('orders', migrations);
try {
  const world = createWorld(DEFAULT_SIZES, 360, ANCHOR);
  await seedOrders(testDb.db, world);
  // What the product_states consumer would hold after inventory's ProductChanged events.
  await testDb.db
    .insertInto('product_states')
    .values(
      Array.from({ length: world.sizes.products }, (_, p) => ({
        sku: world.sku(p),
        category: world.product(p).category,
        discontinued: false,
        position: p + 1,
        event_id: `seed-${p + 1}`,
      })),
    )
    .onConflict((oc) => oc.column('sku').doUpdateSet((eb) => ({ category: eb.ref('excluded.category') })))
    .execute();
  await trainRecommendations(testDb.db, {}, () => ANCHOR);
  const model = await servedRecommendationModel(testDb.db);
  if (!model?.evaluation) throw new Error('no evaluation was stored');
  const table = render(model);
  if (process.argv.includes('--print')) {
    console.log(table);
    process.exit(0);
  }
  const file = path.join(ROOT, 'README.md');
  const readme = fs.readFileSync(file, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} block`);
  const updated = `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
  if (process.argv.includes('--check')) {
    if (updated !== readme) {
      console.error('README.md has a stale recommendations report: run npm run recommendations:report and commit it.');
      process.exitCode = 1;
    } else console.log('README.md recommendations report is current.');
  } else {
    fs.writeFileSync(file, updated);
    console.log(table);
  }
} finally {
  await testDb.destroy();
}
