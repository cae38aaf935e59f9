// End to end with the real processes and no broker: the seeded world reaches campaigns' read
// models through the producers' event logs, a new order arrives within a second, and restarting
// the producer loses nothing. Observed from outside, through campaigns' /metrics. A data-subject
// request opened while one domain's service is down waits for it (that domain PENDING, the others
// DONE) and completes once it is back: the request, its event and each consumer's position are durable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '../scripts/seed/world.js';
import { startProcessMesh, type ProcessMesh } from './support/process-mesh.js';

const world = createWorld(
  { customers: 30, products: 20, orders: 120, campaigns: 2, touchpoints: 50 },
  11,
  new Date('2026-11-01T00:00:00Z'),
);
let mesh: ProcessMesh;

beforeAll(async () => {
  mesh = await startProcessMesh(world);
}, 180_000);

afterAll(async () => {
  await mesh?.close();
}, 60_000);

/** How many events of `type` the campaigns consumer `consumer` has applied (0 before the first). */
async function consumed(consumer: string, type: string): Promise<number> {
  const text = await (await fetch(mesh.subgraphUrls.campaigns.replace(/\/graphql$/, '/metrics'))).text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('mesh360_events_consumed_total{') &&
        l.includes(`consumer="${consumer}"`) &&
        l.includes(`type="${type}"`),
    );
  return line ? Number(line.split(' ').at(-1)) : 0;
}

async function until(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const RECORD_ORDER = `
  mutation RecordOrder($input: RecordOrderInput!) { recordOrder(input: $input) { id } }`;

const order = (externalId: string) => ({
  input: {
    externalId,
    customerId: world.customer(0).id,
    channel: 'WEB',
    lines: [{ sku: world.product(0).sku, quantity: 1, unitPrice: 10 }],
  },
});

describe('domain events between processes (no broker)', () => {
  it('backfills the seeded facts, then delivers a new order within a second, also after the producer restarts', async () => {
    let consents = 0;
    for (let i = 0; i < 30; i++) consents += world.customer(i).consents.length;
    await until(async () => (await consumed('campaigns-order-facts', 'OrderRecorded')) === 120, 60_000);
    await until(async () => (await consumed('campaigns-order-facts', 'CartUpdated')) === world.cartCount, 30_000);
    await until(async () => (await consumed('campaigns-consent-state', 'ConsentChanged')) === consents, 30_000);

    const recorded = await mesh.query(RECORD_ORDER, order('e2e-events-1'));
    expect(recorded.errors).toBeUndefined();
    const committed = Date.now();
    await until(async () => (await consumed('campaigns-order-facts', 'OrderRecorded')) === 121, 5_000);
    const lagMs = Date.now() - committed;
    console.log(`order commit → campaigns read model: ${lagMs} ms`);
    expect(lagMs).toBeLessThan(1_000);

    await mesh.stopProcess('orders');
    await mesh.startProcess('orders');
    expect((await mesh.query(RECORD_ORDER, order('e2e-events-2'))).errors).toBeUndefined();
    await until(async () => (await consumed('campaigns-order-facts', 'OrderRecorded')) === 122, 30_000);
    // Nothing twice: the repeat of an already recorded order publishes nothing.
    expect((await mesh.query(RECORD_ORDER, order('e2e-events-2'))).errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await consumed('campaigns-order-facts', 'OrderRecorded')).toBe(122);
  });

  it("follows an orders job in campaigns' job registry through the orders log: job(id) reaches SUCCEEDED", async () => {
    const started = await mesh.query(`mutation { refreshRfm { id status } }`);
    expect(started.errors).toBeUndefined();
    const id = started.data.refreshRfm.id as string;
    const jobState = async () =>
      (await mesh.query(`query($id: ID!) { job(id: $id) { id kind status progress result finishedAt } }`, { id })).data
        ?.job;
    await until(async () => (await jobState())?.status === 'SUCCEEDED', 30_000);
    expect(await jobState()).toMatchObject({ id, kind: 'REFRESH_RFM', status: 'SUCCEEDED', progress: 1 });
  });
});

const PROGRESS = `query Progress($id: ID!) { dataSubjectRequest(id: $id) { status customerId domains { domain status } } }`;

async function progress(id: string) {
  const answer = await mesh.query(PROGRESS, { id });
  expect(answer.errors).toBeUndefined();
  return answer.data.dataSubjectRequest;
}

describe('data-subject requests between processes', () => {
  it('waits for a domain that is down and completes once it is back', async () => {
    const customerId = world.customer(3).id;
    await mesh.stopProcess('orders');
    const opened = await mesh.query(`mutation($id: ID!) { requestErasure(customerId: $id) { id status } }`, {
      id: customerId,
    });
    expect(opened.errors).toBeUndefined();
    const id = opened.data.requestErasure.id;
    const pendingDomains = async () =>
      (await progress(id)).domains.filter((part: any) => part.status === 'PENDING').map((part: any) => part.domain);
    await until(async () => (await pendingDomains()).join() === 'orders', 30_000);
    expect((await progress(id)).status).toBe('OPEN');

    await mesh.startProcess('orders');
    await until(async () => (await progress(id)).status === 'COMPLETED', 60_000);
    expect(await progress(id)).toMatchObject({ status: 'COMPLETED', customerId: null });
    const orders = await mesh.query(`query($id: ID!) { customer(id: $id) { id } }`, { id: customerId });
    expect(orders.data.customer).toBeNull();
  });
});
