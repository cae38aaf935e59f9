// How a service that calls the graph itself (campaigns today) gets its access token: a token given
// by environment, the OAuth 2.0 client-credentials grant against the production identity
// provider, or, in development only, a token it mints from the local issuer key.
import path from 'node:path';
import { decodeJwt } from 'jose';
import { issueLocalToken, KEY_FILES, loadOrCreateKeyPair } from './auth.js';

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
