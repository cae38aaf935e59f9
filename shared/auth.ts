// Who is asking, and how a subgraph knows the gateway asked. The gateway verifies the caller's
// token, then signs every subgraph request with a short-lived proof (an EdDSA JWT) that covers the
// request body and the verified subject and scopes; subgraphs accept nothing else.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type CryptoKey, type JWK } from 'jose';

/** Every scope the mesh knows, with what it grants. The README's scopes table is this list. */
export const SCOPES = {
  'pii:read': 'name, email, phone, birth date, city, identities and consent history of customers',
  'customers:write': 'upsertCustomer, addIdentity, setConsent',
  'orders:read': 'orders, order lines, carts and purchase statistics',
  'orders:write': 'recordOrder, updateCart',
  'inventory:write': 'adjustStock, reserveStock, releaseReservation',
  'marketing:read': 'campaigns, touchpoints, audiences, segments, lifetime value, rules, attribution, experiments',
  'marketing:write': 'createCampaign, updateCampaign, recordTouchpoint, setAudienceRule, setCampaignVariants',
  'analytics:run': 'refreshRfm, fitClvModel, mineAssociationRules, buildAudience, runCartReminderTrigger',
  'privacy:admin': 'data-subject requests (erasure, export) and their results',
  'schema:read': 'introspection when the gateway runs in production mode',
  adhoc: 'send operations that are not registered trusted documents',
} as const;
export type Scope = keyof typeof SCOPES;
export const ALL_SCOPES = Object.keys(SCOPES) as Scope[];

/** The verified caller of a request: the token's subject and the scopes it grants. */
export interface Viewer {
  subject: string;
  scopes: readonly string[];
}

/** Whether the viewer holds a scope. */
export const hasScope = (viewer: Viewer | undefined, scope: Scope): boolean => viewer?.scopes.includes(scope) ?? false;

/** Reads the scopes of a verified JWT payload: a space-separated `scope` string (RFC 8693) or an `scp` array. */
export function scopesOfClaims(payload: Record<string, unknown>): string[] {
  if (typeof payload.scope === 'string') return payload.scope.split(' ').filter(Boolean);
  if (Array.isArray(payload.scp)) return payload.scp.filter((s): s is string => typeof s === 'string');
  return [];
}

export interface KeyPair {
  kid: string;
  alg: 'ES256' | 'EdDSA';
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

/**
 * Loads a signing key pair kept as a private JWK file, creating it on first use. Used for the
 * local development issuer and the gateway's subgraph-proof key; production supplies keys by
 * environment instead. Creation is atomic (write, then hard-link), so two processes starting at
 * once end up with the same key.
 */
export async function loadOrCreateKeyPair(file: string, alg: KeyPair['alg']): Promise<KeyPair> {
  if (!fs.existsSync(file)) {
    const { privateKey } = await generateKeyPair(alg, { extractable: true, crv: alg === 'EdDSA' ? 'Ed25519' : undefined });
    const jwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg };
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify(jwk)}\n`, { mode: 0o600 });
    try {
      fs.linkSync(temporary, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(temporary, { force: true });
    }
  }
  return keyPairFromJwk(JSON.parse(fs.readFileSync(file, 'utf8')) as JWK, alg);
}

/** Imports a private JWK (with `kid`) as a key pair. */
export async function keyPairFromJwk(jwk: JWK, alg: KeyPair['alg']): Promise<KeyPair> {
  const { d: _d, ...publicJwk } = jwk;
  return {
    kid: jwk.kid ?? 'default',
    alg,
    privateKey: (await importJWK(jwk, alg)) as CryptoKey,
    publicKey: (await importJWK(publicJwk, alg)) as CryptoKey,
    publicJwk: { ...publicJwk, alg, use: 'sig' },
  };
}

/** Creates a new key pair in memory (tests). */
export async function generateTestKeyPair(alg: KeyPair['alg']): Promise<KeyPair> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true, crv: alg === 'EdDSA' ? 'Ed25519' : undefined });
  return keyPairFromJwk({ ...(await exportJWK(privateKey)), kid: randomUUID() }, alg);
}

/** File names inside the keys folder (MESH_KEYS_DIR, `.data/keys` by default). */
export const KEY_FILES = {
  localIssuer: 'local-issuer.private.jwk.json',
  subgraphProof: 'subgraph-proof.private.jwk.json',
} as const;

export interface IssueTokenOptions {
  subject: string;
  scopes: readonly string[];
  ttlSeconds: number;
  issuer: string;
  audience: string;
}

/** Signs an access token with the local development issuer key. */
export function issueLocalToken(key: KeyPair, options: IssueTokenOptions): Promise<string> {
  return new SignJWT({ scope: options.scopes.join(' ') })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setSubject(options.subject)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setNotBefore('0s')
    .setExpirationTime(`${options.ttlSeconds}s`)
    .setJti(randomUUID())
    .sign(key.privateKey);
}

/** The header that carries the gateway's proof on every subgraph request. */
export const PROOF_HEADER = 'x-mesh-gateway-proof';
export const PROOF_ISSUER = 'mesh360-gateway';
/** How long a proof is valid: long enough for clock skew between hosts, short enough that a captured request is soon useless. */
export const PROOF_TTL_SECONDS = 30;

const bodyHash = (body: string) => createHash('sha256').update(body).digest('base64url');

/** Signs one subgraph request: the body's hash, the subgraph as audience, and the caller's subject and scopes. */
export function signSubgraphProof(key: KeyPair, subgraph: string, body: string, viewer: Viewer | undefined): Promise<string> {
  return new SignJWT({ bh: bodyHash(body), scope: (viewer?.scopes ?? []).join(' ') })
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setIssuer(PROOF_ISSUER)
    .setAudience(`subgraph:${subgraph}`)
    .setSubject(viewer?.subject ?? 'anonymous')
    .setIssuedAt()
    .setExpirationTime(`${PROOF_TTL_SECONDS}s`)
    .setJti(randomUUID())
    .sign(key.privateKey);
}

/** Why a subgraph refused a request: 401 without a usable proof, 403 with a proof that does not fit. */
export class ProofError extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Verifies proofs for one subgraph. A proof is accepted once: its id is remembered until it
 * expires, so a captured request replayed inside the window is refused too.
 */
export function createProofVerifier(options: { publicKey: CryptoKey; subgraph: string; clockToleranceSeconds?: number }) {
  const seen = new Map<string, number>();
  let nextSweep = 0;
  return async function verifyProof(proof: string | undefined, body: string): Promise<Viewer> {
    if (!proof) throw new ProofError(401, 'this subgraph answers only the gateway: the request carries no gateway proof');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(proof, options.publicKey, {
        issuer: PROOF_ISSUER,
        audience: `subgraph:${options.subgraph}`,
        maxTokenAge: `${PROOF_TTL_SECONDS}s`,
        clockTolerance: options.clockToleranceSeconds ?? 5,
        requiredClaims: ['exp', 'iat', 'jti', 'sub'],
      }));
    } catch (err) {
      throw new ProofError(401, `the gateway proof is not valid: ${(err as Error).message}`);
    }
    if (payload.bh !== bodyHash(body)) throw new ProofError(403, 'the gateway proof does not cover this request body');
    const now = Date.now() / 1000;
    if (now > nextSweep) {
      for (const [id, expiry] of seen) if (expiry < now - 10) seen.delete(id);
      nextSweep = now + 5;
    }
    const jti = payload.jti as string;
    if (seen.has(jti)) throw new ProofError(403, 'the gateway proof was already used');
    seen.set(jti, payload.exp as number);
    return { subject: payload.sub as string, scopes: scopesOfClaims(payload) };
  };
}
export type ProofVerifier = ReturnType<typeof createProofVerifier>;
