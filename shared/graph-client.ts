// A client for the mesh's own gateway. A domain that needs another domain's facts (campaigns
// building an audience from RFM segments and consent, say) asks the graph like any other client,
// never the other domain's database, so ownership and the gateway's error handling stay intact.
import { createHash } from 'node:crypto';
import { MeshError } from './errors.js';
import type { Logger } from './logger.js';
import { REQUEST_ID_HEADER } from './observability.js';
import { requestScope } from './request-scope.js';

export interface GraphClientOptions {
  /** The gateway's GraphQL endpoint, or a function giving it (tests learn the port only after start). */
  url: string | (() => string);
  timeoutMs: number;
  logger?: Logger;
  /** Identifies the calling service in the gateway's logs. */
  clientName: string;
  /** The service's access token for the gateway (its service identity); every request carries it. */
  token: () => Promise<string>;
  /**
   * Sends the registered document's id instead of its text (trusted documents); the operations
   * must be in the gateway's manifest (`npm run documents`).
   */
  sendDocumentIds?: boolean;
}

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

export interface GraphClient {
  /**
   * Runs one operation and returns its data. Any error in the response (even a partial one) or a
   * transport failure throws GRAPH_UNAVAILABLE: callers build snapshots and triggers, where a
   * silently missing field would mean a wrong audience or a wrong message.
   */
  request<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** Creates a client that POSTs operations to the gateway over HTTP. */
export function createGraphClient(options: GraphClientOptions): GraphClient {
  const urlOf = typeof options.url === 'function' ? options.url : () => options.url as string;
  return {
    async request<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
      const url = urlOf();
      // Inside a request (an audience build, say) the graph call carries that request's id and logs with it.
      const scope = requestScope.getStore();
      const logger = scope?.logger ?? options.logger;
      const operationName = /(?:query|mutation)\s+(\w+)/.exec(query)?.[1];
      const document = options.sendDocumentIds
        ? {
            extensions: {
              persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') },
            },
          }
        : { query };
      let body: { data?: T | null; errors?: GraphQLErrorBody[] };
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json, application/json',
            authorization: `Bearer ${await options.token()}`,
            'apollographql-client-name': options.clientName,
            ...(scope?.requestId ? { [REQUEST_ID_HEADER]: scope.requestId } : {}),
          },
          body: JSON.stringify({ ...document, variables, operationName }),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        body = (await response.json()) as typeof body;
      } catch (error) {
        logger?.warn({ url, operationName, err: error }, 'graph request failed');
        throw new MeshError('GRAPH_UNAVAILABLE', `the graph at ${url} did not answer: ${(error as Error).message}`, {
          operationName,
        });
      }
      if (body.errors?.length || !body.data) {
        const errors = (body.errors ?? []).map((e) => ({
          message: e.message,
          path: e.path,
          code: e.extensions?.code,
          subgraph: e.extensions?.subgraph,
        }));
        logger?.warn({ url, operationName, errors }, 'graph request returned errors');
        throw new MeshError(
          'GRAPH_UNAVAILABLE',
          `the graph answered ${operationName ?? 'an operation'} with errors: ${errors.map((e) => e.message).join('; ')}`,
          { operationName, errors },
        );
      }
      return body.data;
    },
  };
}
