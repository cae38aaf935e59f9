// Trust at the edge: every GraphQL request carries a verified bearer token, field access follows the
// schema's @authenticated / @requiresScopes (masked, not failed), and every subgraph request carries
// the gateway's proof of who asked.
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { createGraphQLError } from '@graphql-tools/utils';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type CryptoKey, type JWTVerifyGetKey } from 'jose';
import type { DocumentNode, GraphQLError, OperationDefinitionNode } from 'graphql';
import {
  hasScope,
  PROOF_HEADER,
  scopesOfClaims,
  signSubgraphProof,
  type KeyPair,
  type Viewer,
} from '../../shared/auth.js';
import { ConfigError } from '../../shared/config.js';
import type { AuthConfig } from './config.js';
import { errorResponse, PURPOSE_HEADER } from './well-formed.js';

/** The verified viewer of each incoming request; filled before GraphQL parsing starts. */
export type ViewerRegistry = WeakMap<Request, Viewer>;

export type TokenVerifier = (token: string) => Promise<Viewer>;

/** How many verified tokens the gateway remembers (oldest forgotten first). */
const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

/**
 * Verifies access tokens: signature, `exp`, `nbf`, issuer and audience. Keys come from the JWKS URL
 * in production (jose refetches the set when a token names an unknown `kid`, which is how key
 * rotation reaches the gateway) and from the local development issuer otherwise; with a JWKS URL
 * set, tokens from the local key are refused.
 */
export function createTokenVerifier(config: AuthConfig, localIssuer: CryptoKey | undefined): TokenVerifier {
  let keys: CryptoKey | JWTVerifyGetKey;
  if (config.jwksUrl) {
    keys = createRemoteJWKSet(new URL(config.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
  } else if (localIssuer && !config.production) {
    keys = localIssuer;
  } else {
    throw new ConfigError('gateway', [
      {
        variable: 'AUTH_JWKS_URL',
        problem: 'required in production mode (tokens from the local development key are refused there)',
      },
    ]);
  }
  const algorithms = config.jwksUrl ? config.algorithms : ['ES256'];
  // A client sends the same token with every request until it expires: remember the verified
  // result (never a failure) until then, so the signature is checked once per token, not per request.
  const verified = new Map<string, { viewer: Viewer; notBefore: number; expiresAt: number }>();
  return async (token) => {
    const now = Date.now() / 1000;
    const known = verified.get(token);
    if (known && known.expiresAt > now && known.notBefore <= now + 5) return known.viewer;
    verified.delete(token);
    const { payload } = await jwtVerify(token, keys as JWTVerifyGetKey, {
      issuer: config.issuer,
      audience: config.audience,
      algorithms,
      clockTolerance: 5,
      requiredClaims: ['exp', 'sub'],
    });
    if (!payload.sub)
      throw new joseErrors.JWTClaimValidationFailed('the sub claim is empty', payload, 'sub', 'check_failed');
    const viewer = { subject: payload.sub, scopes: scopesOfClaims(payload) };
    if (verified.size >= VERIFIED_TOKEN_CACHE_SIZE) verified.delete(verified.keys().next().value!);
    verified.set(token, { viewer, notBefore: payload.nbf ?? 0, expiresAt: payload.exp! });
    return viewer;
  };
}

/** Why a token was refused, in words a client developer can act on (never the token itself). */
function describeTokenFailure(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf') return 'the token is not valid yet';
    return `the token's ${err.claim} claim is not accepted`;
  }
  if (err instanceof joseErrors.JWSSignatureVerificationFailed || err instanceof joseErrors.JWKSNoMatchingKey)
    return 'the token is not signed by a trusted key';
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm that is not accepted';
  if (err instanceof joseErrors.JWKSTimeout) return 'the signing keys could not be fetched; try again';
  return 'the token is malformed or not a JWT';
}

function unauthenticated(message: string, tokenPresented: boolean): Response {
  const challenge = tokenPresented
    ? `Bearer realm="mesh360", error="invalid_token", error_description="${message}"`
    : 'Bearer realm="mesh360"';
  return errorResponse(401, 'UNAUTHENTICATED', `Authentication required: ${message}`, {
    'www-authenticate': challenge,
  });
}

/** Verifies a request's bearer token: the viewer, or the 401 answer that refuses the request. */
export async function authenticate(
  header: string | null,
  verify: TokenVerifier,
): Promise<{ viewer: Viewer } | { refusal: Response }> {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) {
    const problem = header
      ? 'the Authorization header must be "Bearer <token>"'
      : 'send a bearer token in the Authorization header';
    return { refusal: unauthenticated(problem, Boolean(header)) };
  }
  try {
    return { viewer: await verify(match[1]) };
  } catch (err) {
    return { refusal: unauthenticated(describeTokenFailure(err), true) };
  }
}

export interface RateLimitDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

export interface EdgeOptions {
  verify: TokenVerifier;
  viewers: ViewerRegistry;
  /** Paths the runtime serves without a token (its health check); everything else needs one. */
  openPaths: readonly string[];
  /** Decides whether a subject may send one more request now. */
  rateLimit: (subject: string) => Promise<RateLimitDecision>;
}

/**
 * Authenticates every request to the GraphQL endpoint before anything else runs, then charges it to
 * its subject's rate limit. GraphiQL's HTML page and CORS preflights need no token: the page asks
 * for one, and a preflight carries none by design.
 */
export function useEdgeAuthentication(options: EdgeOptions): GatewayPlugin {
  return {
    async onRequest({ request, url, endResponse }) {
      // Every path the runtime serves needs a token except the open ones: Yoga also answers GraphQL
      // at variants of its endpoint (a trailing slash, a doubled slash), so no path is trusted by
      // being different from "/graphql".
      if (options.openPaths.includes(url.pathname) || request.method === 'OPTIONS') return;
      // GraphiQL's page itself (HTML, no operation in the URL) asks for a token instead of needing one.
      const carriesOperation = ['query', 'extensions', 'documentId'].some((name) => url.searchParams.has(name));
      if (request.method === 'GET' && !carriesOperation && (request.headers.get('accept') ?? '').includes('text/html'))
        return;
      const authenticated = await authenticate(request.headers.get('authorization'), options.verify);
      if ('refusal' in authenticated) {
        endResponse(authenticated.refusal);
        return;
      }
      const { viewer } = authenticated;
      const decision = await options.rateLimit(viewer.subject);
      if (!decision.allowed) {
        endResponse(
          errorResponse(
            429,
            'RATE_LIMITED',
            `Too many requests for ${viewer.subject}; retry after ${decision.retryAfterSeconds} s`,
            { 'retry-after': String(decision.retryAfterSeconds) },
          ),
        );
        return;
      }
      options.viewers.set(request, viewer);
    },
  };
}

interface FieldAccessParams {
  user: Viewer | undefined;
  fieldNode: unknown;
  parentType: { name: string };
  field: { name: string };
  path: readonly (string | number)[];
  typeScopes?: string[][];
  fieldScopes?: string[][];
  typeAuthArgs?: unknown;
  fieldAuthArgs?: unknown;
  userScopes: string[];
}

/**
 * generic-auth writes a list marker "@" before the key of a list field (["customers", "@",
 * "nodes", "email"]); the extended-validation plugin that nulls masked fields reads it after
 * (["customers", "nodes", "@", "email"]), and a masked list field itself ends at its key. Without
 * this, a masked list on a single object came back as a stray "@" key instead of null.
 */
export function responsePath(path: readonly (string | number)[]): (string | number)[] {
  const fixed: (string | number)[] = [];
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '@' && i + 1 < path.length) {
      fixed.push(path[i + 1], '@');
      i++;
    } else fixed.push(path[i]);
  }
  if (fixed.at(-1) === '@') fixed.pop();
  return fixed;
}

const grants = (required: string[][] | undefined, held: string[]) =>
  !required?.length || required.some((all) => all.every((scope) => held.includes(scope)));

/**
 * Options for the runtime's generic-auth plugin (Envelop) reading @authenticated and
 * @requiresScopes from the supergraph. A field the token may not see is removed before planning,
 * comes back null, and gets a FORBIDDEN error at its path ("@" in a path stands for every list
 * item); the rest of the operation still runs.
 */
export function fieldAccessRules(viewers: ViewerRegistry) {
  return {
    mode: 'protect-granular' as const,
    rejectUnauthenticated: false,
    resolveUserFn: (context: { request: Request }) => viewers.get(context.request),
    extractScopes: (viewer: Viewer | undefined) => [...(viewer?.scopes ?? [])],
    validateUser: (params: FieldAccessParams): GraphQLError | undefined => {
      const { user, parentType, field } = params;
      const protectedField = params.fieldAuthArgs || params.typeAuthArgs || params.fieldScopes || params.typeScopes;
      if (!protectedField) return undefined;
      const coordinate = `${parentType.name}.${field.name}`;
      if (!user) {
        return createGraphQLError(`${coordinate} requires authentication`, {
          nodes: [params.fieldNode as never],
          path: responsePath(params.path),
          extensions: { code: 'UNAUTHENTICATED' },
        });
      }
      for (const required of [params.typeScopes, params.fieldScopes]) {
        if (!grants(required, params.userScopes)) {
          const wanted = required!.map((all) => all.join(' and ')).join(' or ');
          return createGraphQLError(`${coordinate} requires the scope ${wanted}`, {
            nodes: [params.fieldNode as never],
            path: responsePath(params.path),
            extensions: { code: 'FORBIDDEN', requiredScopes: required },
          });
        }
      }
      return undefined;
    },
  };
}

/**
 * When masking removed every root field (a mutation the token may not run, say), generic-auth
 * leaves an operation with nothing to execute; answer it without executing, so the client gets
 * null with the FORBIDDEN errors instead of an internal error.
 */
export function useEmptyOperationGuard(): GatewayPlugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operations = (args.document as DocumentNode).definitions.filter(
        (definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition',
      );
      if (operations.length === 0 || operations.every((operation) => operation.selectionSet.selections.length === 0)) {
        setResultAndStopExecution({ data: null });
      }
    },
  } as GatewayPlugin;
}

/** Introspection is open to every authenticated caller in development and needs `schema:read` in production. */
export function introspectionRule(viewers: ViewerRegistry, production: boolean) {
  return {
    disableIf: ({ context }: { context: Record<string, unknown> }) =>
      production && !hasScope(viewers.get(context.request as Request), 'schema:read'),
  };
}

/**
 * Signs every request the gateway sends to a subgraph with a short-lived proof covering the body,
 * the subgraph it is meant for, and the verified subject and scopes, so a subgraph can refuse
 * anything that did not come through the gateway and a captured request cannot be replayed.
 */
export function useSubgraphProofs(options: {
  key: KeyPair;
  subgraphByUrl: Map<string, string>;
  viewers: ViewerRegistry;
}): GatewayPlugin {
  return {
    async onFetch({ url, options: init, setOptions, context }) {
      const subgraph = options.subgraphByUrl.get(url.split('?')[0]);
      if (!subgraph) return;
      const body = typeof init.body === 'string' ? init.body : '';
      const request = (context as { request?: Request }).request;
      const viewer = request ? options.viewers.get(request) : undefined;
      // Client headers are not forwarded to subgraphs; Global Privacy Control and the stated purpose
      // (checked by useWellFormedRequests) travel in the signed proof.
      const globalPrivacyControl = request?.headers.get('sec-gpc')?.trim() === '1';
      const purpose = request?.headers.get(PURPOSE_HEADER) ?? undefined;
      const proof = signSubgraphProof(
        options.key,
        subgraph,
        body,
        viewer && {
          ...viewer,
          ...(globalPrivacyControl ? { globalPrivacyControl } : {}),
          ...(purpose ? { purpose } : {}),
        },
      );
      const headers = Object.fromEntries(new Headers(init.headers as HeadersInit | undefined));
      headers[PROOF_HEADER] = proof;
      setOptions({ ...init, headers });
    },
  };
}
