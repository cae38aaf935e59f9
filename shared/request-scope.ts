// The request a subgraph is serving, reachable from any code it calls (repositories included)
// without threading it through every signature: who asked, and whether anyone still waits.
import { AsyncLocalStorage } from 'node:async_hooks';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { Viewer } from './auth.js';
import { MeshError } from './errors.js';
import type { Logger } from './logger.js';

export interface RequestScope {
  /** Aborted when the caller (the gateway) stops waiting: it timed out or its client went away. */
  signal: AbortSignal;
  viewer?: Viewer;
  /** The gateway's request id for this request (or a fresh one when it came without). */
  requestId?: string;
  /** The client operation this request serves (a valid GraphQL name or `anonymous`): logs and the audit trail. */
  operationName?: string;
  /** The same operation as a bounded metric label (see OPERATION_LABEL_HEADER). */
  metricOperation?: string;
  /** The service logger with this request's ids on every line. */
  logger?: Logger;
  /** How many errors the response carried; set once Apollo has answered. */
  errorCount?: number;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

/** The current request's logger (carrying its request id), or `fallback` outside a request. */
export function requestLogger(fallback?: Logger): Logger | undefined {
  return requestScope.getStore()?.logger ?? fallback;
}

/**
 * Refuses to start another SQL statement for a request nobody waits for any more, so a query the
 * gateway gave up on stops at its next statement instead of fanning out to completion.
 */
export class StopWhenRequestAbandoned implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (requestScope.getStore()?.signal.aborted) {
      throw new MeshError(
        'REQUEST_ABORTED',
        'the request was abandoned by its caller; no further statements run for it',
      );
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
