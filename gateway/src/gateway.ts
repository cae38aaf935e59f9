import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import http_transport from '@graphql-mesh/transport-http';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createGraphQLError, type ExecutionRequest } from '@graphql-tools/utils';
import { Kind, type ExecutionResult, type GraphQLFormattedError, type OperationDefinitionNode } from 'graphql';
import path from 'node:path';
import type { CryptoKey, JWK } from 'jose';
import {
  KEY_FILES,
  keyPairFromJwk,
  loadOrCreateKeyPair,
  PROOF_HEADER,
  signSubgraphProof,
  type KeyPair,
} from '../../shared/auth.js';
import { ConfigError } from '../../shared/config.js';
import { drainServer, readBodyWithin, sendJson } from '../../shared/http.js';
import type { Logger } from '../../shared/logger.js';
import {
  createTokenVerifier,
  fieldAccessRules,
  useEmptyOperationGuard,
  introspectionRule,
  useEdgeAuthentication,
  useSubgraphProofs,
  type ViewerRegistry,
} from './auth.js';
import { catalogueRoute, readCatalogueInputs } from './catalogue.js';
import { dataQualityBlocks, dataQualityOperation } from './data-quality-page.js';
import { CONSOLE_PATH, consoleRoute } from './console.js';
import { ROOT } from './compose.js';
import { DEFAULT_JOB_TIMEOUT_MS, JOB_MUTATIONS, type AuthConfig, type GatewayConfig } from './config.js';
import { operationLimitPlugins } from './limits/index.js';
import { createGatewayObservability } from './observability.js';
import { cacheAndMeasureQueryPlanning } from './query-planning.js';
import { createSubjectRateLimiter } from './rate-limit.js';
import { SubgraphDeadlineExceeded, useSubgraphDeadline } from './subgraph-deadline.js';
import { maskWithCodes, useWellFormedRequests } from './well-formed.js';
import { manifestFile, registeredOperationNames, useTrustedDocuments } from './trusted-documents.js';
import { EXAMPLE_QUERY } from './example-query.js';
import { supergraphFileSource } from './supergraph.js';

/**
 * Tags every error that came back from (or instead of) a subgraph with the subgraph's name and a
 * stable code, so a client can tell which domain failed while still using the rest of the data.
 * A subgraph that is down or too slow becomes an error on its fields, never a failed request.
 */
function useSubgraphErrorAttribution(logger?: Logger): GatewayPlugin {
  return {
    onSubgraphExecute({ subgraphName, executor, setExecutor }) {
      setExecutor((async (request: ExecutionRequest) => {
        let result: ExecutionResult | AsyncIterable<ExecutionResult>;
        try {
          result = (await executor(request)) as ExecutionResult | AsyncIterable<ExecutionResult>;
        } catch (err) {
          result = {
            errors: [
              createGraphQLError(err instanceof Error ? err.message : String(err), {
                originalError: err instanceof Error ? err : undefined,
              }),
            ],
          };
        }
        if (isAsyncIterable(result) || !result.errors?.length) return result;
        return {
          ...result,
          errors: result.errors.map((error) => {
            const transportFailure = classifyTransportFailure(error);
            if (transportFailure) {
              logger?.warn(
                { subgraph: subgraphName, operationName: request.operationName, err: error.message },
                'subgraph request failed',
              );
              return createGraphQLError(
                transportFailure === 'SUBGRAPH_TIMEOUT'
                  ? `The ${subgraphName} subgraph did not answer in time`
                  : `The ${subgraphName} subgraph is unavailable`,
                {
                  path: error.path,
                  extensions: { code: transportFailure, subgraph: subgraphName },
                },
              );
            }
            // The transport attaches the subgraph request it sent; clients do not need to see it.
            const {
              request: _request,
              serviceName: _serviceName,
              ...extensions
            } = (error.extensions ?? {}) as Record<string, unknown>;
            return createGraphQLError(error.message, {
              path: error.path,
              extensions: {
                ...extensions,
                code: extensions.code ?? 'DOWNSTREAM_SERVICE_ERROR',
                subgraph: subgraphName,
              },
            });
          }),
        };
      }) as unknown as Parameters<typeof setExecutor>[0]);
    },
  };
}

/**
 * Tells a subgraph that did not answer in time from one that could not be reached, by the error's
 * cause (the abort reason our deadline set, or the socket's error code), never by its message.
 */
export function classifyTransportFailure(error: unknown): 'SUBGRAPH_TIMEOUT' | 'SUBGRAPH_UNAVAILABLE' | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  let unreachable = false;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    if (current instanceof SubgraphDeadlineExceeded) return 'SUBGRAPH_TIMEOUT';
    const { code, extensions } = current as { code?: unknown; extensions?: { code?: unknown } };
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) unreachable = true;
    if (extensions?.code === 'SUBREQUEST_HTTP_ERROR') unreachable = true;
    current = (current as { originalError?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
  }
  return unreachable ? 'SUBGRAPH_UNAVAILABLE' : undefined;
}

/** Socket and fetch error codes that mean the subgraph could not be reached or dropped the connection. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
]);

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

export interface SubgraphStatus {
  name: string;
  url: string;
  ready: boolean;
  latencyMs: number;
  error?: string;
}

/** The keys the gateway needs: the local issuer's public key (development only) and its subgraph-proof key. */
export interface GatewayKeys {
  localIssuer?: CryptoKey;
  /** The local issuer's whole key pair (development only): the console's sign-in mints tokens with it. */
  localTokenIssuer?: KeyPair;
  subgraphProof: KeyPair;
}

/** Loads the gateway's keys from environment (production) or the local keys folder, creating local keys on first start. */
export async function loadGatewayKeys(auth: AuthConfig): Promise<GatewayKeys> {
  const subgraphProof = auth.proofPrivateKey
    ? await keyPairFromJwk(parsePrivateJwk(auth.proofPrivateKey), 'EdDSA')
    : await loadOrCreateKeyPair(path.join(auth.keysDir, KEY_FILES.subgraphProof), 'EdDSA');
  const localTokenIssuer = auth.production
    ? undefined
    : await loadOrCreateKeyPair(path.join(auth.keysDir, KEY_FILES.localIssuer), 'ES256');
  return { localIssuer: localTokenIssuer?.publicKey, localTokenIssuer, subgraphProof };
}

function parsePrivateJwk(text: string): JWK {
  try {
    return JSON.parse(text) as JWK;
  } catch {
    throw new ConfigError('gateway', [{ variable: 'GATEWAY_PROOF_PRIVATE_KEY', problem: 'not a JSON Web Key' }]);
  }
}

/** Builds the gateway runtime from a supergraph file and serves it with /health and per-subgraph /readiness. */
export async function createGateway(
  config: GatewayConfig,
  logger?: Logger,
  keys?: GatewayKeys,
  options: { edgeSecurity?: boolean } = {},
) {
  // Only the benchmark turns the edge off, to measure what it costs; there is no setting for it.
  const secured = options.edgeSecurity !== false;
  const supergraph = supergraphFileSource(config.supergraphPath, config.subgraphUrls, logger);
  const { auth, edge } = config;
  const { localIssuer, localTokenIssuer, subgraphProof } = keys ?? (await loadGatewayKeys(auth));
  const verify = createTokenVerifier(auth, localIssuer);
  const viewers: ViewerRegistry = new WeakMap();
  const manifest = manifestFile(path.resolve(ROOT, edge.trustedDocumentsPath), logger);
  const observability = createGatewayObservability({
    viewers,
    logger,
    registeredOperationNames: () => registeredOperationNames(manifest.current()),
  });
  cacheAndMeasureQueryPlanning();
  // Loaded only when tracing, like the SDK (shared/tracing.ts).
  const openTelemetry = config.tracing ? await import('@graphql-hive/plugin-opentelemetry') : undefined;
  const rateLimiter = createSubjectRateLimiter(edge.rateLimit, logger);
  // Updated in place when a new supergraph version starts serving (a subgraph added or moved).
  const subgraphByUrl = new Map<string, string>();
  const learnSubgraphs = (urls: Record<string, string>) => {
    subgraphByUrl.clear();
    for (const [name, url] of Object.entries(urls)) subgraphByUrl.set(url, name);
  };
  learnSubgraphs(supergraph.served().subgraphUrls);
  const graphqlEndpoint = '/graphql';
  const healthCheckEndpoint = '/healthcheck';
  const openPaths = [healthCheckEndpoint];

  const pollMs = config.supergraphPollMs ?? 0;
  const runtime = createGatewayRuntime({
    // Read again every pollMs: a new composition is served without a restart, atomically; a file that
    // does not build is logged and the previous version keeps serving (see supergraphFileSource).
    supergraph: supergraph.load,
    pollingInterval: pollMs > 0 ? pollMs : undefined,
    // Operations admitted under the previous version finish on it; only new ones see the new one.
    gracefulSchemaReload: { drainTimeout: Math.max(config.drainTimeoutMs ?? 0, 10_000) },
    unifiedGraphHandler,
    transports: { http: http_transport },
    graphqlEndpoint,
    healthCheckEndpoint,
    // GraphiQL is rendered from the bundled assets, so it works without internet access; its header
    // editor starts with the Authorization header a token is pasted into. Off in production; in
    // development the page (about 9 MB with its bundled editor) is rendered once, since anyone may load it.
    graphiql: auth.production
      ? false
      : {
          title: 'mesh360',
          defaultQuery: EXAMPLE_QUERY,
          headers: JSON.stringify({ Authorization: 'Bearer <paste the output of: npm run token>' }, null, 2),
        },
    renderGraphiQL: renderGraphiQLOnce(),
    landingPage: false,
    logging: config.logLevel === 'silent' ? false : (config.logLevel as 'info'),
    // Batched requests would multiply every per-request limit below; one operation per request.
    batching: false,
    cors: (request: Request) => {
      const origin = request.headers.get('origin');
      if (!origin || !edge.corsOrigins.includes(origin)) return false;
      return {
        origin: [origin],
        credentials: true,
        allowedHeaders: ['authorization', 'content-type', 'x-purpose'],
        methods: ['GET', 'POST'],
        maxAge: 600,
      };
    },
    genericAuth: secured ? (fieldAccessRules(viewers) as never) : undefined,
    disableIntrospection: secured ? (introspectionRule(viewers, auth.production) as never) : undefined,
    maskedErrors: { maskError: maskWithCodes },
    plugins: (context) => {
      // Hive's OpenTelemetry plugin (HTTP, operation, subgraph and fetch spans; traceparent on every
      // subgraph request) on the tracer provider the entry point registered; absent when not tracing.
      const tracing = openTelemetry?.useOpenTelemetry({ ...context, traces: true });
      return [
        {
          onSchemaChange() {
            const served = supergraph.promoted();
            if (served) learnSubgraphs(served.subgraphUrls);
          },
        } as GatewayPlugin,
        ...(tracing ? [tracing as GatewayPlugin] : []),
        ...observability.plugins(context.log, tracing),
        useWellFormedRequests(openPaths),
        ...(secured
          ? [
              useEdgeAuthentication({
                verify,
                viewers,
                openPaths,
                rateLimit: (subject) => rateLimiter.consume(subject),
              }),
              useTrustedDocuments({ manifest: manifest.current, viewers, production: auth.production }),
              useEmptyOperationGuard(),
              ...operationLimitPlugins({ blockSuggestions: auth.production }),
              useSubgraphProofs({ key: subgraphProof, subgraphByUrl, viewers }),
            ]
          : []),
        // A job mutation (RFM refresh, model fit, rule mining, audience build) legitimately runs for
        // minutes on large data; every other subgraph request keeps the short timeout.
        useSubgraphDeadline((request) =>
          isJobMutation(request) ? (config.jobTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS) : config.subgraphTimeoutMs,
        ),
        useSubgraphErrorAttribution(logger),
      ];
    },
  });

  /** Asks every subgraph for `{ __typename }` within the timeout; the gateway is ready when all answer. */
  async function checkSubgraphs(): Promise<SubgraphStatus[]> {
    return Promise.all(
      Object.entries(supergraph.served().subgraphUrls).map(async ([name, url]) => {
        const started = performance.now();
        try {
          const probe = JSON.stringify({ query: '{ __typename }' });
          const proof = signSubgraphProof(subgraphProof, name, probe, { subject: 'gateway:readiness', scopes: [] });
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [PROOF_HEADER]: proof },
            body: probe,
            signal: AbortSignal.timeout(Math.min(config.subgraphTimeoutMs, 3000)),
          });
          const body = (await response.json()) as { data?: { __typename?: string }; errors?: GraphQLFormattedError[] };
          const ready = response.ok && body.data?.__typename === 'Query';
          return {
            name,
            url,
            ready,
            latencyMs: Math.round(performance.now() - started),
            error: ready ? undefined : `HTTP ${response.status}`,
          };
        } catch (err) {
          return {
            name,
            url,
            ready: false,
            latencyMs: Math.round(performance.now() - started),
            error: err instanceof Error ? err.message : String(err),
          };
        }
      }),
    );
  }

  // The runtime polls when asked for its schema; ask it on a timer too, so a new version loads (and is
  // logged) even when no request comes. The trusted-documents manifest is re-read on the same beat.
  const poller =
    pollMs > 0
      ? setInterval(
          () => {
            Promise.resolve(runtime.getSchema()).catch(() => undefined);
            manifest.reload();
          },
          Math.max(100, pollMs / 2),
        ).unref()
      : undefined;

  // The catalogue describes the graph this gateway serves: its supergraph and its trusted documents.
  const serveCatalogue = catalogueRoute({
    verify,
    inputs: () =>
      readCatalogueInputs(ROOT, { supergraphSdl: supergraph.served().sdl, documents: manifest.current().documents }),
    rateLimit: secured ? (subject) => rateLimiter.consume(subject) : undefined,
    // Through the runtime, with the reader's token: the page shows what Query.dataQuality shows them.
    dataQuality: async (authorization) => {
      try {
        const response = await runtime.fetch(`http://gateway${graphqlEndpoint}`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ query: dataQualityOperation(supergraph.served().sdl) }),
        });
        return dataQualityBlocks(await response.json());
      } catch (err) {
        return dataQualityBlocks({ errors: [{ message: err instanceof Error ? err.message : String(err) }] });
      }
    },
  });

  // The marketing console; its token mint exists only in development, never in production mode.
  const serveConsole = consoleRoute({
    distDir: path.join(ROOT, 'console', 'dist'),
    localTokenIssuer: auth.production ? undefined : localTokenIssuer,
    issuer: auth.issuer,
    audience: auth.audience,
  });

  let draining = false;
  const server = http.createServer({ maxHeaderSize: edge.maxHeaderBytes }, (req, res) => {
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname === '/health') return sendJson(res, 200, { status: 'ok' });
    if (pathname === '/metrics') {
      observability.metrics().then(({ contentType, body }) => {
        res.writeHead(200, { 'content-type': contentType });
        res.end(body);
      });
      return;
    }
    if (pathname === '/catalogue') {
      serveCatalogue(req, res).catch((err) => {
        logger?.error({ err }, 'catalogue failed');
        if (!res.headersSent)
          sendJson(res, 500, {
            errors: [{ message: 'The catalogue could not be rendered', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
          });
      });
      return;
    }
    if (pathname === CONSOLE_PATH || pathname.startsWith(`${CONSOLE_PATH}/`)) {
      serveConsole(req, res, pathname).catch((err) => {
        logger?.error({ err }, 'console request failed');
        if (!res.headersSent)
          sendJson(res, 500, {
            errors: [{ message: 'The console could not be served', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
          });
        else res.destroy();
      });
      return;
    }
    if (pathname === '/readiness' || pathname === '/ready') {
      // Ready means this gateway can serve: its supergraph is loaded and it is not draining. A
      // subgraph that is down is reported, but does not take the gateway out of rotation: the
      // gateway still answers the rest of every query, and another replica would fare no better.
      checkSubgraphs().then((subgraphs) => {
        const { version, since } = supergraph.served();
        sendJson(res, draining ? 503 : 200, {
          status: draining ? 'draining' : 'ready',
          supergraph: { version, since: since.toISOString() },
          subgraphs,
        });
      });
      return;
    }
    // CORS headers depend on the Origin, so a shared cache must not hand one origin's answer to another.
    res.setHeader('vary', 'Origin');
    if (pathname === '/') {
      res.writeHead(302, { location: '/graphql' });
      res.end();
      return;
    }
    // The runtime also answers GraphQL at variants of its endpoint (/graphql/, /x/graphql); only
    // the endpoint itself and the runtime's health check reach it.
    if (pathname !== graphqlEndpoint && pathname !== healthCheckEndpoint) {
      return sendJson(res, 404, {
        errors: [
          {
            message: `Nothing is served at ${pathname.slice(0, 200)}; the GraphQL endpoint is ${graphqlEndpoint}`,
            extensions: { code: 'NOT_FOUND' },
          },
        ],
      });
    }
    observability.observe(req, res);
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return runtime(req, res);
    // A declared Content-Length over the limit is refused before anything is read.
    const declaredTooLarge = Number(req.headers['content-length'] ?? 0) > edge.maxBodyBytes;
    (declaredTooLarge ? Promise.resolve('too-large' as const) : readBodyWithin(req, edge.maxBodyBytes)).then((body) => {
      if (body === 'too-large') {
        res.setHeader('connection', 'close');
        sendJson(res, 413, {
          errors: [
            {
              message: `The request body exceeds ${edge.maxBodyBytes} bytes`,
              extensions: { code: 'PAYLOAD_TOO_LARGE' },
            },
          ],
        });
        req.destroy();
        return;
      }
      // The runtime reads an already-consumed body from req.body (as under body-parsing frameworks).
      if (body.length > 0) (req as http.IncomingMessage & { body?: Buffer }).body = body;
      runtime(req, res);
    });
  });

  return {
    runtime,
    get subgraphUrls() {
      return supergraph.served().subgraphUrls;
    },
    /** The supergraph version serving now, and since when. */
    supergraph: () => supergraph.served(),
    checkSubgraphs,
    async listen(): Promise<{ url: string; port: number }> {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => resolve());
      });
      const { port } = server.address() as AddressInfo;
      const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
      const url = `http://${host}:${port}/graphql`;
      logger?.info({ url }, 'gateway listening');
      return { url, port };
    },
    /**
     * Drains, then stops: readiness turns false, no new connection is accepted, requests in flight
     * finish (for at most the drain timeout, after which their connections are cut).
     */
    async close(options: { drainTimeoutMs?: number } = {}): Promise<{ timedOut: boolean }> {
      draining = true;
      clearInterval(poller);
      const drained = await drainServer(server, options.drainTimeoutMs ?? config.drainTimeoutMs ?? 0);
      await runtime.dispose();
      await rateLimiter.close();
      return drained;
    },
  };
}

/** GraphiQL's page depends only on the options, which are fixed: render it the first time it is asked for. */
function renderGraphiQLOnce(): typeof renderGraphiQL {
  let page: ReturnType<typeof renderGraphiQL> | undefined;
  return (options) => (page ??= renderGraphiQL(options));
}

/** Whether a subgraph request is a mutation whose root fields include an analytics job. */
export function isJobMutation(request: ExecutionRequest | undefined): boolean {
  const operation = request?.document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operation?.operation !== 'mutation') return false;
  return operation.selectionSet.selections.some(
    (selection) => selection.kind === Kind.FIELD && (JOB_MUTATIONS as readonly string[]).includes(selection.name.value),
  );
}
