// The console's GraphQL client: urql against the gateway it was served by, sending only the ids of
// its trusted documents (the sha256 each generated document carries), never ad-hoc text.
import { persistedExchange } from '@urql/exchange-persisted';
import { Client, type CombinedError, fetchExchange } from 'urql';

export function createGraphClient(token: string): Client {
  return new Client({
    url: `${location.origin}/graphql`,
    // No normalized cache: every page reads the live graph, as the mesh promises.
    exchanges: [
      persistedExchange({
        enforcePersistedQueries: true,
        enableForMutation: true,
        preferGetForPersistedQueries: false,
        generateHash: async (_query, document) => {
          const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
          if (!hash) throw new Error('an operation without a trusted-document hash');
          return hash.replace(/^sha256:/, '');
        },
      }),
      fetchExchange,
    ],
    requestPolicy: 'network-only',
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
  });
}

export interface GraphErrorInfo {
  message: string;
  path?: readonly (string | number)[];
  code?: string;
  subgraph?: string;
}

/** The GraphQL errors of a result, with their code and the subgraph the gateway named. */
export function errorsOf(error: CombinedError | undefined): GraphErrorInfo[] {
  return (error?.graphQLErrors ?? []).map((graphError) => ({
    message: graphError.message,
    path: graphError.path,
    code: graphError.extensions?.code as string | undefined,
    subgraph: graphError.extensions?.subgraph as string | undefined,
  }));
}

const DOMAIN_FAILURES = new Set(['SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_TIMEOUT', 'DOWNSTREAM_SERVICE_ERROR']);

/** The domains that failed to answer part of a result (the rest of the data still arrived). */
export function failingDomains(errors: GraphErrorInfo[]): string[] {
  return [
    ...new Set(
      errors.filter((error) => error.code && DOMAIN_FAILURES.has(error.code) && error.subgraph).map((e) => e.subgraph!),
    ),
  ].sort();
}

/** Whether the gateway masked the field at this path (or one inside it) for lack of a scope. */
export function isHidden(errors: GraphErrorInfo[], path: readonly (string | number)[]): boolean {
  return errors.some(
    (error) =>
      error.code === 'FORBIDDEN' &&
      error.path !== undefined &&
      path.length <= error.path.length &&
      path.every((segment, index) => error.path![index] === segment),
  );
}

/** Errors that are neither masking nor a domain outage: the ones a page shows as its error state. */
export function otherErrors(errors: GraphErrorInfo[]): GraphErrorInfo[] {
  return errors.filter((error) => error.code !== 'FORBIDDEN' && !(error.code && DOMAIN_FAILURES.has(error.code)));
}
