// Requests the gateway cannot serve are answered with a coded error, never a 500 or an empty body:
// a body that is not JSON, a query that is not a string, a subscription (no subscription transport
// yet), and errors graphql-js raises without a code (variables that cannot be coerced).
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { createGraphQLError } from '@graphql-tools/utils';
import { maskError } from 'graphql-yoga';
import {
  Kind,
  type ASTNode,
  type ASTVisitor,
  type GraphQLError,
  type OperationDefinitionNode,
  type ValidationContext,
} from 'graphql';

/** What GraphQL over HTTP bodies are sent as. */
const JSON_MEDIA_TYPES = new Set([
  'application/json',
  'application/graphql-response+json',
  'application/graphql+json',
  'application/graphql',
]);

/** An answer the edge gives before GraphQL runs: one coded error, as JSON. */
export const errorResponse = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });

/** The optional header a client states its purpose in; it reaches the subgraphs' access logs (signed). */
export const PURPOSE_HEADER = 'x-purpose';
export const PURPOSE_PATTERN = /^[\p{L}\p{N} _.:/-]{1,100}$/u;

/** Refuses malformed requests to the GraphQL endpoint before they are parsed. */
export function useWellFormedRequests(openPaths: readonly string[]): GatewayPlugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (openPaths.includes(url.pathname)) return;
      const purpose = request.headers.get(PURPOSE_HEADER);
      if (purpose !== null && !PURPOSE_PATTERN.test(purpose)) {
        endResponse(
          errorResponse(
            400,
            'BAD_REQUEST',
            `The ${PURPOSE_HEADER} header names why personal data is read: 1 to 100 letters, digits, spaces or _ . : / -`,
          ),
        );
        return;
      }
      if (request.method === 'GET') {
        for (const name of ['variables', 'extensions']) {
          const value = url.searchParams.get(name);
          if (value === null) continue;
          try {
            JSON.parse(value);
          } catch {
            endResponse(errorResponse(400, 'BAD_REQUEST', `The ${name} parameter is not valid JSON`));
            return;
          }
        }
        return;
      }
      if (request.method !== 'POST') return;
      const mediaType = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
      if (!JSON_MEDIA_TYPES.has(mediaType)) {
        endResponse(
          errorResponse(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the operation as JSON: Content-Type: application/json'),
        );
      }
    },
    onParams({ params }) {
      if (params.query !== undefined && params.query !== null && typeof params.query !== 'string') {
        throw createGraphQLError('"query" must be a string', {
          extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
        });
      }
      // Yoga caches parse results by the query's text: a flood of long distinct texts would fill
      // that cache with megabytes each. No registered operation comes near this length.
      if (typeof params.query === 'string' && params.query.length > MAX_QUERY_LENGTH) {
        throw createGraphQLError(`The query is longer than ${MAX_QUERY_LENGTH} characters`, {
          extensions: { code: 'QUERY_TOO_LONG', http: { status: 400 } },
        });
      }
      // Coercion walks variables recursively: a deeply nested value would exhaust the stack.
      if (nestingDepth(params.variables, MAX_VARIABLE_DEPTH) > MAX_VARIABLE_DEPTH) {
        throw createGraphQLError(`Variables are nested deeper than ${MAX_VARIABLE_DEPTH} levels`, {
          extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
        });
      }
    },
    onValidate({ addValidationRule }) {
      addValidationRule(
        (context: ValidationContext): ASTVisitor => ({
          // The runtime answers introspection itself only when __schema / __type sit directly at the
          // root of an operation that asks for nothing else; anywhere else they would reach the
          // query planner, which cannot plan them (a 500), or be answered without the subgraphs.
          Field(node, _key, _parent, _path, ancestors) {
            if (node.name.value !== '__schema' && node.name.value !== '__type') return;
            const operation = ancestors[ancestors.length - 2] as ASTNode | undefined;
            const atOperationRoot =
              operation !== undefined && !Array.isArray(operation) && 'kind' in operation
                ? operation.kind === Kind.OPERATION_DEFINITION
                : false;
            const alone =
              atOperationRoot &&
              (operation as OperationDefinitionNode).selectionSet.selections.every(
                (selection) => selection.kind === Kind.FIELD && selection.name.value.startsWith('__'),
              );
            if (!alone)
              context.reportError(
                createGraphQLError(
                  `Ask for ${node.name.value} directly at the root of an operation that asks for nothing else (introspection cannot be spread from a fragment or mixed with data)`,
                  { nodes: [node], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
                ) as GraphQLError,
              );
          },
          OperationDefinition(node) {
            if (node.operation === 'subscription') {
              context.reportError(
                createGraphQLError('Subscriptions are not served by this gateway yet', {
                  nodes: [node],
                  extensions: { code: 'SUBSCRIPTIONS_NOT_SUPPORTED' },
                }) as GraphQLError,
              );
            }
          },
          // GraphQL lets an ID be written as an integer literal of any length; the query planner
          // reads integer literals as 64-bit numbers and fails on longer ones. Past 2^53 a number
          // is not exact anywhere in the mesh anyway: such an ID must be sent as a string.
          IntValue(node) {
            if (!Number.isSafeInteger(Number(node.value))) {
              context.reportError(
                createGraphQLError(`The integer ${node.value.slice(0, 40)} is too large; send it as a string`, {
                  nodes: [node],
                  extensions: { code: 'BAD_USER_INPUT' },
                }) as GraphQLError,
              );
            }
          },
        }),
      );
      // Yoga caches parse and validation results; an error keeps V8's raw stack trace, which pins
      // the request it was raised in until the stack is formatted. Formatting it now lets a flood of
      // distinct invalid documents cost their messages, not their requests.
      return ({ result }) => {
        for (const error of result) void error.stack;
      };
    },
    onParse() {
      return ({ result }) => {
        if (result instanceof Error) void result.stack;
      };
    },
  } as GatewayPlugin;
}

/** The longest README query is about 1,000 characters; the full introspection query about 1,700. */
const MAX_QUERY_LENGTH = 16_384;

/** Deeper than any input type of the schema nests (an audience rule is the deepest, at 3). */
const MAX_VARIABLE_DEPTH = 16;

/** How deep arrays and objects nest in a JSON value, counting stops once past `limit` (iteratively, so the check itself cannot overflow). */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > deepest) deepest = depth + 1;
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Yoga's masking (unexpected errors become INTERNAL_SERVER_ERROR), plus a code on the errors graphql-js raises without one: those are the caller's input. */
export function maskWithCodes(error: unknown, message: string, isDev?: boolean): Error {
  const masked = maskError(error, message, isDev) as GraphQLError;
  if (masked.extensions?.code) return masked;
  return createGraphQLError(masked.message, {
    nodes: masked.nodes,
    source: masked.source,
    positions: masked.positions,
    path: masked.path,
    extensions: { ...masked.extensions, code: 'BAD_USER_INPUT' },
  });
}
