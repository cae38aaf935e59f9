// What the gateway shows about its work: Prometheus metrics (Hive's Prometheus plugin on a registry
// of its own, plus this process's metrics) and one access-log line per request. Both name the
// client's operation, which the gateway also forwards to the subgraphs, whose own operations are
// anonymous query plans, and its trace id, which reaches every subgraph in a W3C traceparent.
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Logger as HiveLogger } from '@graphql-hive/logger';
import { fillLabelsFnParamsMap } from '@envelop/prometheus';
import useMeshPrometheus, { createCounter, createHistogram } from '@graphql-mesh/plugin-prometheus';
import type { ExecutionRequest } from '@graphql-tools/utils';
import { getOperationAST, type DocumentNode } from 'graphql';
import { Registry } from 'prom-client';
import type { Logger } from '../../shared/logger.js';
import { metricsRegistry, metricsText } from '../../shared/metrics.js';
import {
  ANONYMOUS_OPERATION,
  isValidRequestId,
  OPERATION_LABEL_HEADER,
  OPERATION_NAME_HEADER,
  operationLabel,
  REQUEST_ID_HEADER,
  traceIdOf,
} from '../../shared/observability.js';
import { outsideTraces, trace, traceparentFor, type Context } from '../../shared/tracing.js';
import type { ViewerRegistry } from './auth.js';

interface AccessFields {
  operationName: string;
  subject?: string;
  traceId?: string;
}

/** What the access log needs of Hive's OpenTelemetry plugin, when the gateway traces. */
export interface RequestTraces {
  getHttpContext(request: Request): Context | undefined;
}

/** The label of every operation that is not a registered (trusted) document, in metrics and to subgraphs. */
export const ADHOC_OPERATION = 'adhoc';

/** Creates the gateway's metrics registry, its plugins, and the access log of its HTTP server. */
export function createGatewayObservability(options: {
  viewers: ViewerRegistry;
  logger?: Logger;
  /**
   * The operation names of the registered documents. Metrics (and the label forwarded to subgraphs,
   * which label their own metrics with it) name only these; any other operation is `adhoc`, so a
   * caller inventing names cannot grow the number of time series. Logs and the audit trail keep the name.
   */
  registeredOperationNames: () => ReadonlySet<string>;
}) {
  // One registry per gateway: the plugin clears it on dispose, and tests run several gateways.
  const registry = new Registry();
  const operationByRequest = new WeakMap<Request, string>();
  const accessByNodeRequest = new WeakMap<http.IncomingMessage, AccessFields>();
  const operationOf = (request: Request | undefined) =>
    (request && operationByRequest.get(request)) || ANONYMOUS_OPERATION;
  /** Any operation name (or none) as a metric label: a registered document's name, anonymous, or adhoc. */
  const boundedLabel = (name: unknown) => {
    const label = operationLabel(name);
    return label === ANONYMOUS_OPERATION || options.registeredOperationNames().has(label) ? label : ADHOC_OPERATION;
  };
  const metricOperationOf = (request: Request | undefined) => boundedLabel(operationOf(request));
  // Without tracing, one traceparent per client request (its own, or a fresh one) still reaches
  // every subgraph, so all log lines of a request share a trace id.
  const traceparentByRequest = new WeakMap<Request, string>();
  const untracedTraceparent = (request: Request) => {
    let traceparent = traceparentByRequest.get(request);
    if (!traceparent) {
      traceparent = traceparentFor(request.headers.get('traceparent'));
      traceparentByRequest.set(request, traceparent);
    }
    return traceparent;
  };

  /**
   * Names each request's operation once it is parsed, forwards it (and, when not tracing, a
   * traceparent) to subgraphs, and hands the access line its fields.
   */
  const useOperationNames = (traces: RequestTraces | undefined): GatewayPlugin =>
    ({
      onParse() {
        return ({ result, context }) => {
          const ctx = context as { request?: Request; params?: { operationName?: string } };
          if (!ctx.request || !result || result instanceof Error) return;
          operationByRequest.set(
            ctx.request,
            operationLabel(getOperationAST(result as DocumentNode, ctx.params?.operationName)?.name?.value),
          );
        };
      },
      onFetch({ context, options: init, setOptions }) {
        const request = (context as { request?: Request } | undefined)?.request;
        if (!request || !operationByRequest.has(request)) return;
        const headers = Object.fromEntries(new Headers(init.headers as HeadersInit | undefined));
        headers[OPERATION_NAME_HEADER] = operationOf(request);
        headers[OPERATION_LABEL_HEADER] = metricOperationOf(request);
        // When tracing, the OpenTelemetry plugin injects the traceparent of its fetch span instead.
        if (!traces) headers.traceparent = untracedTraceparent(request);
        setOptions({ ...init, headers });
      },
      onResponse({ request, serverContext }) {
        const req = (serverContext as { req?: http.IncomingMessage }).req;
        if (!req) return;
        const httpContext = traces?.getHttpContext(request);
        const traceId = traces
          ? httpContext && trace.getSpan(httpContext)?.spanContext().traceId
          : traceIdOf(untracedTraceparent(request));
        accessByNodeRequest.set(req, {
          operationName: operationOf(request),
          subject: options.viewers.get(request)?.subject,
          traceId,
        });
      },
    }) as GatewayPlugin;

  // The plugin's subgraph metrics would label every subgraph request "Anonymous" (query-plan
  // operations carry no name); these label it with the client operation it serves instead.
  const subgraphLabels = ({
    subgraphName,
    executionRequest,
  }: {
    subgraphName: string;
    executionRequest: ExecutionRequest;
  }) => ({
    subgraphName,
    operationName: metricOperationOf((executionRequest.context as { request?: Request } | undefined)?.request),
  });

  /**
   * Runs after the Prometheus plugin has named the operation for its own metrics (from the client's
   * operationName or the document) and bounds that name as above.
   */
  const useBoundedOperationLabels = (): GatewayPlugin =>
    ({
      onParse() {
        return ({ context }) => {
          const params = fillLabelsFnParamsMap.get(context);
          if (params) params.operationName = boundedLabel(params.operationName);
        };
      },
    }) as GatewayPlugin;

  function usePrometheusMetrics(log: HiveLogger): GatewayPlugin {
    return useMeshPrometheus({
      log,
      registry,
      // /metrics is served by the gateway's own HTTP server, next to /health, not by the GraphQL runtime.
      endpoint: false,
      // An error's path carries list indexes: unbounded label values.
      labels: { path: false },
      metrics: {
        // The duration histogram says the same, and a summary cannot be aggregated across instances.
        graphql_envelop_request_time_summary: false,
        // The default labels the full URL, query string (and so variables) of a GET included.
        graphql_yoga_http_duration: createHistogram({
          registry,
          histogram: {
            name: 'graphql_yoga_http_duration',
            help: 'Time spent on HTTP connection',
            labelNames: ['operationName', 'operationType', 'method', 'statusCode'],
          },
          fillLabelsFn: (
            params: { operationName?: string; operationType?: string },
            context: { request: Request; response: Response },
          ) => ({
            operationName: boundedLabel(params.operationName),
            operationType: params.operationType ?? 'unknown',
            method: context.request.method,
            statusCode: context.response.status,
          }),
        }) as never,
        // Observed as soon as the document is parsed, before useBoundedOperationLabels runs.
        graphql_envelop_phase_parse: createHistogram({
          registry,
          histogram: {
            name: 'graphql_envelop_phase_parse',
            help: 'Time spent on running GraphQL "parse" function',
            labelNames: ['operationName', 'operationType'],
          },
          fillLabelsFn: (params: { operationName?: string; operationType?: string }) => ({
            operationName: boundedLabel(params.operationName),
            operationType: params.operationType ?? 'unknown',
          }),
        }) as never,
        graphql_gateway_subgraph_execute_duration: createHistogram({
          registry,
          histogram: {
            name: 'graphql_gateway_subgraph_execute_duration',
            help: 'Time spent on subgraph execution, by the client operation it serves',
            labelNames: ['subgraphName', 'operationName'],
          },
          fillLabelsFn: subgraphLabels,
        }) as never,
        graphql_gateway_subgraph_execute_errors: createCounter({
          registry,
          counter: {
            name: 'graphql_gateway_subgraph_execute_errors',
            help: 'Errors returned by subgraph execution, by the client operation it serves',
            labelNames: ['subgraphName', 'operationName'],
          },
          fillLabelsFn: subgraphLabels,
        }) as never,
      },
    }) as GatewayPlugin;
  }

  return {
    registry,
    /** The runtime plugins: operation names and trace ids (for logs and subgraphs) and Prometheus metrics. */
    plugins: (log: HiveLogger, traces?: RequestTraces): GatewayPlugin[] => [
      useOperationNames(traces),
      usePrometheusMetrics(log),
      useBoundedOperationLabels(),
    ],
    /** This gateway's metrics and the process's, in Prometheus text format. */
    metrics: () => metricsText([registry, metricsRegistry]),
    /**
     * Call for every request the runtime will see: gives it a request id (the client's when it is
     * well-formed; the runtime forwards it to subgraphs and echoes it) and writes the access line
     * once the response is done.
     */
    observe(req: http.IncomingMessage, res: http.ServerResponse): void {
      const clientRequestId = req.headers[REQUEST_ID_HEADER];
      const requestId =
        typeof clientRequestId === 'string' && isValidRequestId(clientRequestId) ? clientRequestId : randomUUID();
      req.headers[REQUEST_ID_HEADER] = requestId;
      const started = performance.now();
      // The line names its trace id; outside any span, the logger adds no other.
      res.once(
        'close',
        outsideTraces(() => {
          const access = accessByNodeRequest.get(req);
          options.logger?.info(
            {
              requestId,
              operationName: access?.operationName ?? ANONYMOUS_OPERATION,
              status: res.statusCode,
              durationMs: Math.round((performance.now() - started) * 10) / 10,
              subject: access?.subject,
              traceId: access?.traceId,
              ...(res.writableFinished ? {} : { aborted: true }),
            },
            'access',
          );
        }),
      );
    },
  };
}
