// The gateway's subgraph timeout must not hang a listener per subgraph request on a signal that
// lives as long as the process: Node warns past ten, and each addEventListener scans the growing
// list, which is where a large part of the latency tail came from.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { quoteIdent } from '../shared/db.js';
import { PROOF_HEADER } from '../shared/auth.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '../scripts/seed/world.js';
import { startInProcessMesh, type InProcessMesh } from './support/in-process-mesh.js';

const world = createWorld({ customers: 100, products: 40, orders: 600, campaigns: 3, touchpoints: 400 }, 21);
let mesh: InProcessMesh;
const warnings: Error[] = [];
const onWarning = (warning: Error) => {
  if (warning.name === 'MaxListenersExceededWarning') warnings.push(warning);
};

beforeAll(async () => {
  mesh = await startInProcessMesh(world);
  process.on('warning', onWarning);
}, 120_000);

afterAll(async () => {
  process.off('warning', onWarning);
  await mesh?.close();
}, 60_000);

const CUSTOMER_360 = `query($id: ID!) { customer(id: $id) { id displayName purchaseStats { orderCount }
  orders(first: 3) { nodes { id lines { quantity product { name availableQuantity } } } }
  touchpoints(first: 3) { nodes { kind campaign { name } } } } }`;

describe('subgraph requests under load', () => {
  it('add no abort listeners to long-lived signals', async () => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 40 }, async () => {
        while (next < 200) {
          const i = next++;
          const result = await mesh.query(CUSTOMER_360, { id: world.customerId(i % 100) });
          expect(result.errors).toBeUndefined();
        }
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(warnings.map((warning) => warning.message)).toEqual([]);
  }, 120_000);
});

describe('a subgraph that does not answer', () => {
  it('gets SUBGRAPH_TIMEOUT on its fields after the deadline, its connection closed, and the rest of the query answered', async () => {
    let closedByGateway = false;
    const hung = http.createServer((req) => {
      req.socket.once('close', () => (closedByGateway = true));
    });
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const gateway = await mesh.startGateway({
      subgraphUrls: { campaigns: `http://127.0.0.1:${(hung.address() as AddressInfo).port}/graphql` },
      subgraphTimeoutMs: 500,
    });
    try {
      const started = Date.now();
      const answer = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await mesh.token()}` },
        body: JSON.stringify({
          query: `{ customer(id: "${world.customerId(0)}") { id purchaseStats { orderCount } touchpoints(first: 1) { nodes { kind } } } }`,
        }),
      }).then((response) => response.json());
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(answer.data.customer.purchaseStats.orderCount).toEqual(expect.any(Number));
      expect(answer.data.customer.touchpoints).toBeNull();
      expect(answer.errors[0].extensions).toMatchObject({ code: 'SUBGRAPH_TIMEOUT', subgraph: 'campaigns' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(closedByGateway).toBe(true);
    } finally {
      await gateway.close();
      hung.closeAllConnections();
      await new Promise<void>((resolve) => hung.close(() => resolve()));
    }
  }, 30_000);

  it('gets SUBGRAPH_UNAVAILABLE when nothing listens', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const gateway = await mesh.startGateway({ subgraphUrls: { campaigns: `http://127.0.0.1:${port}/graphql` } });
    try {
      const answer = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await mesh.token()}` },
        body: JSON.stringify({
          query: `{ customer(id: "${world.customerId(0)}") { id touchpoints(first: 1) { nodes { kind } } } }`,
        }),
      }).then((response) => response.json());
      expect(answer.data.customer.id).toBe(world.customerId(0));
      expect(answer.errors[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'campaigns' });
    } finally {
      await gateway.close();
    }
  }, 30_000);
});

describe('closing the gateway', () => {
  it('drains: a request in flight finishes while new connections are refused', async () => {
    // A campaigns subgraph that answers a second late: the real one behind a delay.
    const slow = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        setTimeout(async () => {
          const upstream = await fetch(mesh.subgraphUrls.campaigns, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [PROOF_HEADER]: String(req.headers[PROOF_HEADER]) },
            body: Buffer.concat(chunks),
          });
          res.writeHead(upstream.status, { 'content-type': 'application/json' });
          res.end(await upstream.text());
        }, 1_000);
      });
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const gateway = await mesh.startGateway({
      subgraphUrls: { campaigns: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/graphql` },
    });
    try {
      const token = await mesh.token();
      const ask = () =>
        fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            query: `{ customer(id: "${world.customerId(0)}") { id touchpoints(first: 1) { nodes { kind } } } }`,
          }),
        });
      const inFlight = ask();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const closed = gateway.close({ drainTimeoutMs: 5_000 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await expect(ask()).rejects.toThrow();
      const answer = await (await inFlight).json();
      expect(answer.errors).toBeUndefined();
      expect(answer.data.customer.touchpoints).not.toBeNull();
      await closed;
    } finally {
      slow.closeAllConnections();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  }, 30_000);
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('a statement the gateway stopped waiting for', () => {
  it('is cancelled on the Postgres server, not left running', async () => {
    const schema = mesh.databases.customers.schema;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const gateway = await mesh.startGateway({ subgraphTimeoutMs: 1_000 });
    const waitingOnLock = async () =>
      Number(
        (
          await admin.query(
            `select count(*) as n from pg_stat_activity where wait_event_type = 'Lock' and pid <> pg_backend_pid() and query like $1`,
            ['%customers%'],
          )
        ).rows[0].n,
      );
    try {
      // The customer's row cannot be read while the test holds this lock: the subgraph's statement waits.
      await admin.query('begin');
      await admin.query(`lock table ${quoteIdent(schema)}.customers in access exclusive mode`);
      const answer = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await mesh.token()}` },
        body: JSON.stringify({ query: `{ customer(id: "${world.customerId(1)}") { id displayName } }` }),
      }).then((response) => response.json());
      expect(answer.errors[0].extensions).toMatchObject({ code: 'SUBGRAPH_TIMEOUT', subgraph: 'customers' });
      // The lock is still held: only a cancel can have ended the waiting statement.
      const deadline = Date.now() + 5_000;
      while ((await waitingOnLock()) > 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await waitingOnLock()).toBe(0);
    } finally {
      await admin.query('rollback').catch(() => undefined);
      await admin.end();
      await gateway.close();
    }
  }, 30_000);
});
