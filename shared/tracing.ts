// OpenTelemetry traces: one trace per request, gateway → subgraph → SQL, exported over OTLP/HTTP
// when an endpoint is configured with the standard OTEL_* variables, and off otherwise. Off means
// the SDK is never loaded: every span below goes to the API's no-op tracer and the only remaining
// work is a check for an active span when a line is logged.
import { randomBytes } from 'node:crypto';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { z } from 'zod';
import { traceIdOf } from './observability.js';

/** Where and as what a service exports its spans; absent when tracing is off. */
export interface TracingConfig {
  /** The OTLP/HTTP traces URL (…/v1/traces). */
  endpoint: string;
  /** `service.name` of every span this process exports. */
  serviceName: string;
}

/** The standard OpenTelemetry variables a service reads to decide whether and where to export traces. */
export const tracingVariables = {
  // Empty counts as unset (compose files often pass `${OTEL_EXPORTER_OTLP_ENDPOINT:-}`).
  OTEL_EXPORTER_OTLP_ENDPOINT: z.union([z.literal(''), z.string().url()]).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.union([z.literal(''), z.string().url()]).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  OTEL_SDK_DISABLED: z.enum(['true', 'false', '']).optional(),
  // Spans go out as OTLP/HTTP JSON, which every OTLP HTTP receiver (port 4318) accepts; a gRPC
  // endpoint (port 4317) would silently receive nothing, so it is refused.
  OTEL_EXPORTER_OTLP_PROTOCOL: z
    .string()
    .regex(/^(http\/json|http\/protobuf)?$/, 'only OTLP over HTTP is supported (http/json or http/protobuf), not grpc')
    .optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: z
    .string()
    .regex(/^(http\/json|http\/protobuf)?$/, 'only OTLP over HTTP is supported (http/json or http/protobuf), not grpc')
    .optional(),
  OTEL_TRACES_EXPORTER: z
    .string()
    .regex(/^(otlp|none)?$/, 'only "otlp" (the default when an endpoint is set) or "none" are supported')
    .optional(),
};

/**
 * Tracing settings from parsed `tracingVariables`: on when an OTLP endpoint is set (the traces one
 * wins, the general one gets `/v1/traces` appended as the specification says), unless the SDK or
 * the traces exporter is switched off.
 */
export function tracingConfigOf(parsed: Record<string, unknown>, service: string): TracingConfig | undefined {
  if (parsed.OTEL_SDK_DISABLED === 'true' || parsed.OTEL_TRACES_EXPORTER === 'none') return undefined;
  const tracesEndpoint = (parsed.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as string | undefined) || undefined;
  const baseEndpoint = (parsed.OTEL_EXPORTER_OTLP_ENDPOINT as string | undefined) || undefined;
  const endpoint = tracesEndpoint ?? (baseEndpoint ? `${baseEndpoint.replace(/\/+$/, '')}/v1/traces` : undefined);
  if (!endpoint) return undefined;
  return { endpoint, serviceName: (parsed.OTEL_SERVICE_NAME as string | undefined) ?? `mesh360-${service}` };
}

export interface Tracing {
  /** Exports the spans still buffered and stops the exporter. */
  shutdown(): Promise<void>;
}

/**
 * Registers this process's tracer provider (AsyncLocalStorage context, W3C trace context and
 * baggage propagation) exporting in batches over OTLP/HTTP; `exporter` replaces OTLP (tests).
 * Other OTLP settings (OTEL_EXPORTER_OTLP_HEADERS, _TIMEOUT, _COMPRESSION) are read by the exporter.
 */
export async function startTracing(config: TracingConfig, options: { exporter?: SpanExporter } = {}): Promise<Tracing> {
  // Loaded only here, so a process without tracing does not carry the SDK.
  const [{ NodeTracerProvider }, { BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] =
    await Promise.all([
      import('@opentelemetry/sdk-trace-node'),
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
    ]);
  const exporter = options.exporter ?? new OTLPTraceExporter({ url: config.endpoint });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  provider.register();
  return {
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

const tracer = () => trace.getTracer('mesh360');

/** The trace and span ids of the active span, for a log line; empty outside a recorded span. */
export function activeTraceFields(): { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

/**
 * Starts the server span of one incoming HTTP request, child of the caller's `traceparent`, and
 * runs `handle` inside it. `untracedTraceId` is set only when no span carries the ids onto log
 * lines (tracing off): then it is the caller's trace id, for the request's logger to bind.
 */
export function withServerSpan<T>(
  name: string,
  headers: Record<string, string | string[] | undefined>,
  attributes: Attributes,
  handle: (span: Span, untracedTraceId: string | undefined) => T,
): T {
  const parent = propagation.extract(context.active(), headers);
  const span = tracer().startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
  return context.with(trace.setSpan(parent, span), () =>
    handle(span, trace.getActiveSpan() ? undefined : traceIdOf(firstHeader(headers.traceparent))),
  );
}

/**
 * Records one finished SQL statement as a client span under the active span (the request that ran
 * it). The statement text is parameterised: values never reach a span.
 */
export function recordSqlSpan(statement: { sql: string; durationMs: number; schema: string; error?: unknown }): void {
  const parent = trace.getActiveSpan();
  if (!parent?.isRecording()) return;
  const end = Date.now();
  const operation = /^\s*(\w+)/.exec(statement.sql)?.[1]?.toUpperCase() ?? 'SQL';
  const span = tracer().startSpan(
    `${operation} ${statement.schema}`,
    {
      kind: SpanKind.CLIENT,
      startTime: end - statement.durationMs,
      attributes: {
        'db.system.name': 'postgresql',
        'db.namespace': statement.schema,
        'db.operation.name': operation,
        'db.query.text': statement.sql,
      },
    },
    context.active(),
  );
  if (statement.error !== undefined) {
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: statement.error instanceof Error ? statement.error.message : String(statement.error),
    });
  }
  span.end(end);
}

/** Marks a span failed when the response is an HTTP error, then ends it. */
export function endServerSpan(span: Span, status: number, attributes: Attributes = {}): void {
  span.setAttributes({ 'http.response.status_code': status, ...attributes });
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/**
 * A W3C `traceparent` for a subgraph request when the gateway does not trace: the client's when it
 * sent a valid one, otherwise a fresh unsampled one, so every service's log lines of one request
 * share a trace id either way.
 */
export function traceparentFor(clientTraceparent: string | null | undefined): string {
  const clientTraceId = traceIdOf(clientTraceparent ?? undefined);
  if (clientTraceId) return clientTraceparent!.trim();
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`;
}

export { trace };
export type { Context, Span };

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Runs `callback` later in the tracing context it was created in (e.g. a response's 'close' handler). */
export function inCurrentTraceContext<A extends unknown[]>(callback: (...args: A) => void): (...args: A) => void {
  return context.bind(context.active(), callback);
}

/** Runs `callback` outside any span, for a log line that names its trace id itself. */
export function outsideTraces<A extends unknown[]>(callback: (...args: A) => void): (...args: A) => void {
  return context.bind(ROOT_CONTEXT, callback);
}
