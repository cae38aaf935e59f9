// Trains the churn model and the behavioural clusters on the default demo world's orders (seed 360,
// a fixed anchor) in a throw-away database and writes their holdout metrics, the two baselines and
// the clusters into the README between the churn-report markers. `--check` fails when the README's
// figures are stale. Every figure is computed here, never typed in.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../gateway/src/compose.js';
import { createTestDatabase } from '../shared/testing.js';
import { DEFAULT_CHURN_HORIZON_DAYS, fitChurnModel } from '../subgraphs/orders/src/churn.js';
import { DEFAULT_CLUSTER_SEED, fitCustomerClusters } from '../subgraphs/orders/src/clusters.js';
import type { OrdersDatabase } from '../subgraphs/orders/src/db/database.js';
import { migrations } from '../subgraphs/orders/src/db/migrations/index.js';
import { churnModelReport, clusterReport } from '../subgraphs/orders/src/models-read.js';
import { seedOrders } from './seed/orders.js';
import { createWorld, DEFAULT_SIZES } from './seed/world.js';

const ANCHOR = new Date('2026-12-01T00:00:00Z');
const START = '<!-- churn-report:start (npm run churn:report) -->';
const END = '<!-- churn-report:end -->';

const testDb = await createTestDatabase<OrdersDatabase>('orders', migrations);
try {
  await seedOrders(testDb.db, createWorld(DEFAULT_SIZES, 360, ANCHOR));
  const churn = await churnModelReport(
    testDb.db,
    await fitChurnModel(testDb.db, ANCHOR, DEFAULT_CHURN_HORIZON_DAYS, ANCHOR),
  );
  const clusters = clusterReport(
    await fitCustomerClusters(testDb.db, ANCHOR, { k: null, seed: DEFAULT_CLUSTER_SEED }, ANCHOR),
  );
  const f = (v: number) => v.toFixed(3);
  const row = (name: string, m: { auc: number; precisionAtTopDecile: number } | null) =>
    m ? `| ${name} | ${f(m.auc)} | ${f(m.precisionAtTopDecile)} |` : `| ${name} | — | — |`;
  const table = [
    `Churn horizon ${churn.horizonDays} days, the latest window's features as of ${churn.cutoff.toISOString().slice(0, 10)}; customer-windows: ${churn.trainingCustomers} trained on, ${churn.validationCustomers} for calibration, ${churn.holdoutCustomers} held out (churn rate ${f(churn.holdoutChurnRate)} among them):`,
    '',
    '| on the customer holdout | AUC | precision at the top decile |',
    '| --- | ---: | ---: |',
    row('churn model (logistic regression, Platt-calibrated)', churn.metrics),
    row('baseline: recency only', churn.recencyBaseline),
    row('baseline: BG/NBD 1 − P(alive)', churn.bgNbdBaseline),
    '',
    `Scored as of ${churn.asOf.toISOString().slice(0, 10)}: ${churn.bands.map((b) => `${b.customers} ${b.band}`).join(', ')}.`,
    '',
    `Clusters: k = ${clusters.k} chosen by silhouette (${clusters.silhouette === null ? '—' : f(clusters.silhouette)}), seed ${clusters.seed}, ${clusters.customers} customers:`,
    '',
    '| cluster | label | customers | days since last purchase | purchases | average order value | days since first purchase | distinct products |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...clusters.clusters.map(
      (c) =>
        `| ${c.id} | ${c.label} | ${c.size} | ${c.recencyDays.toFixed(0)} | ${c.orders.toFixed(1)} | ${c.averageOrderValue.toFixed(2)} | ${c.tenureDays.toFixed(0)} | ${c.distinctProducts.toFixed(1)} |`,
    ),
  ].join('\n');
  const file = path.join(ROOT, 'README.md');
  const readme = fs.readFileSync(file, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (process.argv.includes('--print') || start < 0 || end < start) {
    console.log(table);
    if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} block`);
  } else {
    const updated = `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
    if (process.argv.includes('--check')) {
      if (updated !== readme) {
        console.error('README.md has a stale churn report: run npm run churn:report and commit it.');
        process.exitCode = 1;
      } else console.log('README.md churn report is current.');
    } else {
      fs.writeFileSync(file, updated);
      console.log(table);
    }
  }
} finally {
  await testDb.destroy();
}
