// Who is asking, and how a subgraph knows the gateway asked. The gateway verifies the caller's
// token, then signs every subgraph request with a short-lived proof (an EdDSA JWT) that covers the
// request body and the verified subject and scopes; subgraphs accept nothing else.
import {
  createHash,
  createPrivateKey,
  randomUUID,
  KeyObject,
  sign as cryptoSign,
  verify as cryptoVerify,
  type JsonWebKey as NodeJwk,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';

/** Every scope the mesh knows, with what it grants. The README's scopes table is this list. */
export const SCOPES = {
  'pii:read': 'name, email, phone, birth date, city, identities and consent history of customers',
  'customers:write': 'upsertCustomer, addIdentity, setConsent',
  'orders:read': 'orders, order lines, carts and purchase statistics',
  'orders:write': 'recordOrder, updateCart, changeOrderStatus (cancelOrder, returnOrder, refundOrder)',
  'inventory:write':
    'createProduct, updateProduct, discontinueProduct, createLocation, adjustStock, reserveStock, releaseReservation',
  'marketing:read': 'campaigns, touchpoints, audiences, segments, lifetime value, rules, attribution, experiments',
  'marketing:write': 'createCampaign, updateCampaign, recordTouchpoint, setAudienceRule, setCampaignVariants',
  'analytics:run':
    'refreshRfm, fitClvModel, mineAssociationRules, buildAudience, runCartReminderTrigger, startAttribution; reading and cancelling jobs of those kinds',
  'reviews:write': 'submitReview (the shop submitting a review for the signed-in customer it names)',
  'privacy:admin': 'data-subject requests (erasure, export) and their results',
  'schema:read': 'introspection when the gateway runs in production mode; the /catalogue page',
  adhoc: 'send operations that are not registered trusted documents',
} as const;
export type Scope = keyof typeof SCOPES;
export const ALL_SCOPES = Object.keys(SCOPES) as Scope[];

/** The verified caller of a request: the token's subject and the scopes it grants. */
export interface Viewer {
  subject: string;
  scopes: readonly string[];
  /** The end user's browser sent `Sec-GPC: 1` (Global Privacy Control): a do-not-sell/share signal under CCPA. */
  globalPrivacyControl?: boolean;
  /** Why the client reads personal data, from its `x-purpose` header (validated at the gateway); recorded in access logs. */
  purpose?: string;
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
  /** The same private key for node:crypto's synchronous signing (subgraph proofs, signed per subgraph request). */
  privateKeyObject: KeyObject;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

/**
 * Creates a secret file (mode 600, its folder 700) unless it exists. Written aside and linked into
 * place, so two processes starting together both end up reading the one that won.
 */
export function writeFileOnce(file: string, contents: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  fs.writeFileSync(temporary, contents, { mode: 0o600 });
  try {
    fs.linkSync(temporary, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/**
 * Loads a signing key pair kept as a private JWK file, creating it on first use. Used for the
 * local development issuer and the gateway's subgraph-proof key; production supplies keys by
 * environment instead. Creation is atomic (write, then hard-link), so two processes starting at
 * once end up with the same key.
 */
export async function loadOrCreateKeyPair(file: string, alg: KeyPair['alg']): Promise<KeyPair> {
  if (!fs.existsSync(file)) writeFileOnce(file, `${JSON.stringify({ ...(await newPrivateJwk(alg)), alg })}\n`);
  return keyPairFromJwk(JSON.parse(fs.readFileSync(file, 'utf8')) as JWK, alg);
}

/** Imports a private JWK (with `kid`) as a key pair. */
export async function keyPairFromJwk(jwk: JWK, alg: KeyPair['alg']): Promise<KeyPair> {
  const { d: _d, ...publicJwk } = jwk;
  return {
    kid: jwk.kid ?? 'default',
    alg,
    privateKey: (await importJWK(jwk, alg)) as CryptoKey,
    privateKeyObject: createPrivateKey({ key: jwk as NodeJwk, format: 'jwk' }),
    publicKey: (await importJWK(publicJwk, alg)) as CryptoKey,
    publicJwk: { ...publicJwk, alg, use: 'sig' },
  };
}

/** A new private key as a JWK with a random key id. */
async function newPrivateJwk(alg: KeyPair['alg']): Promise<JWK> {
  const { privateKey } = await generateKeyPair(alg, {
    extractable: true,
    crv: alg === 'EdDSA' ? 'Ed25519' : undefined,
  });
  return { ...(await exportJWK(privateKey)), kid: randomUUID() };
}

/** Creates a new key pair in memory (tests). */
export async function generateTestKeyPair(alg: KeyPair['alg']): Promise<KeyPair> {
  return keyPairFromJwk(await newPrivateJwk(alg), alg);
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

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * Signs one subgraph request: the body's hash, the subgraph as audience, and the caller's subject
 * and scopes. The gateway signs every subgraph fetch, so this builds the compact JWS with
 * node:crypto's synchronous Ed25519 instead of jose's WebCrypto round trip (about half the cost);
 * subgraphs verify it with jose like any other JWT.
 */
export function signSubgraphProof(key: KeyPair, subgraph: string, body: string, viewer: Viewer | undefined): string {
  if (key.alg !== 'EdDSA') throw new Error('subgraph proofs are signed with an Ed25519 key');
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'EdDSA', kid: key.kid }));
  const payload = base64url(
    JSON.stringify({
      bh: bodyHash(body),
      scope: (viewer?.scopes ?? []).join(' '),
      iss: PROOF_ISSUER,
      aud: `subgraph:${subgraph}`,
      sub: viewer?.subject ?? 'anonymous',
      // Signed with the rest, so a subgraph can trust that the client really sent Sec-GPC: 1.
      ...(viewer?.globalPrivacyControl ? { gpc: true } : {}),
      ...(viewer?.purpose ? { pur: viewer.purpose } : {}),
      iat: now,
      exp: now + PROOF_TTL_SECONDS,
      jti: randomUUID(),
    }),
  );
  const signature = cryptoSign(null, Buffer.from(`${header}.${payload}`), key.privateKeyObject);
  return `${header}.${payload}.${base64url(signature)}`;
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
 * Verifies proofs for one subgraph: an EdDSA signature by the gateway's key, this subgraph as
 * audience, issued within the last PROOF_TTL_SECONDS, covering this body. A proof is accepted
 * once: its id is remembered until it expires, so a captured request replayed inside the window is
 * refused too. Every subgraph request pays this, so the signature is checked with node:crypto's
 * synchronous Ed25519 (about a seventh of jose's WebCrypto round trip) and the few claims are
 * checked here, strictly: anything unexpected is a refusal.
 */
export function createProofVerifier(options: {
  publicKey: CryptoKey;
  subgraph: string;
  clockToleranceSeconds?: number;
}) {
  const publicKey = KeyObject.from(options.publicKey);
  const audience = `subgraph:${options.subgraph}`;
  const tolerance = options.clockToleranceSeconds ?? 5;
  const seen = new Map<string, number>();
  let nextSweep = 0;
  const invalid = (reason: string) => new ProofError(401, `the gateway proof is not valid: ${reason}`);
  return async function verifyProof(proof: string | undefined, body: string): Promise<Viewer> {
    if (!proof)
      throw new ProofError(401, 'this subgraph answers only the gateway: the request carries no gateway proof');
    const parts = proof.split('.');
    if (parts.length !== 3) throw invalid('not a compact JWS');
    let header: Record<string, unknown>;
    let payload: Record<string, unknown>;
    try {
      header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
      payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      throw invalid('malformed header or payload');
    }
    if (typeof header !== 'object' || header === null || header.alg !== 'EdDSA') throw invalid('unexpected algorithm');
    if (!cryptoVerify(null, Buffer.from(`${parts[0]}.${parts[1]}`), publicKey, Buffer.from(parts[2], 'base64url')))
      throw invalid('signature verification failed');
    if (typeof payload !== 'object' || payload === null) throw invalid('malformed payload');
    const { iss, aud, sub, jti, iat, exp } = payload;
    if (iss !== PROOF_ISSUER) throw invalid('unexpected issuer');
    if (aud !== audience) throw invalid(`meant for ${String(aud)}, not ${audience}`);
    if (typeof sub !== 'string' || typeof jti !== 'string' || typeof iat !== 'number' || typeof exp !== 'number')
      throw invalid('missing claims');
    const now = Date.now() / 1000;
    if (exp - iat > PROOF_TTL_SECONDS) throw invalid('lifetime longer than the proof window');
    if (exp + tolerance < now || now - iat > PROOF_TTL_SECONDS + tolerance) throw invalid('expired');
    if (iat - tolerance > now) throw invalid('issued in the future');
    if (payload.bh !== bodyHash(body)) throw new ProofError(403, 'the gateway proof does not cover this request body');
    if (now > nextSweep) {
      for (const [id, expiry] of seen) if (expiry + tolerance < now) seen.delete(id);
      nextSweep = now + 5;
    }
    if (seen.has(jti)) throw new ProofError(403, 'the gateway proof was already used');
    seen.set(jti, exp);
    return {
      subject: sub,
      scopes: scopesOfClaims(payload),
      ...(payload.gpc === true ? { globalPrivacyControl: true } : {}),
      ...(typeof payload.pur === 'string' ? { purpose: payload.pur.slice(0, 100) } : {}),
    };
  };
}
export type ProofVerifier = ReturnType<typeof createProofVerifier>;
