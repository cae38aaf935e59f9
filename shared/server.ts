import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { Kind, type ASTNode, type GraphQLFormattedError, type DocumentNode } from 'graphql';
import { PROOF_HEADER, ProofError, type ProofVerifier, type Viewer } from './auth.js';
import { errorCodeOf, isDatabaseUnavailable } from './db-errors.js';
import { BadUserInputError } from './errors.js';
import { drainServer, sendJson } from './http.js';
import { findUnsafeId, inputPathAt } from './id-inputs.js';
import { accessLogPlugin } from './audit/recorder.js';
import { SHARED_SCALARS } from './scalars.js';
import type { Logger } from './logger.js';
import { metricsText, subgraphErrors, subgraphRequestDuration } from './metrics.js';
import {
  ANONYMOUS_OPERATION,
  OPERATION_LABEL_HEADER,
  OPERATION_NAME_HEADER,
  operationLabel,
  REQUEST_ID_HEADER,
  requestIdOf,
} from './observability.js';
import { endServerSpan, inCurrentTraceContext, withServerSpan, type Span } from './tracing.js';
import { requestLogger, requestScope, type RequestScope } from './request-scope.js';

/** Builds an Apollo subgraph server from SDL and resolvers; unexpected errors are logged and masked. */
export function createSubgraphApollo<C extends BaseContext>(options: {
  name: string;
  typeDefs: DocumentNode;
  /**
   * Apollo's resolver map, or a map typed by a subgraph's generated resolvers-types.ts (`npm run codegen`),
   * whose __resolveReference has the (reference, context, info) signature @apollo/subgraph calls it with.
   */
  resolvers: GraphQLResolverMap<C> | Record<string, object>;
  logger?: Logger;
  plugins?: ApolloServerPlugin<C>[];
  /** Only the access-log benchmark turns recording off, to measure what it costs; there is no setting for it. */
  recordAccess?: boolean;
}): ApolloServer<C> {
  // Every shared scalar the SDL declares gets its one implementation from shared/scalars.ts.
  const declared = new Set(
    options.typeDefs.definitions.flatMap((definition) =>
      definition.kind === Kind.SCALAR_TYPE_DEFINITION ? [definition.name.value] : [],
    ),
  );
  const scalars = Object.fromEntries(Object.entries(SHARED_SCALARS).filter(([scalar]) => declared.has(scalar)));
  return new ApolloServer<C>({
    schema: buildSubgraphSchema({
      typeDefs: options.typeDefs,
      resolvers: { ...scalars, ...options.resolvers } as GraphQLResolverMap<unknown>,
    }),
    includeStacktraceInErrorResponses: false,
    // runSubgraph owns shutdown (HTTP, then Apollo, then the database); Apollo's own signal
    // handlers would race it and leave stop() waiting.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      countErrors(options.name),
      refuseBadInputs<C>(),
      // Reads of personal fields and every mutation leave a row in the domain's access log.
      ...(options.recordAccess === false ? [] : [accessLogPlugin<C>(options.typeDefs)]),
      ...(options.plugins ?? []),
    ],
    formatError: (formatted: GraphQLFormattedError, error: unknown) => {
      const logger = requestLogger(options.logger);
      const code = formatted.extensions?.code;
      // A shared scalar refused an inline value: graphql-js files that under validation, but it is bad input.
      if (code === 'GRAPHQL_VALIDATION_FAILED' && typeof formatted.extensions?.scalar === 'string')
        return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
      if (code && code !== 'INTERNAL_SERVER_ERROR') return formatted;
      if (isDatabaseUnavailable(error)) {
        // An outage, not a bug: the pool logs it once and reconnects; the client may retry.
        logger?.debug(
          {
            subgraph: options.name,
            code: errorCodeOf((error as { originalError?: unknown })?.originalError ?? error),
            path: formatted.path,
          },
          'database unavailable',
        );
        return {
          ...formatted,
          message: `The ${options.name} subgraph cannot reach its database; retry later`,
          extensions: { code: 'SERVICE_UNAVAILABLE' },
        };
      }
      // Anything else without a stable code is a bug: log it whole, tell the client little.
      logger?.error(
        {
          subgraph: options.name,
          err: (error as { originalError?: unknown })?.originalError ?? error,
          path: formatted.path,
        },
        'resolver failed',
      );
      return {
        ...formatted,
        message: `Internal error in the ${options.name} subgraph`,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    },
  });
}

/**
 * Bad input answers BAD_USER_INPUT naming the argument: an ID that is empty, over-long or unsafe (see
 * id-inputs.ts) is refused before any resolver runs, and a shared scalar refusing an inline literal
 * (which graphql-js reports as a validation error) gets the argument path it was given at.
 */
function refuseBadInputs<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async validationDidStart({ document }) {
          return async (errors) => {
            // Duck-typed: these errors come from graphql's CommonJS build (see id-inputs.ts).
            for (const error of (errors ?? []) as unknown as {
              message: string;
              nodes?: readonly ASTNode[];
              extensions?: Record<string, unknown>;
            }[]) {
              const node = error.nodes?.[0];
              if (typeof error.extensions?.scalar !== 'string' || !node) continue;
              const argumentName = inputPathAt(document, node);
              if (!argumentName) continue;
              error.message = `${argumentName}: ${error.message}`;
              error.extensions.argumentName = argumentName;
            }
          };
        },
        async didResolveOperation({ schema, document, request }) {
          const unsafe = findUnsafeId(schema, document, request.variables ?? {});
          if (unsafe) throw new BadUserInputError(`${unsafe.path} ${unsafe.reason}`, { argumentName: unsafe.path });
        },
      };
    },
  };
}

/** Counts the errors of every response by their stable code (after formatError), for the access log and /metrics. */
function countErrors<C extends BaseContext>(subgraph: string): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const scope = requestScope.getStore();
          if (scope) scope.errorCount = errors.length;
          for (const error of errors) {
            const code =
              typeof error.extensions?.code === 'string' && /^[A-Z_]{1,64}$/.test(error.extensions.code)
                ? error.extensions.code
                : 'OTHER';
            subgraphErrors().inc({ subgraph, operation: scope?.metricOperation ?? ANONYMOUS_OPERATION, code });
          }
        },
      };
    },
  };
}

/** How long close() lets in-flight requests finish before it cuts their connections. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

export interface RunningServer {
  url: string;
  port: number;
  /**
   * Drains: /ready answers 503, no new connections are accepted, requests in flight finish
   * (connections still open after `drainTimeoutMs` are cut), idle keep-alive connections close.
   */
  close(options?: { drainTimeoutMs?: number }): Promise<{ timedOut: boolean }>;
}

/**
 * Serves a started ApolloServer over plain node:http: POST/GET `/graphql`, plus `/health`
 * (liveness), `/ready` (readiness: `isReady` must resolve, e.g. a `select 1`) and `/metrics`
 * (Prometheus). Every GraphQL request gets one access-log line.
 */
export async function listen<C extends BaseContext>(options: {
  /** The subgraph's name, on its access log lines and metrics. */
  name?: string;
  apollo: ApolloServer<C>;
  context: () => Promise<C> | C;
  isReady: () => Promise<void>;
  /** Checks the gateway's proof on every GraphQL request; health endpoints stay open. */
  verifyProof: ProofVerifier;
  host?: string;
  port: number;
  logger?: Logger;
  /** Extra GET endpoints by path (e.g. the no-broker event log at /events); they do their own access checks. */
  routes?: Record<string, (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<void>>;
}): Promise<RunningServer> {
  const { apollo } = options;
  const subgraph = options.name ?? 'subgraph';
  let draining = false;
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      options.logger?.error({ err }, 'request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
        }),
      );
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok' });
    if (url.pathname === '/ready') {
      if (draining) return sendJson(res, 503, { status: 'draining' });
      try {
        await options.isReady();
        return sendJson(res, 200, { status: 'ready' });
      } catch (err) {
        return sendJson(res, 503, { status: 'unavailable', reason: err instanceof Error ? err.message : String(err) });
      }
    }
    if (url.pathname === '/metrics') {
      const metrics = await metricsText();
      res.writeHead(200, { 'content-type': metrics.contentType });
      res.end(metrics.body);
      return;
    }
    if (options.routes && Object.hasOwn(options.routes, url.pathname))
      return options.routes[url.pathname](req, res, url);
    if (url.pathname !== '/graphql' && url.pathname !== '/') return sendJson(res, 404, { error: 'not found' });
    // One server span per GraphQL request, child of the gateway's subgraph fetch; the SQL it runs
    // becomes its children (shared/db.ts). A no-op when tracing is off.
    return withServerSpan(
      `${req.method} /graphql`,
      req.headers,
      { 'http.request.method': req.method ?? '', 'url.path': url.pathname, 'mesh360.subgraph': subgraph },
      (span, untracedTraceId) => serveGraphQL(req, res, url, span, untracedTraceId),
    );
  }

  async function serveGraphQL(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    span: Span,
    untracedTraceId: string | undefined,
  ) {
    // The gateway's request id and the client operation it serves go on every log line of this
    // request (through the request scope's logger) and on its access line; the trace id comes
    // from the active span (the logger's mixin), or from the caller's traceparent when not tracing.
    const started = performance.now();
    const requestId = requestIdOf(headerValue(req.headers[REQUEST_ID_HEADER]));
    const log = options.logger?.child({
      subgraph,
      requestId,
      ...(untracedTraceId ? { traceId: untracedTraceId } : {}),
    });
    const access: { operationName: string; subject?: string; errorCount?: number } = {
      operationName: operationLabel(headerValue(req.headers[OPERATION_NAME_HEADER])),
    };
    // Metrics take the gateway's bounded label, never a name a caller chose.
    const metricOperation = operationLabel(headerValue(req.headers[OPERATION_LABEL_HEADER]));
    res.once(
      'close',
      inCurrentTraceContext(() => {
        const durationMs = Math.round((performance.now() - started) * 10) / 10;
        subgraphRequestDuration().observe(
          { subgraph, operation: metricOperation, status: String(res.statusCode) },
          durationMs / 1000,
        );
        log?.info(
          {
            operationName: access.operationName,
            status: res.statusCode,
            durationMs,
            subject: access.subject,
            errors: access.errorCount,
            ...(res.writableFinished ? {} : { aborted: true }),
          },
          'access',
        );
        endServerSpan(span, res.statusCode, {
          'graphql.operation.name': access.operationName,
          'mesh360.graphql.error_count': access.errorCount ?? 0,
          ...(res.writableFinished ? {} : { 'mesh360.aborted': true }),
        });
      }),
    );
    // The body is read (up to its limit) before any refusal: answering while a client is still
    // uploading makes it see a reset instead of the coded refusal.
    const text = await readBody(req);
    // Only the gateway talks to a subgraph, and it always POSTs: a GET could not carry a body hash.
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return sendJson(res, 405, {
        errors: [
          {
            message: 'Subgraphs accept only POST requests from the gateway',
            extensions: { code: 'METHOD_NOT_ALLOWED' },
          },
        ],
      });
    }

    const proof = headerValue(req.headers[PROOF_HEADER]);
    const refuse = (err: unknown) => {
      if (!(err instanceof ProofError)) throw err;
      log?.warn(
        { reason: err.message, remoteAddress: req.socket.remoteAddress },
        'refused a request without a valid gateway proof',
      );
      sendJson(res, err.status, {
        errors: [{ message: err.message, extensions: { code: err.status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN' } }],
      });
    };
    if (text === undefined)
      return sendJson(res, 413, {
        errors: [
          { message: `Request body exceeds ${MAX_BODY_BYTES} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } },
        ],
      });
    let viewer: Viewer;
    try {
      viewer = await options.verifyProof(proof, text);
    } catch (err) {
      return refuse(err);
    }
    access.subject = viewer?.subject;
    let body: unknown;
    try {
      body = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      return sendJson(res, 400, {
        errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
      });
    }
    if (access.operationName === ANONYMOUS_OPERATION)
      access.operationName = operationLabel((body as { operationName?: unknown } | undefined)?.operationName);
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    // When the gateway gives up (timeout, its client gone) it closes the connection: abort, so the
    // request's next SQL statement is never started.
    const abandoned = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) abandoned.abort();
    };
    res.once('close', onClose);
    const scope: RequestScope = {
      signal: abandoned.signal,
      viewer,
      requestId,
      operationName: access.operationName,
      metricOperation,
      logger: log,
    };
    const response = await requestScope.run(scope, () =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: 'POST', headers, search: url.search, body },
        context: async () => ({ ...(await options.context()), viewer }),
      }),
    );
    access.errorCount = scope.errorCount;
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  return {
    url: `http://${host}:${port}/graphql`,
    port,
    close: async ({ drainTimeoutMs = DEFAULT_DRAIN_TIMEOUT_MS } = {}) => {
      draining = true;
      return drainServer(server, drainTimeoutMs);
    },
  };
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** The request body as text, or undefined when it is larger than the limit. */
async function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
