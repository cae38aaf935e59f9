// Data-subject requests between the real processes (no broker): a request opened while one domain's
// service is down waits for it (that domain PENDING, the others DONE) and completes once it is back,
// because the request, its event and each consumer's position are durable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '../scripts/seed/world.js';
import { startProcessMesh, type ProcessMesh } from './support/process-mesh.js';

const world = createWorld(
  { customers: 20, products: 10, orders: 60, campaigns: 2, touchpoints: 30 },
  17,
  new Date('2026-11-01T00:00:00Z'),
);
let mesh: ProcessMesh;

beforeAll(async () => {
  mesh = await startProcessMesh(world);
}, 180_000);

afterAll(async () => {
  await mesh?.close();
}, 60_000);

const PROGRESS = `query Progress($id: ID!) { dataSubjectRequest(id: $id) { status customerId domains { domain status } } }`;

async function progress(id: string) {
  const answer = await mesh.query(PROGRESS, { id });
  expect(answer.errors).toBeUndefined();
  return answer.data.dataSubjectRequest;
}

async function until(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
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
