// How a service that calls the graph itself (campaigns today) gets its access token: a token given
// by environment, the OAuth 2.0 client-credentials grant against the production identity
// provider, or, in development only, a token it mints from the local issuer key.
import path from 'node:path';
import { decodeJwt } from 'jose';
import { z } from 'zod';
import { issueLocalToken, KEY_FILES, loadOrCreateKeyPair } from './auth.js';
import { ConfigError, DEFAULT_PORTS, keyVariables, parseEnv, type SubgraphName } from './config.js';
import { createGraphClient, type GraphClient } from './graph-client.js';
import type { Logger } from './logger.js';

export type ServiceIdentity =
  | { kind: 'static'; token: string }
  | {
      kind: 'client-credentials';
      tokenUrl: string;
      clientId: string;
      clientSecret: string;
      scopes: readonly string[];
      audience?: string;
    }
  | { kind: 'local'; keysDir: string; issuer: string; audience: string; subject: string; scopes: readonly string[] };

/** Tokens are renewed this long before they expire, so no request leaves with one about to lapse. */
const RENEW_BEFORE_MS = 60_000;
const LOCAL_TOKEN_TTL_SECONDS = 3600;

/** Returns a function giving a currently valid access token for the service, fetching or minting a new one when needed. */
export function serviceTokenProvider(identity: ServiceIdentity): () => Promise<string> {
  if (identity.kind === 'static') return async () => identity.token;
  let current: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const obtain = async (): Promise<string> => {
    const token = identity.kind === 'local' ? await mintLocal(identity) : await clientCredentials(identity);
    const exp = decodeJwt(token).exp;
    current = { token, expiresAt: exp ? exp * 1000 : Date.now() + 5 * 60_000 };
    return token;
  };
  return async () => {
    if (current && current.expiresAt - RENEW_BEFORE_MS > Date.now()) return current.token;
    pending ??= obtain().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}

async function mintLocal(identity: Extract<ServiceIdentity, { kind: 'local' }>): Promise<string> {
  const key = await loadOrCreateKeyPair(path.join(identity.keysDir, KEY_FILES.localIssuer), 'ES256');
  return issueLocalToken(key, { ...identity, ttlSeconds: LOCAL_TOKEN_TTL_SECONDS });
}

async function clientCredentials(identity: Extract<ServiceIdentity, { kind: 'client-credentials' }>): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', scope: identity.scopes.join(' ') });
  if (identity.audience) form.set('audience', identity.audience);
  const response = await fetch(identity.tokenUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(identity.clientId)}:${encodeURIComponent(identity.clientSecret)}`).toString('base64')}`,
    },
    body: form,
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json().catch(() => ({}))) as { access_token?: string; error?: string };
  if (!response.ok || !body.access_token)
    throw new Error(
      `the token endpoint refused the service's client credentials: HTTP ${response.status} ${body.error ?? ''}`.trim(),
    );
  return body.access_token;
}

/** How a service that calls the graph reaches it and who it is there. */
export interface ServiceGraphSettings {
  /** The gateway endpoint the service queries as a client. */
  graphUrl: string;
  graphTimeoutMs: number;
  /** Who the service is when it calls the graph; it holds exactly the scopes it was given. */
  identity: ServiceIdentity;
}

/**
 * Reads `<SERVICE>_GRAPH_URL`, `_GRAPH_TIMEOUT_MS`, `_GRAPH_TOKEN` and `_OAUTH_*` for a service that
 * calls the graph: a static token, client credentials (required in production), or in development
 * a token minted from the local issuer key as `service:<service>` with exactly `scopes`.
 * Throws one ConfigError naming every bad variable.
 */
export function loadServiceGraphSettings(
  service: SubgraphName,
  scopes: readonly string[],
  env: NodeJS.ProcessEnv,
): ServiceGraphSettings {
  const prefix = service.toUpperCase();
  const variable = (name: string) => `${prefix}_${name}`;
  const parsed = parseEnv(
    z.object({
      [variable('GRAPH_URL')]: z.string().url().default(`http://127.0.0.1:${DEFAULT_PORTS.gateway}/graphql`),
      [variable('GRAPH_TIMEOUT_MS')]: z.coerce.number().int().positive().default(30_000),
      [variable('GRAPH_TOKEN')]: z.string().min(1).optional(),
      [variable('OAUTH_TOKEN_URL')]: z.string().url().optional(),
      [variable('OAUTH_CLIENT_ID')]: z.string().min(1).optional(),
      [variable('OAUTH_CLIENT_SECRET')]: z.string().min(1).optional(),
      [variable('OAUTH_AUDIENCE')]: z.string().min(1).optional(),
      AUTH_ISSUER: z.string().min(1).default('mesh360-local'),
      AUTH_AUDIENCE: z.string().min(1).default('mesh360'),
      ...keyVariables,
    }),
    env,
    service,
  ) as Record<string, string | number | undefined>;
  const text = (name: string) => parsed[variable(name)] as string | undefined;
  let identity: ServiceIdentity;
  const tokenUrl = text('OAUTH_TOKEN_URL');
  const clientId = text('OAUTH_CLIENT_ID');
  const clientSecret = text('OAUTH_CLIENT_SECRET');
  if (text('GRAPH_TOKEN')) {
    identity = { kind: 'static', token: text('GRAPH_TOKEN') as string };
  } else if (tokenUrl && clientId && clientSecret) {
    identity = {
      kind: 'client-credentials',
      tokenUrl,
      clientId,
      clientSecret,
      audience: text('OAUTH_AUDIENCE'),
      scopes,
    };
  } else if (parsed.NODE_ENV === 'production') {
    throw new ConfigError(service, [
      {
        variable: `${variable('OAUTH_TOKEN_URL')}, ${variable('OAUTH_CLIENT_ID')}, ${variable('OAUTH_CLIENT_SECRET')} (or ${variable('GRAPH_TOKEN')})`,
        problem: 'required in production, where the local development key is not trusted',
      },
    ]);
  } else {
    identity = {
      kind: 'local',
      keysDir: parsed.MESH_KEYS_DIR as string,
      issuer: parsed.AUTH_ISSUER as string,
      audience: parsed.AUTH_AUDIENCE as string,
      subject: `service:${service}`,
      scopes,
    };
  }
  return {
    graphUrl: text('GRAPH_URL') as string,
    graphTimeoutMs: parsed[variable('GRAPH_TIMEOUT_MS')] as number,
    identity,
  };
}

/** The service's HTTP client for the graph: its own token, registered documents only (they must be in the gateway's manifest). */
export function serviceGraphClient(settings: ServiceGraphSettings, clientName: string, logger?: Logger): GraphClient {
  return createGraphClient({
    url: settings.graphUrl,
    timeoutMs: settings.graphTimeoutMs,
    logger,
    clientName,
    token: serviceTokenProvider(settings.identity),
    sendDocumentIds: true,
  });
}
