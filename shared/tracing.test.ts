import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { trace, type ProxyTracerProvider } from '@opentelemetry/api';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadSubgraphConfig } from './config.js';
import { createDatabase } from './db.js';
import { createLogger } from './logger.js';
import { endServerSpan, startTracing, traceparentFor, tracingConfigOf, withServerSpan } from './tracing.js';

const CLIENT_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_SPAN = '00f067aa0ba902b7';
const TRACEPARENT = `00-${CLIENT_TRACE}-${CLIENT_SPAN}-01`;

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger('tracing-test', 'info', destination) };
}

describe('tracing configuration', () => {
  it('is off unless an OTLP endpoint is set, and off again when the SDK or the exporter is disabled', () => {
    expect(tracingConfigOf({}, 'orders')).toBeUndefined();
    expect(loadSubgraphConfig('orders', { OTEL_EXPORTER_OTLP_ENDPOINT: '' }).tracing).toBeUndefined();
    expect(tracingConfigOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }, 'orders')).toEqual({
      endpoint: 'http://collector:4318/v1/traces',
      serviceName: 'mesh360-orders',
    });
    expect(
      tracingConfigOf(
        {
          OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
          OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://tempo:4318/v1/traces',
          OTEL_SERVICE_NAME: 'orders-eu',
        },
        'orders',
      ),
    ).toEqual({ endpoint: 'http://tempo:4318/v1/traces', serviceName: 'orders-eu' });
    expect(
      tracingConfigOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }, 'orders'),
    ).toBeUndefined();
    expect(
      tracingConfigOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' }, 'orders'),
    ).toBeUndefined();
    expect(loadSubgraphConfig('orders', {}).tracing).toBeUndefined();
  });

  it('refuses what it cannot honour, with the variable named', () => {
    const refused = (() => {
      try {
        loadSubgraphConfig('orders', {
          OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url',
          OTEL_TRACES_EXPORTER: 'zipkin',
          OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
        });
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).problems.map((problem) => problem.variable).sort()).toEqual([
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'OTEL_EXPORTER_OTLP_PROTOCOL',
      'OTEL_TRACES_EXPORTER',
    ]);
  });

  it('makes a traceparent for a subgraph when the gateway does not trace: the client’s, or a fresh unsampled one', () => {
    expect(traceparentFor(TRACEPARENT)).toBe(TRACEPARENT);
    expect(traceparentFor(null)).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    expect(traceparentFor('00-garbage')).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
  });
});

describe('spans of a subgraph request', () => {
  it('records nothing and registers no provider when tracing was never started', () => {
    const provider = trace.getTracerProvider() as ProxyTracerProvider;
    expect(provider.getDelegate().constructor.name).toBe('NoopTracerProvider');
    const { lines, logger } = capturedLogger();
    withServerSpan('POST /graphql', { traceparent: TRACEPARENT }, {}, (span, untracedTraceId) => {
      expect(span.isRecording()).toBe(false);
      // The caller's trace id is still handed over, for the request's logger to bind.
      expect(untracedTraceId).toBe(CLIENT_TRACE);
      logger.info('inside');
    });
    expect(lines[0].traceId).toBeUndefined();
  });

  it('puts the server span under the caller’s span, the SQL under the server span, and the trace id on log lines', async () => {
    const exported: ReadableSpan[] = [];
    const exporter: SpanExporter = {
      export: (spans, done) => {
        exported.push(...spans);
        done({ code: 0 });
      },
      shutdown: async () => undefined,
    };
    const tracing = await startTracing(
      { endpoint: 'http://127.0.0.1:1/v1/traces', serviceName: 'tracing-test' },
      { exporter },
    );
    const schema = `tracing_test_${randomBytes(3).toString('hex')}`;
    const db = await createDatabase({ url: process.env.TEST_DATABASE_URL || undefined, schema });
    const { lines, logger } = capturedLogger();
    try {
      await withServerSpan(
        'POST /graphql',
        { traceparent: TRACEPARENT },
        { 'mesh360.subgraph': 'tracing-test' },
        async (span, untracedTraceId) => {
          expect(untracedTraceId).toBeUndefined();
          await sql`select ${'secret-value'}::text as value`.execute(db);
          await sql`select nope from nowhere`.execute(db).catch(() => undefined);
          logger.info('inside');
          endServerSpan(span, 200, { 'graphql.operation.name': 'CustomerCard' });
        },
      );
    } finally {
      await sql.raw(`drop schema ${schema} cascade`).execute(db);
      await db.destroy();
      await tracing.shutdown();
    }
    const server = exported.find((span) => span.name === 'POST /graphql')!;
    expect(server.spanContext().traceId).toBe(CLIENT_TRACE);
    expect(server.parentSpanContext?.spanId).toBe(CLIENT_SPAN);
    expect(server.attributes['graphql.operation.name']).toBe('CustomerCard');
    const statements = exported.filter((span) => span.attributes['db.system.name'] === 'postgresql');
    expect(statements.map((span) => span.name)).toEqual([`SELECT ${schema}`, `SELECT ${schema}`]);
    for (const statement of statements) expect(statement.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    expect(statements[1].status.code).toBe(2);
    expect(String(statements[0].attributes['db.query.text'])).not.toContain('secret-value');
    expect(lines[0]).toMatchObject({ traceId: CLIENT_TRACE, spanId: server.spanContext().spanId });
    // Shut down, the process is back to the no-op provider.
    expect(trace.getActiveSpan()).toBeUndefined();
  });
});
