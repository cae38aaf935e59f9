// What ties one request's log lines and metrics together across the gateway and the subgraphs.
import { randomUUID } from 'node:crypto';

/** Set by the gateway on every subgraph request (Hive's requestId); echoed to the client. */
export const REQUEST_ID_HEADER = 'x-request-id';
/** The client operation a subgraph request serves; the gateway's subgraph operations are anonymous. */
export const OPERATION_NAME_HEADER = 'x-mesh-operation-name';
/**
 * The same operation as a metric label: its name when it is a registered (trusted) document, else
 * `adhoc`, so callers inventing names cannot grow the number of series. Logs and the audit trail keep
 * the name; metrics use this.
 */
export const OPERATION_LABEL_HEADER = 'x-mesh-operation-label';
/** The name used when an operation has none (or none that can be trusted as a label). */
export const ANONYMOUS_OPERATION = 'anonymous';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,127}$/;
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/** Whether a caller's request id is safe to log and forward (short, no spaces or control characters). */
export function isValidRequestId(value: string | undefined): value is string {
  return value !== undefined && REQUEST_ID.test(value);
}

/** The incoming request id when it is well-formed, a fresh one otherwise. */
export function requestIdOf(header: string | undefined): string {
  return isValidRequestId(header) ? header : randomUUID();
}

/** The trace id of a W3C `traceparent` header, when it is well-formed. */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  const match = traceparent ? TRACEPARENT.exec(traceparent.trim()) : null;
  return match && !/^0+$/.test(match[1]) ? match[1] : undefined;
}

/** An operation name fit for a log field or metric label: a GraphQL name, or "anonymous". */
export function operationLabel(name: unknown): string {
  return typeof name === 'string' && GRAPHQL_NAME.test(name) ? name : ANONYMOUS_OPERATION;
}
