// Traces as an operator sees them: the mesh started like `npm start` with an OTLP endpoint set
// exports, from every process, the spans of one request under one trace id (gateway → subgraph →
// SQL), and every access line of that request names the trace. The receiver is a plain HTTP server
// speaking OTLP/HTTP JSON, as a collector, Jaeger or Tempo would. It starts five processes, so it
// runs in the Postgres pass of CI only (TEST_DATABASE_URL set); shared/tracing.test.ts covers the
// SQL spans on PGlite as well.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '../scripts/seed/world.js';
import { startProcessMesh, type ProcessMesh } from './support/process-mesh.js';

interface ExportedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

const world = createWorld(
  { customers: 12, products: 8, orders: 30, campaigns: 2, touchpoints: 20 },
  17,
  new Date('2026-11-01T00:00:00Z'),
);
const spans: ExportedSpan[] = [];
const requests: { path: string; contentType?: string }[] = [];
let receiver: http.Server;
let mesh: ProcessMesh;

const CUSTOMER_CARD = `
  query TracedCard($id: ID!) {
    customer(id: $id) { id displayName purchaseStats { orderCount } }
  }`;

/** OTLP/JSON carries ids as hex (the specification) — or base64 from older exporters. */
function hexId(id: unknown): string | undefined {
  if (typeof id !== 'string' || id === '') return undefined;
  return /^[0-9a-f]+$/.test(id) ? id : Buffer.from(id, 'base64').toString('hex');
}

function attributesOf(list: { key: string; value: Record<string, unknown> }[] = []): Record<string, unknown> {
  return Object.fromEntries(list.map(({ key, value }) => [key, Object.values(value)[0]]));
}

function collect(body: any): void {
  for (const resourceSpans of body.resourceSpans ?? []) {
    const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name']);
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        spans.push({
          service,
          traceId: hexId(span.traceId)!,
          spanId: hexId(span.spanId)!,
          parentSpanId: hexId(span.parentSpanId),
          name: span.name,
          kind: span.kind,
          attributes: attributesOf(span.attributes),
        });
      }
    }
  }
}

function accessLines(name: string): Record<string, unknown>[] {
  return mesh.output
    .get(name)!
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === 'access');
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('with an OTLP endpoint configured', () => {
  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        requests.push({ path: req.url ?? '', contentType: req.headers['content-type'] });
        if (req.url === '/v1/traces') collect(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    mesh = await startProcessMesh(world, {
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
        // Export within a fifth of a second instead of the default five.
        OTEL_BSP_SCHEDULE_DELAY: '200',
        LOG_LEVEL: 'info',
      },
    });
  }, 240_000);

  afterAll(async () => {
    await mesh?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('exports one trace per request across gateway, subgraphs and SQL, and every access line names it', async () => {
    const customer = world.customer(2);
    const result = await mesh.query(CUSTOMER_CARD, { id: customer.id });
    expect(result.errors).toBeUndefined();

    // The gateway made the trace (the client sent no traceparent); its access line names it.
    await expect
      .poll(() => accessLines('gateway').find((line) => line.operationName === 'TracedCard')?.traceId)
      .toMatch(/^[0-9a-f]{32}$/);
    const traceId = accessLines('gateway').find((line) => line.operationName === 'TracedCard')!.traceId as string;

    await expect
      .poll(() => new Set(spans.filter((span) => span.traceId === traceId).map((span) => span.service)), {
        timeout: 15_000,
      })
      .toEqual(new Set(['mesh360-gateway', 'mesh360-customers', 'mesh360-orders']));
    const trace = spans.filter((span) => span.traceId === traceId);
    const byId = new Map(trace.map((span) => [span.spanId, span]));

    for (const subgraph of ['customers', 'orders']) {
      // The subgraph's server span is the child of one of the gateway's (its subgraph fetch).
      const server = trace.find((span) => span.service === `mesh360-${subgraph}` && span.kind === 2);
      expect(server, subgraph).toBeDefined();
      expect(byId.get(server!.parentSpanId!)?.service, subgraph).toBe('mesh360-gateway');
      expect(server!.attributes['graphql.operation.name']).toBe('TracedCard');
      // Its SQL statements are its children, parameterised: no value of the query reaches a span.
      const statements = trace.filter(
        (span) => span.service === `mesh360-${subgraph}` && span.attributes['db.system.name'] === 'postgresql',
      );
      expect(statements.length, subgraph).toBeGreaterThan(0);
      for (const statement of statements) {
        expect(statement.parentSpanId).toBe(server!.spanId);
        expect(String(statement.attributes['db.query.text'])).not.toContain(customer.id);
      }
      // And its access line carries the same trace id.
      await expect
        .poll(() =>
          accessLines(subgraph).some((line) => line.traceId === traceId && line.operationName === 'TracedCard'),
        )
        .toBe(true);
    }
    // The gateway's own spans hang together: every parent of a gateway span is in the trace.
    const gatewaySpans = trace.filter((span) => span.service === 'mesh360-gateway');
    expect(gatewaySpans.some((span) => span.parentSpanId === undefined)).toBe(true);
    for (const span of gatewaySpans) if (span.parentSpanId) expect(byId.has(span.parentSpanId), span.name).toBe(true);
    expect(
      requests.every((request) => request.path === '/v1/traces' && request.contentType?.startsWith('application/json')),
    ).toBe(true);
  });

  it("continues the client's trace when it sends a traceparent", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await fetch(mesh.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await mesh.token()}`,
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      },
      body: JSON.stringify({ query: CUSTOMER_CARD, variables: { id: world.customer(4).id } }),
    });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    await expect
      .poll(() => new Set(spans.filter((span) => span.traceId === traceId).map((span) => span.service)), {
        timeout: 15_000,
      })
      .toEqual(new Set(['mesh360-gateway', 'mesh360-customers', 'mesh360-orders']));
    const root = spans.find(
      (span) =>
        span.traceId === traceId && span.service === 'mesh360-gateway' && span.parentSpanId === '00f067aa0ba902b7',
    );
    expect(root, 'the gateway span under the client span').toBeDefined();
    await expect
      .poll(() =>
        ['gateway', 'customers', 'orders'].filter((name) => accessLines(name).some((line) => line.traceId === traceId)),
      )
      .toEqual(['gateway', 'customers', 'orders']);
  });
});
