// Fits the lifetime-value model on the default demo world's orders (seed 360, a fixed anchor) in a
// throw-away database and writes its parameters and calibration/holdout check into the README
// between the clv-report markers. `--check` fails when the README's table is stale. The figures are
// computed here, never typed in.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../gateway/src/compose.js';
import { createTestDatabase } from '../shared/testing.js';
import type { OrdersDatabase } from '../subgraphs/orders/src/db/database.js';
import { migrations } from '../subgraphs/orders/src/db/migrations/index.js';
import { fitClvModel, type ClvModel } from '../subgraphs/orders/src/lifetime-value.js';
import { seedOrders } from './seed/orders.js';
import { createWorld, DEFAULT_SIZES } from './seed/world.js';

const ANCHOR = new Date('2026-12-01T00:00:00Z');
const START = '<!-- clv-report:start (npm run clv:report) -->';
const END = '<!-- clv-report:end -->';

function render(model: ClvModel): string {
  const f = (v: number, digits = 3) => v.toFixed(digits);
  const { bgNbd: bg, gammaGamma: gg, calibration } = model;
  const lines = [
    `Fitted on ${model.customers.toLocaleString('en')} customers: status **${model.status}**; BG/NBD r = ${f(bg.r)}, α = ${f(bg.alpha)}, a = ${f(bg.a)}, b = ${f(bg.b)} (${bg.iterations} iterations); Gamma-Gamma p = ${f(gg.p)}, q = ${f(gg.q)}, γ = ${f(gg.gamma, 1)} (${gg.iterations} iterations).`,
    '',
  ];
  if (!calibration) return [...lines, 'No calibration/holdout check: the period was too short.'].join('\n');
  lines.push(
    `Holdout: the last ${f(calibration.holdoutWeeks, 0)} weeks; mean purchases per customer in it, by repeat purchases before it:`,
    '',
    '| repeat purchases before the holdout | customers | predicted | actual |',
    '| --- | ---: | ---: | ---: |',
    ...calibration.groups.map(
      (g) =>
        `| ${g.repeatPurchases}${g.orMore ? '+' : ''} | ${g.customers} | ${f(g.predictedPurchases, 2)} | ${f(g.actualPurchases, 2)} |`,
    ),
  );
  return lines.join('\n');
}

const testDb = await createTestDatabase<OrdersDatabase>('orders', migrations);
try {
  await seedOrders(testDb.db, createWorld(DEFAULT_SIZES, 360, ANCHOR));
  const table = render(await fitClvModel(testDb.db, ANCHOR));
  const file = path.join(ROOT, 'README.md');
  const readme = fs.readFileSync(file, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} block`);
  const updated = `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
  if (process.argv.includes('--check')) {
    if (updated !== readme) {
      console.error('README.md has a stale lifetime-value report: run npm run clv:report and commit it.');
      process.exitCode = 1;
    } else console.log('README.md lifetime-value report is current.');
  } else {
    fs.writeFileSync(file, updated);
    console.log(table);
  }
} finally {
  await testDb.destroy();
}
