// The gateway's subgraph timeout, without a listener per request on a process-lifetime signal.
//
// Hive's upstreamTimeout hands each subgraph request a signal; @graphql-tools/executor-http then
// combines it with the executor's own dispose signal (which lives as long as the process) through
// @graphql-hive/signal's abortSignalAny, which adds an abort listener to that long-lived signal and
// removes it only after garbage collection. Under load the list grows to thousands (Node warns past
// ten), every addEventListener scans it, and a collection removes thousands in one tick: a large
// part of the gateway's latency tail. Here the executor gets no request signal, so it uses its
// dispose signal alone (no combination, no listener); each fetch instead gets a fresh signal of its
// own that aborts on the deadline or when the client goes away, and whose listeners are removed
// when the fetch settles.
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { ExecutionRequest } from '@graphql-tools/utils';

/** Why a subgraph fetch was aborted: the deadline passed. Classified by type, never by message text. */
export class SubgraphDeadlineExceeded extends Error {
  override readonly name = 'SubgraphDeadlineExceeded';
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

/** Why a subgraph fetch was aborted: the client that asked is gone. */
export class ClientGone extends Error {
  override readonly name = 'ClientGone';
  constructor() {
    super('the client closed the request');
  }
}

/** Aborts each subgraph fetch after `timeoutFor(request)` ms, or as soon as the client's request is aborted. */
export function useSubgraphDeadline(timeoutFor: (request: ExecutionRequest | undefined) => number): GatewayPlugin {
  return {
    onFetch({ options, setOptions, executionRequest, context }) {
      if (!executionRequest) return; // the gateway's own fetches (none with a static supergraph)
      const timeoutMs = timeoutFor(executionRequest);
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new SubgraphDeadlineExceeded(timeoutMs)), timeoutMs);
      timer.unref();
      const clientSignal = (context as { request?: Request }).request?.signal;
      const onClientGone = () => controller.abort(new ClientGone());
      if (clientSignal?.aborted) onClientGone();
      else clientSignal?.addEventListener('abort', onClientGone, { once: true });
      setOptions({ ...options, signal: controller.signal });
      const settle = () => {
        clearTimeout(timer);
        clientSignal?.removeEventListener('abort', onClientGone);
      };
      // The done hook runs when the response headers arrive; a subgraph sends its whole JSON body
      // right after, so the deadline covers the wait that matters.
      return () => settle();
    },
    onSubgraphExecute({ executionRequest, setExecutionRequest }) {
      // Keep the request's own signal out of executor-http's signal combination (see above).
      if (executionRequest.signal || executionRequest.info?.signal) {
        setExecutionRequest({
          ...executionRequest,
          signal: undefined,
          info: executionRequest.info ? { ...executionRequest.info, signal: undefined } : undefined,
        } as ExecutionRequest);
      }
    },
  } as GatewayPlugin;
}
