// The marketing console in a real browser (Debian's headless Chromium, driven by playwright-core)
// against a real mesh this file starts: four subgraph processes and a gateway serving the built
// console. No GraphQL is mocked. Runs in CI's Postgres pass only (vitest.config.ts), where Chromium
// is installed by .ci/run; locally: TEST_DATABASE_URL=postgres://... npx vitest run test/console.browser.test.ts
// (CONSOLE_SCREENSHOTS=1 also writes the screenshots under docs/console/).
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_SCOPES } from '../shared/auth.js';
import { ensureConsoleBuilt } from '../scripts/console-build.js';
import { createWorld } from '../scripts/seed/world.js';
import { startProcessMesh, type ProcessMesh } from './support/process-mesh.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = process.env.CONSOLE_SCREENSHOTS ? path.resolve('docs/console') : undefined;
const world = createWorld({ customers: 200, products: 40, orders: 2_000, campaigns: 3, touchpoints: 1_000 }, 15);
/** The scopes a marketer holds, without the personal data of pii:read. */
const MARKETER = ALL_SCOPES.filter((scope) => scope !== 'pii:read' && scope !== 'adhoc');

let mesh: ProcessMesh;
let browser: Browser;
let base: string;
let customerId: string;
let customerFirstName: string;

beforeAll(async () => {
  await ensureConsoleBuilt();
  mesh = await startProcessMesh(world, { campaignsGraph: true });
  base = mesh.gatewayUrl.replace(/\/graphql$/, '');
  const { data } = await mesh.query('{ orders(first: 1) { nodes { customer { id firstName } } } }');
  customerId = data.orders.nodes[0].customer.id;
  customerFirstName = data.orders.nodes[0].customer.firstName;
  // A second, earlier RFM snapshot, so the Segments page has a trend to draw.
  const asOf = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const started = await mesh.query('mutation($asOf: DateTime) { refreshRfm(asOf: $asOf) { id } }', { asOf });
  await waitForJob(started.data.refreshRfm.id);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Root in CI has no user namespace for Chromium's sandbox; nothing outside the mesh is opened.
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await mesh?.close();
}, 60_000);

async function signedIn(
  scopes: readonly string[],
  subject = 'browser-tester',
): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/console`);
  await page.getByLabel('Access token').fill(await mesh.token(scopes, subject));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByTestId('viewer-subject').waitFor();
  return { page, context };
}

async function waitForJob(id: string) {
  for (let i = 0; i < 600; i++) {
    const { data } = await mesh.query('query($id: ID!) { job(id: $id) { status error } }', { id });
    // Null until the orders domain's JobStarted event reaches the registry job(id) reads.
    if (data?.job?.status === 'SUCCEEDED') return;
    if (data?.job?.status === 'FAILED' || data?.job?.status === 'CANCELLED') throw new Error(data.job.error);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${id} did not finish`);
}

/** No accessibility violation axe-core finds on the page as it is now. */
async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(
    violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`),
  ).toEqual([]);
}

async function screenshot(page: Page, name: string) {
  if (!SCREENSHOTS) return;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe('the marketing console in a browser', () => {
  it('signs in with a pasted token and shows who you are and your scopes', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/console`);
    await expectAccessible(page);
    await screenshot(page, 'sign-in');
    await page.getByLabel('Access token').fill('not a token');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('not a token');

    await page.getByLabel('Access token').fill(await mesh.token(['marketing:read', 'orders:read'], 'alice'));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByTestId('viewer-subject').textContent()).resolves.toBe('alice');
    await expect(page.getByTestId('viewer-scopes').textContent()).resolves.toBe('marketing:readorders:read');
    await page.getByRole('table').waitFor();
    await expectAccessible(page);
    await context.close();
  });

  it('mints a development token for chosen scopes from the sign-in page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/console`);
    await page.getByRole('textbox', { name: 'Subject' }).fill('bob');
    await page.getByRole('checkbox', { name: /pii:read/ }).uncheck();
    await page.getByRole('button', { name: 'Mint token and sign in' }).click();
    await expect(page.getByTestId('viewer-subject').textContent()).resolves.toBe('bob');
    expect(await page.getByTestId('viewer-scopes').textContent()).not.toContain('pii:read');
    await context.close();
  });

  it('finds a customer by the start of their name and opens the 360: profile, consent, value, orders with stock, touchpoints', async () => {
    const { page, context } = await signedIn(ALL_SCOPES.filter((scope) => scope !== 'adhoc'));
    await page.getByRole('table').waitFor();
    await page.getByLabel('Name or email starts with').fill(customerFirstName.slice(0, 3).toLowerCase());
    await page.getByRole('button', { name: 'Search' }).click();
    const link = page.locator(`a[href="#/customers/${customerId}"]`);
    await link.waitFor();
    await expectAccessible(page);
    await screenshot(page, 'customers');
    const started = Date.now();
    await link.click();
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    const shownInMs = Date.now() - started;
    console.log(`customer 360 showed data ${shownInMs} ms after navigation`);
    const email = await page.getByTestId('customer-email').textContent();
    expect(email).toContain('@');
    expect(await page.getByTestId('rfm-segment').textContent()).toMatch(/^[A-Z_]+ \(R\d F\d M\d\)$/);
    expect(await page.getByRole('heading', { name: 'Latest orders' }).isVisible()).toBe(true);
    expect(await page.getByText(/in stock\)/).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('partial-banner').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'customer-360');
    await context.close();
  });

  it('shows personal fields as hidden, not as an error, without pii:read', async () => {
    const { page, context } = await signedIn(MARKETER);
    await page.goto(`${base}/console#/customers/${customerId}`);
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    expect(await page.getByTestId('customer-email').textContent()).toBe('hidden');
    expect(await page.getByTestId('rfm-segment').textContent()).toMatch(/^[A-Z_]+ /);
    expect(await page.locator('.state.error').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'customer-360-without-pii');
    await context.close();
  });

  it('draws the RFM grid with segment sizes and the segment trend over snapshots', async () => {
    const { page, context } = await signedIn(MARKETER);
    await page.goto(`${base}/console#/segments`);
    await page.getByRole('img', { name: /RFM grid/ }).waitFor();
    expect(await page.getByRole('row', { name: /CHAMPIONS/ }).count()).toBe(2);
    await page.getByRole('img', { name: /Customers per RFM segment in each snapshot/ }).waitFor();
    const trend = page.getByTestId('trend-table');
    // The seeded snapshot and the earlier one beforeAll computed: a column each.
    expect(await trend.getByRole('columnheader').count()).toBe(3);
    await expectAccessible(page);
    await screenshot(page, 'segments');
    await context.close();
  });

  it('saves an audience rule, builds it and follows the job to 100 %', async () => {
    const { page, context } = await signedIn(MARKETER);
    const campaign = world.campaign(0);
    await page.goto(`${base}/console#/audiences`);
    await page.getByLabel('Campaign').selectOption(campaign.id);
    await page.getByRole('heading', { name: 'Rule' }).waitFor();
    for (const segment of ['CHAMPIONS', 'LOYAL', 'AT_RISK', 'HIBERNATING'])
      await page.getByRole('checkbox', { name: segment, exact: true }).check();
    await page.getByRole('button', { name: 'Save rule and build audience' }).click();
    await page.getByTestId('build-progress').waitFor();
    await page.getByText(/^Built version \d+\.$/).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('build-percent').textContent()).toBe('100 %');
    await page.getByTestId('audience-versions').getByRole('row').first().waitFor();
    await expectAccessible(page);
    await screenshot(page, 'audiences');
    await context.close();
  });

  it('reads the A/B result with intervals, ROAS and CPA under every model, and the funnel by channel', async () => {
    const { page, context } = await signedIn(MARKETER);
    await page.goto(`${base}/console#/campaigns/${world.campaign(1).id}`);
    const table = page.getByTestId('ab-table');
    await table.waitFor();
    expect(await table.getByRole('row', { name: /Original/ }).count()).toBe(1);
    expect(await table.getByRole('row', { name: /New subject line/ }).count()).toBe(1);
    expect(await table.getByRole('columnheader', { name: 'Rate interval (Wilson)' }).count()).toBe(1);
    expect(await table.getByRole('columnheader', { name: 'Lift interval (Newcombe)' }).count()).toBe(1);
    expect(await table.getByRole('columnheader', { name: 'p (Holm)' }).count()).toBe(1);
    // The graph's Wilson interval of every variant with exposures, as the table shows it.
    const experiment = (
      await mesh.query(
        `query($id: ID!) { campaign(id: $id) { experiment { variants { exposures conversionRateInterval { lower upper } sampleTooSmall } } } }`,
        { id: world.campaign(1).id },
      )
    ).data.campaign.experiment;
    const intervals = await page.getByTestId('rate-interval').allTextContents();
    for (const [index, variant] of (experiment.variants as any[]).entries()) {
      const interval = variant.conversionRateInterval;
      expect(intervals[index]).toBe(
        interval ? `${(interval.lower * 100).toFixed(2)} % to ${(interval.upper * 100).toFixed(2)} %` : '—',
      );
    }
    expect(await page.getByTestId('sample-warning').count()).toBe(
      experiment.variants.some((variant: any) => variant.sampleTooSmall) ? 1 : 0,
    );
    await page.getByRole('heading', { name: /Revenue by channel under every attribution model/ }).waitFor();
    expect(await page.getByRole('columnheader', { name: 'Shapley' }).count()).toBe(2);
    const returns = page.getByTestId('returns-table');
    await returns.waitFor();
    expect(await returns.getByRole('columnheader', { name: 'Spend' }).count()).toBe(1);
    // A row per channel, each model's cell a ROAS (— for a channel without spend in the period) and a CPA.
    expect(await returns.getByRole('row').count()).toBeGreaterThan(1);
    expect(await returns.getByText(/^ROAS (\d+\.\d\d×|—)CPA /).count()).toBeGreaterThan(0);
    expect(await page.getByRole('img', { name: /Return on ad spend per channel/ }).count()).toBe(1);
    const funnel = page.getByTestId('funnel-table');
    await funnel.waitFor();
    expect(await funnel.getByRole('row').count()).toBe(5);
    await expectAccessible(page);
    await screenshot(page, 'campaigns');
    // One channel: the funnel is asked again for its touchpoints only.
    await page.getByLabel('Touchpoints on channel').selectOption('SMS');
    await page
      .getByText(/No customer was exposed|Each step within/)
      .first()
      .waitFor();
    await context.close();
  });

  it('previews an edited rule without storing it, compares two versions and exports hashed emails as CSV', async () => {
    const campaign = world.campaign(0);
    const versionsBefore = (
      await mesh.query(`query($id: ID!) { campaign(id: $id) { audienceVersions { version } } }`, { id: campaign.id })
    ).data.campaign.audienceVersions.length;
    const { page, context } = await signedIn(ALL_SCOPES.filter((scope) => scope !== 'adhoc'));
    await page.goto(`${base}/console#/audiences/${campaign.id}`);
    await page.getByRole('heading', { name: 'Rule' }).waitFor();
    for (const segment of ['LOYAL', 'NEED_ATTENTION'])
      await page.getByRole('checkbox', { name: segment, exact: true }).check();
    await page.getByRole('button', { name: 'Preview size' }).click();
    const preview = page.getByTestId('preview-size');
    await preview.waitFor();
    expect(await preview.textContent()).toMatch(/^This rule would select \d+ of \d+ customers in its segments now/);
    await expectAccessible(page);
    // Nothing stored by a preview.
    expect(
      (await mesh.query(`query($id: ID!) { campaign(id: $id) { audienceVersions { version } } }`, { id: campaign.id }))
        .data.campaign.audienceVersions.length,
    ).toBe(versionsBefore);

    await page.getByRole('button', { name: 'Save rule and build audience' }).click();
    await page.getByText(/^Built version \d+\.$/).waitFor({ timeout: 60_000 });
    const comparison = page.getByTestId('comparison');
    await comparison.waitFor();
    expect(await page.getByTestId('comparison-added').textContent()).toMatch(/^\d+ added$/);
    expect(await page.getByTestId('comparison-removed').textContent()).toMatch(/^\d+ removed$/);

    const download = page.waitForEvent('download');
    await page
      .getByRole('button', { name: /^Export version \d+ as CSV$/ })
      .first()
      .click();
    const file = await (await download).path();
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('email_sha256');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) expect(line).toMatch(/^[0-9a-f]{64}$/);
    await page.getByTestId('export-status').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'audience-tools');
    await context.close();

    // Without pii:read the export says why instead of downloading.
    const marketer = await signedIn(MARKETER);
    await marketer.page.goto(`${base}/console#/audiences/${campaign.id}`);
    await marketer.page
      .getByRole('button', { name: /^Export version \d+ as CSV$/ })
      .first()
      .click();
    await marketer.page.getByText('Exporting needs pii:read').waitFor();
    await marketer.context.close();
  });

  // Last: it stops the campaigns subgraph.
  it('keeps the 360 page working with the campaigns subgraph stopped, and names the failing domain', async () => {
    await mesh.stopProcess('campaigns');
    const { page, context } = await signedIn(ALL_SCOPES.filter((scope) => scope !== 'adhoc'));
    await page.goto(`${base}/console#/customers/${customerId}`);
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    const banner = page.getByTestId('partial-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('campaigns');
    expect(await page.getByTestId('customer-email').textContent()).toContain('@');
    expect(await page.getByText('Not available: the campaigns domain did not answer.').count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'customer-360-campaigns-down');
    await context.close();
  });
});
