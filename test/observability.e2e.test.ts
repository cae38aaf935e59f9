// What an operator sees of one query: the gateway's and the subgraphs' /metrics count it under its
// operation name, and each service writes one access line with the same request id, naming who
// asked but never what was read.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '../scripts/seed/world.js';
import { createLogger } from '../shared/logger.js';
import path from 'node:path';
import { ROOT } from '../gateway/src/compose.js';
import { defaultEdgeConfig } from '../gateway/src/config.js';
import { loadManifest } from '../gateway/src/trusted-documents.js';
import { startInProcessMesh, type InProcessMesh } from './support/in-process-mesh.js';

const world = createWorld(
  { customers: 20, products: 10, orders: 60, campaigns: 2, touchpoints: 40 },
  11,
  new Date('2026-11-01T00:00:00Z'),
);
const logLines: Record<string, unknown>[] = [];
const logText: string[] = [];
const capture = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) {
      logText.push(line);
      logLines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  },
});
let mesh: InProcessMesh;

const CUSTOMER_CARD = `
  query CustomerCard($id: ID!) {
    customer(id: $id) { id displayName email purchaseStats { orderCount totalSpent } }
  }`;
/** A registered operation (the console's 360 page): metrics name it. */
const manifest = loadManifest(path.resolve(ROOT, defaultEdgeConfig().trustedDocumentsPath));
const CONSOLE_360 = Object.values(manifest.documents).find((text) => /query ConsoleCustomer360\b/.test(text))!;

beforeAll(async () => {
  mesh = await startInProcessMesh(world, { logger: createLogger('mesh', 'info', capture) });
}, 120_000);

afterAll(async () => {
  await mesh?.close();
});

/** The value of one sample in a Prometheus text exposition, matching the given labels. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [key, value]),
    );
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) return Number(match[3]);
  }
  return undefined;
}

async function scrape(graphqlUrl: string): Promise<string> {
  const response = await fetch(new URL('/metrics', graphqlUrl));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

describe('metrics', () => {
  it('count an operation on the gateway, per subgraph, and inside the subgraphs', async () => {
    const customer = world.customer(3);
    const result = await mesh.query(CONSOLE_360, { id: customer.id });
    expect(result.errors).toBeUndefined();
    // An unregistered card with purchase statistics: orders' batched loader.
    expect((await mesh.query(CUSTOMER_CARD, { id: customer.id })).errors).toBeUndefined();
    const broken = await mesh.query('query BrokenCard { customer(id: "x") { noSuchField } }');
    expect(broken.errors?.length).toBeGreaterThan(0);

    const gateway = await scrape(mesh.url);
    const operation = { operationName: 'ConsoleCustomer360' };
    expect(sample(gateway, 'graphql_envelop_request', operation)).toBeGreaterThan(0);
    expect(sample(gateway, 'graphql_envelop_request_duration_count', operation)).toBeGreaterThan(0);
    expect(sample(gateway, 'graphql_yoga_http_duration_count', { ...operation, statusCode: '200' })).toBeGreaterThan(0);
    expect(
      sample(gateway, 'graphql_gateway_subgraph_execute_duration_count', { ...operation, subgraphName: 'customers' }),
    ).toBeGreaterThan(0);
    expect(
      sample(gateway, 'graphql_gateway_subgraph_execute_duration_count', { ...operation, subgraphName: 'orders' }),
    ).toBeGreaterThan(0);
    expect(sample(gateway, 'graphql_gateway_fetch_duration_count')).toBeGreaterThan(0);
    // An operation that is not a registered document is counted as `adhoc`, whatever it calls itself.
    expect(sample(gateway, 'graphql_envelop_error_result', { operationName: 'adhoc' })).toBeGreaterThan(0);
    expect(sample(gateway, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    // The Rust planner's time per (uncached) plan.
    expect(sample(gateway, 'mesh360_gateway_query_planning_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThan(
      0,
    );
    expect(sample(gateway, 'mesh360_gateway_query_planning_duration_seconds_sum', { outcome: 'ok' })).toBeGreaterThan(
      0,
    );
    // Variables never become label values.
    expect(gateway).not.toContain(customer.id);

    const customers = await scrape(mesh.subgraphUrls.customers);
    expect(
      sample(customers, 'mesh360_subgraph_request_duration_seconds_count', {
        subgraph: 'customers',
        operation: 'ConsoleCustomer360',
        status: '200',
      }),
    ).toBeGreaterThan(0);
    expect(
      sample(customers, 'mesh360_dataloader_batch_size_count', { subgraph: 'customers', loader: 'customerById' }),
    ).toBeGreaterThan(0);
    expect(
      sample(customers, 'mesh360_sql_query_duration_seconds_count', {
        schema: mesh.databases.customers.schema,
        outcome: 'ok',
      }),
    ).toBeGreaterThan(0);
    expect(customers).not.toContain(customer.id);

    const orders = await scrape(mesh.subgraphUrls.orders);
    expect(
      sample(orders, 'mesh360_dataloader_batch_size_count', {
        subgraph: 'orders',
        loader: 'purchaseStatsByCustomerId',
      }),
    ).toBeGreaterThan(0);
  });

  it('name only registered operations: invented names cannot grow the number of series', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `Invented${i}Name`);
    for (const name of names) {
      const result = await mesh.query(`query ${name}($id: ID!) { customer(id: $id) { id country } }`, {
        id: world.customer(1).id,
      });
      expect(result.errors).toBeUndefined();
    }
    const gateway = await scrape(mesh.url);
    const customers = await scrape(mesh.subgraphUrls.customers);
    for (const name of names) {
      expect(gateway).not.toContain(name);
      expect(customers).not.toContain(name);
    }
    expect(
      sample(gateway, 'graphql_envelop_request', { operationName: 'adhoc', operationType: 'query' }),
    ).toBeGreaterThanOrEqual(names.length);
    expect(
      sample(customers, 'mesh360_subgraph_request_duration_seconds_count', {
        subgraph: 'customers',
        operation: 'adhoc',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(names.length);
  });

  it('plan an operation once, although field authorization rebuilds its document on every request', async () => {
    const plans = async () =>
      sample(await scrape(mesh.url), 'mesh360_gateway_query_planning_duration_seconds_count', { outcome: 'ok' }) ?? 0;
    const query = 'query PlannedOnce($id: ID!) { customer(id: $id) { id country email } }';
    const masked = await mesh.token(['adhoc']);
    await mesh.query(query, { id: world.customer(2).id });
    await mesh.query(query, { id: world.customer(2).id }, masked);
    const before = await plans();
    for (let i = 0; i < 10; i++) {
      const result = await mesh.query(query, { id: world.customer(i).id });
      expect(result.data.customer.email).toBe(world.customer(i).email);
      // Masked: the email is removed from this caller's document, a different operation to plan.
      const partial = await mesh.query(query, { id: world.customer(i).id }, masked);
      expect(partial.data.customer.email).toBeNull();
    }
    expect(await plans()).toBe(before);
  });

  it('are open without a token, like /health', async () => {
    const response = await fetch(new URL('/metrics', mesh.subgraphUrls.inventory));
    expect(response.status).toBe(200);
  });
});

describe('the access log', () => {
  it('has one line per service with operation, status, duration, subject and request id, and nothing the query read', async () => {
    const customer = world.customer(5);
    const requestId = 'obs-test-request-1';
    const response = await fetch(mesh.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await mesh.token(undefined, { subject: 'analyst-7' })}`,
        'x-request-id': requestId,
      },
      body: JSON.stringify({ query: CUSTOMER_CARD, variables: { id: customer.id } }),
    });
    const body = (await response.json()) as { data?: { customer?: { email?: string } } };
    expect(body.data?.customer?.email).toBe(customer.email);
    expect(response.headers.get('x-request-id')).toBe(requestId);

    await expect
      .poll(() => logLines.filter((line) => line.msg === 'access' && line.requestId === requestId).length)
      .toBeGreaterThanOrEqual(3);
    const access = logLines.filter((line) => line.msg === 'access' && line.requestId === requestId);
    const gatewayLine = access.find((line) => line.subgraph === undefined);
    expect(gatewayLine).toMatchObject({ operationName: 'CustomerCard', status: 200, subject: 'analyst-7', requestId });
    expect(gatewayLine?.durationMs).toEqual(expect.any(Number));
    for (const subgraph of ['customers', 'orders']) {
      const line = access.find((candidate) => candidate.subgraph === subgraph);
      expect(line, subgraph).toMatchObject({
        operationName: 'CustomerCard',
        status: 200,
        subject: 'analyst-7',
        requestId,
        errors: 0,
      });
      expect(line?.durationMs).toEqual(expect.any(Number));
    }

    // Tracing is off here, yet the gateway made one traceparent for the request and sent it to
    // every subgraph: all its lines share that trace id.
    expect(new Set(access.map((line) => line.traceId))).toEqual(new Set([expect.stringMatching(/^[0-9a-f]{32}$/)]));

    const everything = logText.join('\n');
    expect(everything).not.toContain(customer.email);
    expect(everything).not.toContain(customer.id);
  });

  it("carries a client's traceparent to every subgraph when not tracing", async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const requestId = 'obs-test-traceparent';
    const response = await fetch(mesh.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await mesh.token()}`,
        'x-request-id': requestId,
        traceparent: `00-${traceId}-b7ad6b7169203331-01`,
      },
      body: JSON.stringify({ query: CUSTOMER_CARD, variables: { id: world.customer(6).id } }),
    });
    expect(response.status).toBe(200);
    await expect
      .poll(() => logLines.filter((line) => line.msg === 'access' && line.requestId === requestId).length)
      .toBeGreaterThanOrEqual(3);
    const access = logLines.filter((line) => line.msg === 'access' && line.requestId === requestId);
    expect(access.map((line) => line.traceId)).toEqual(access.map(() => traceId));
  });

  it('replaces a malformed request id instead of logging or forwarding it', async () => {
    const response = await fetch(mesh.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await mesh.token()}`,
        'x-request-id': 'not ok; <script>',
      },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    const echoed = response.headers.get('x-request-id');
    expect(echoed).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => logLines.some((line) => line.msg === 'access' && line.requestId === echoed)).toBe(true);
    expect(logText.join('\n')).not.toContain('<script>');
  });
});
