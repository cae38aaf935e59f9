// The marketing console's two budgets, measured: the initial JavaScript (what index.html loads
// before any page: its entry script and the modules it preloads, gzip-compressed) and the customer
// 360 page's time to data on the demo data (the `npm start` world) in headless Chromium, through a
// real mesh of four subgraph processes and a gateway, as `npm start` runs it.
//   npm run bench:console -- [--rounds 15] [--customers 1000]
// Baseline measured in the same run: the page's own GraphQL operation sent straight to the gateway
// (no browser), so the figure shows what the page adds on top of the graph.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { ALL_SCOPES } from '../shared/auth.js';
import { startProcessMesh } from '../test/support/process-mesh.js';
import { CONSOLE_DIST, ensureConsoleBuilt } from './console-build.js';
import { createWorld, DEFAULT_SIZES } from './seed/world.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '15' },
    customers: { type: 'string', default: String(DEFAULT_SIZES.customers) },
  },
});
const rounds = Number(values.rounds);
/** The budgets. */
const JS_BUDGET_KB = 300;
const TIME_TO_DATA_BUDGET_MS = 1000;

const gzipKb = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length / 1024;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
};

/** The initial JavaScript: index.html's module scripts and module preloads; the rest loads on demand. */
export function initialJavaScript(distDir = CONSOLE_DIST): { initial: string[]; lazy: string[] } {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const referenced = [
    ...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g),
  ].map((match) => path.join(distDir, match[1]!.replace(/^\/console\//, '')));
  const all = (fs.readdirSync(path.join(distDir, 'assets')) as string[])
    .filter((file) => file.endsWith('.js'))
    .map((file) => path.join(distDir, 'assets', file));
  return { initial: [...new Set(referenced)], lazy: all.filter((file) => !referenced.includes(file)) };
}

async function main() {
  await ensureConsoleBuilt({ log: console.log });
  const { initial, lazy } = initialJavaScript();
  const initialKb = initial.reduce((sum, file) => sum + gzipKb(file), 0);
  const lazyKb = lazy.reduce((sum, file) => sum + gzipKb(file), 0);
  console.log(
    `initial JavaScript: ${initialKb.toFixed(1)} kB gzip in ${initial.length} files (budget ${JS_BUDGET_KB} kB); ` +
      `${lazy.length} chunks loaded on demand: ${lazyKb.toFixed(1)} kB gzip`,
  );

  const sizes = { ...DEFAULT_SIZES, customers: Number(values.customers) };
  console.log(`starting the mesh on the demo world (${sizes.customers} customers, ${sizes.orders} orders)…`);
  const mesh = await startProcessMesh(createWorld(sizes));
  const base = mesh.gatewayUrl.replace(/\/graphql$/, '');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const ids: string[] = (
      await mesh.query('{ orders(first: 100) { nodes { customer { id } } } }')
    ).data.orders.nodes.map((node: { customer: { id: string } }) => node.customer.id);
    const customerIds = [...new Set(ids)];
    const token = await mesh.token(
      ALL_SCOPES.filter((scope) => scope !== 'adhoc'),
      'bench',
    );
    // The page's own operation, as the console sends it (its text is in the trusted-document manifest).
    const documents = JSON.parse(
      fs.readFileSync(path.resolve('console/src/gql/persisted-documents.json'), 'utf8'),
    ) as Record<string, string>;
    const text = Object.values(documents).find((document) => document.includes('query ConsoleCustomer360('))!;

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/console`);
    await page.getByLabel('Access token').fill(token);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('viewer-subject').waitFor();

    const graphMs: number[] = [];
    const loadMs: number[] = [];
    const navigateMs: number[] = [];
    // Warm-up: one of each, not counted (the first compile of every resolver path).
    for (let round = -1; round < rounds; round++) {
      const id = customerIds[(round + 1) % customerIds.length]!;
      let started = performance.now();
      const answer = await mesh.query(text, { id });
      if (answer.errors) throw new Error(JSON.stringify(answer.errors));
      const graph = performance.now() - started;

      // A fresh load of the 360 page by its URL: the HTML, the JavaScript, then the data.
      started = performance.now();
      await page.goto(`${base}/console#/customers/${id}`);
      await page.getByTestId('customer-email').waitFor();
      const load = performance.now() - started;
      // Back to the list, then into another customer inside the running app (how a marketer moves).
      await page.goto(`${base}/console#/customers`);
      await page.getByRole('table').waitFor();
      const next = customerIds[(round + 7) % customerIds.length]!;
      started = performance.now();
      await page.evaluate((hash) => {
        location.hash = hash;
      }, `#/customers/${next}`);
      await page.getByTestId('customer-email').waitFor();
      const navigate = performance.now() - started;
      if (round >= 0) {
        graphMs.push(graph);
        loadMs.push(load);
        navigateMs.push(navigate);
      }
    }
    const line = (label: string, values: number[]) =>
      `${label.padEnd(44)} median ${percentile(values, 0.5).toFixed(0).padStart(5)} ms   p90 ${percentile(values, 0.9).toFixed(0).padStart(5)} ms`;
    console.log(`\ncustomer 360 time to data over ${rounds} customers (budget ${TIME_TO_DATA_BUDGET_MS} ms):`);
    console.log(line('baseline: its query straight to the gateway', graphMs));
    console.log(line('page loaded by URL (HTML + JS + data)', loadMs));
    console.log(line('navigated to inside the app (data only)', navigateMs));
    console.log(
      `\nThe machine running this may be shared: compare the page with the baseline of the same run, not across runs.`,
    );
    await context.close();
  } finally {
    await browser.close();
    await mesh.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
