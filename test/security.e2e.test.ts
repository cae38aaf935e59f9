// Trust at the edge, tried as an attacker would through the running gateway: tokens, scopes,
// limits, trusted documents, rate limits, CORS, and subgraphs that answer only the gateway.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { runJob } from '../shared/jobs/wait.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestKeyPair, issueLocalToken, PROOF_HEADER, PROOF_ISSUER, signSubgraphProof } from '../shared/auth.js';
import { createWorld } from '../scripts/seed/world.js';
import { documentHash } from '../gateway/src/trusted-documents.js';
import { EXAMPLE_QUERY } from '../gateway/src/example-query.js';
import { startInProcessMesh, type InProcessMesh } from './support/in-process-mesh.js';

const world = createWorld({ customers: 60, products: 30, orders: 400, campaigns: 3, touchpoints: 300 }, 11);
const customerId = world.customerId(0);
let mesh: InProcessMesh;

beforeAll(async () => {
  mesh = await startInProcessMesh(world);
}, 120_000);

afterAll(async () => {
  await mesh?.close();
}, 60_000);

async function post(body: unknown, headers: Record<string, string> = {}, url = mesh.url) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const codes = (json: any) => (json?.errors ?? []).map((error: any) => error.extensions?.code);

describe('authentication at the gateway', () => {
  it('answers an anonymous request with 401, a Bearer challenge, UNAUTHENTICATED and no data', async () => {
    const answer = await post({ query: `{ customer(id: "${customerId}") { email } }` });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer realm="mesh360"/);
    expect(answer.json.data).toBeUndefined();
    expect(codes(answer.json)).toEqual(['UNAUTHENTICATED']);
  });

  it('needs a token on every path the runtime answers, not only on /graphql', async () => {
    const base = mesh.url.replace(/\/graphql$/, '');
    for (const path of [
      '/graphql/',
      '//graphql',
      '/graphql?x=1',
      '/GRAPHQL',
      '/x/graphql',
      '/foo?a=/graphql',
      '/anything',
    ]) {
      const answer = await post({ query: EXAMPLE_QUERY }, {}, `${base}${path}`);
      expect(answer.json?.data ?? null, path).toBeNull();
      expect([401, 404], path).toContain(answer.status);
    }
    expect((await fetch(`${base}/healthcheck`)).status).toBe(200);
  });

  it('refuses a mutation without a token, and it writes nothing', async () => {
    const before = await mesh.query(`{ product(sku: "SKU-00001") { availableQuantity } }`);
    const answer = await post({
      query: `mutation { adjustStock(input: { sku: "SKU-00001", location: "BER-DC", delta: 100 }) { sku } }`,
    });
    expect(answer.status).toBe(401);
    const after = await mesh.query(`{ product(sku: "SKU-00001") { availableQuantity } }`);
    expect(after.data.product.availableQuantity).toBe(before.data.product.availableQuantity);
  });

  it('refuses expired, not-yet-valid, foreign-signed, wrong-audience, wrong-issuer and malformed tokens', async () => {
    const stranger = await generateTestKeyPair('ES256');
    const sign = (claims: { exp?: number; nbf?: number; aud?: string; iss?: string }, key = mesh.keys.issuer) =>
      new SignJWT({ scope: 'pii:read adhoc' })
        .setProtectedHeader({ alg: 'ES256', kid: key.kid })
        .setSubject('mallory')
        .setIssuer(claims.iss ?? 'mesh360-local')
        .setAudience(claims.aud ?? 'mesh360')
        .setIssuedAt()
        .setNotBefore(claims.nbf ?? Math.floor(Date.now() / 1000) - 10)
        .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 600)
        .sign(key.privateKey);
    const now = Math.floor(Date.now() / 1000);
    const cases: [string, string, RegExp][] = [
      ['expired', await sign({ exp: now - 60 }), /expired/],
      ['not yet valid', await sign({ nbf: now + 600 }), /not valid yet/],
      ['foreign key', await sign({}, stranger), /not signed by a trusted key/],
      ['wrong audience', await sign({ aud: 'someone-else' }), /aud/],
      ['wrong issuer', await sign({ iss: 'https://evil.example' }), /iss/],
      ['malformed', 'not.a.jwt', /malformed/],
    ];
    for (const [name, token, reason] of cases) {
      const answer = await post({ query: '{ __typename }' }, bearer(token));
      expect(answer.status, name).toBe(401);
      expect(answer.headers.get('www-authenticate'), name).toContain('error="invalid_token"');
      expect(answer.json.errors[0].message, name).toMatch(reason);
      expect(codes(answer.json), name).toEqual(['UNAUTHENTICATED']);
    }
    const basic = await post({ query: '{ __typename }' }, { authorization: 'Basic dXNlcjpwYXNz' });
    expect(basic.status).toBe(401);
  });
});

describe('authorization by scope, masked rather than failed', () => {
  it('gives a token without pii:read the id, country and segment, and the email as null with FORBIDDEN at its path', async () => {
    await runJob(mesh.graphRequest(), `mutation { refreshRfm { id } }`);
    const token = await mesh.token(['marketing:read', 'adhoc']);
    const answer = await post(
      { query: `{ customer(id: "${customerId}") { id country rfm { segment } email } }` },
      bearer(token),
    );
    expect(answer.status).toBe(200);
    expect(answer.json.data.customer.id).toBe(customerId);
    expect(answer.json.data.customer.country).toBe(world.customer(0).country);
    expect(answer.json.data.customer.rfm.segment).toEqual(expect.any(String));
    expect(answer.json.data.customer.email).toBeNull();
    expect(answer.json.errors).toHaveLength(1);
    expect(answer.json.errors[0]).toMatchObject({
      path: ['customer', 'email'],
      extensions: { code: 'FORBIDDEN', requiredScopes: [['pii:read']] },
    });
  });

  it('masks a personal field in every item of a list, and shows it to pii:read', async () => {
    const masked = await post(
      { query: '{ customers(first: 3) { nodes { id displayName } } }' },
      bearer(await mesh.token(['adhoc'])),
    );
    expect(masked.json.data.customers.nodes.map((node: any) => node.displayName)).toEqual([null, null, null]);
    expect(codes(masked.json)).toEqual(['FORBIDDEN']);
    const shown = await post(
      { query: '{ customers(first: 3) { nodes { id displayName } } }' },
      bearer(await mesh.token(['pii:read', 'adhoc'])),
    );
    expect(shown.json.errors).toBeUndefined();
    expect(shown.json.data.customers.nodes.every((node: any) => typeof node.displayName === 'string')).toBe(true);
  });

  it('refuses filtering customers by city, consent or name without pii:read', async () => {
    const token = await mesh.token(['marketing:read', 'adhoc']);
    for (const filter of [
      '{ city: "Berlin" }',
      '{ optedIn: { purpose: MARKETING, channel: EMAIL } }',
      '{ search: "an" }',
    ]) {
      const answer = await post(
        { query: `{ customers(first: 5, filter: ${filter}) { nodes { id } } }` },
        bearer(token),
      );
      expect(answer.json.data?.customers ?? null, filter).toBeNull();
      expect(codes(answer.json), filter).toContain('FORBIDDEN');
    }
  });

  it('answers a masked list field on one object with null, not a stray key', async () => {
    const answer = await post(
      { query: `{ customer(id: "${customerId}") { id consents { purpose } } }` },
      bearer(await mesh.token(['adhoc'])),
    );
    expect(answer.json.data.customer).toEqual({ id: customerId, consents: null });
    expect(answer.json.errors[0].path).toEqual(['customer', 'consents']);
  });

  it('does not count a query hidden in a root fragment as introspection', async () => {
    const query = `query { ...F } fragment F on Query { customer(id: "${customerId}") { id country } }`;
    const answer = await post({ query }, bearer(await mesh.token(['orders:read'])));
    expect(answer.json.data ?? null).toBeNull();
    expect(codes(answer.json)).toEqual(['TRUSTED_DOCUMENT_REQUIRED']);
    const introspection = await post(
      { query: 'query { __schema { ...Root } } fragment Root on __Schema { queryType { name } }' },
      bearer(await mesh.token([])),
    );
    expect(introspection.json.data?.__schema.queryType.name, JSON.stringify(introspection.json)).toBe('Query');
  });

  it('refuses introspection spread from a fragment or mixed with data with a coded error, not a 500', async () => {
    const token = bearer(await mesh.token(['adhoc', 'pii:read']));
    for (const query of [
      'query { ...F } fragment F on Query { __schema { queryType { name } } }',
      'query { ... on Query { __type(name: "Customer") { name } } }',
      `query { __schema { queryType { name } } customer(id: "${customerId}") { id } }`,
      `query { customer(id: "${customerId}") { id } __type(name: "Customer") { name } }`,
    ]) {
      const answer = await post({ query }, token);
      expect(answer.status, query).toBeLessThan(500);
      expect(answer.json.data ?? null, query).toBeNull();
      expect(codes(answer.json), query).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    }
    const alone = await post({ query: '{ __typename __type(name: "Customer") { name } }' }, token);
    expect(alone.json.data?.__type.name, JSON.stringify(alone.json)).toBe('Customer');
  });

  it('refuses every mutation and job to a token without its scope, and writes nothing', async () => {
    const token = await mesh.token(['marketing:read', 'orders:read', 'pii:read', 'adhoc']);
    const before = await mesh.query(`{ product(sku: "SKU-00002") { availableQuantity } }`);
    const cases = [
      ['adjustStock', `mutation { adjustStock(input: { sku: "SKU-00002", location: "BER-DC", delta: 5 }) { sku } }`],
      ['discontinueProduct', `mutation { discontinueProduct(sku: "SKU-00002") { sku } }`],
      ['createLocation', `mutation { createLocation(input: { code: "NEW-DC", name: "New" }) { code } }`],
      ['refreshRfm', `mutation { refreshRfm(asOf: "2001-01-01T00:00:00Z") { id } }`],
      ['mineAssociationRules', `mutation { mineAssociationRules(input: { minSupport: 1 }) { id } }`],
      ['buildAudience', `mutation { buildAudience(campaignId: "${world.campaign(0).id}") { id } }`],
      [
        'startAttribution',
        `mutation { startAttribution(model: LINEAR, from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z") { id } }`,
      ],
      ['upsertCustomer', `mutation { upsertCustomer(input: { email: "x@example.com" }) { id } }`],
    ];
    for (const [field, query] of cases) {
      const answer = await post({ query }, bearer(token));
      expect(answer.json.data?.[field] ?? null, field).toBeNull();
      expect(answer.json.errors[0], field).toMatchObject({ path: [field], extensions: { code: 'FORBIDDEN' } });
    }
    const after = await mesh.query(`{ product(sku: "SKU-00002") { availableQuantity } rfmSegments { customerCount } }`);
    expect(after.data.product.availableQuantity).toBe(before.data.product.availableQuantity);
    expect(after.data.rfmSegments.customerCount).toBeGreaterThan(0);
  });

  it('lets a token with the right scope run the mutation', async () => {
    const token = await mesh.token(['inventory:write', 'adhoc']);
    const answer = await post(
      { query: `mutation { adjustStock(input: { sku: "SKU-00003", location: "BER-DC", delta: 1 }) { sku } }` },
      bearer(token),
    );
    expect(answer.json.errors).toBeUndefined();
    expect(answer.json.data.adjustStock.sku).toBe('SKU-00003');
  });
});

describe('operation limits, before any subgraph is called', () => {
  // The 7-level cross-sell query of the issue: customers → orders → lines → product → frequentlyBoughtWith → consequent → ...
  const HOSTILE = `{ customers(first: 100) { nodes { orders(first: 100) { nodes { lines { product { frequentlyBoughtWith(first: 50) { consequent { frequentlyBoughtWith(first: 50) { consequent { name } } } } } } } } } } }`;

  it('refuses the deep cross-sell query with a coded error and runs no SQL', async () => {
    mesh.resetStatementCounts();
    const memoryBefore = process.memoryUsage().rss;
    const answer = await post({ query: HOSTILE }, bearer(await mesh.token()));
    expect(answer.json.data ?? null).toBeNull();
    expect(codes(answer.json)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^(DEPTH|COST)_LIMIT_EXCEEDED$/)]),
    );
    expect(Object.values(mesh.statementCounts()).every((count) => count === 0)).toBe(true);
    expect(process.memoryUsage().rss - memoryBefore).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses a page size over the cap before planning', async () => {
    mesh.resetStatementCounts();
    const answer = await post({ query: '{ customers(first: 5000) { nodes { id } } }' }, bearer(await mesh.token()));
    expect(codes(answer.json)).toContain('BAD_USER_INPUT');
    expect(mesh.statementCounts().customers).toBe(0);
  });

  it('answers a 10 MB body with 413 and keeps serving', async () => {
    const huge = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(10 * 1024 * 1024) } });
    const answer = await post(huge, bearer(await mesh.token()));
    expect(answer.status).toBe(413);
    expect(codes(answer.json)).toEqual(['PAYLOAD_TOO_LARGE']);
    expect((await mesh.query('{ __typename }')).data.__typename).toBe('Query');
  });

  it('answers oversized headers with 431', async () => {
    const answer = await new Promise<number>((resolve, reject) => {
      const url = new URL(mesh.url);
      const request = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'x-padding': 'y'.repeat(64 * 1024) },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.end('{}');
    });
    expect(answer).toBe(431);
  });

  it('does not run batched requests', async () => {
    const answer = await post([{ query: '{ __typename }' }, { query: '{ __typename }' }], bearer(await mesh.token()));
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.json?.data).toBeUndefined();
  });
});

describe('trusted documents', () => {
  it('refuses an unregistered operation to a token without adhoc', async () => {
    const answer = await post(
      { query: `{ customer(id: "${customerId}") { id } }` },
      bearer(await mesh.token(['pii:read'])),
    );
    expect(answer.json.data ?? null).toBeNull();
    expect(codes(answer.json)).toEqual(['TRUSTED_DOCUMENT_REQUIRED']);
  });

  it('runs a registered operation by its text or by its id without adhoc', async () => {
    const token = await mesh.token(['pii:read', 'orders:read', 'marketing:read']);
    const byText = await post({ query: EXAMPLE_QUERY }, bearer(token));
    expect(byText.json.errors).toBeUndefined();
    expect(byText.json.data.customer.displayName).toEqual(expect.any(String));
    const byId = await post(
      { extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(EXAMPLE_QUERY) } } },
      bearer(token),
    );
    expect(byId.json).toEqual(byText.json);
    const unknown = await post(
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } },
      bearer(token),
    );
    expect(codes(unknown.json)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });
});

describe('subgraphs answer only the gateway', () => {
  const ENTITIES = JSON.stringify({
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { email } } }',
    variables: { r: [{ __typename: 'Customer', id: customerId }] },
  });
  const direct = (headers: Record<string, string> = {}, body = ENTITIES, url = mesh.subgraphUrls.customers) =>
    post(body, headers, url);

  it('refuses a direct _entities or _service call without a proof', async () => {
    const entities = await direct();
    expect(entities.status).toBe(401);
    expect(entities.text).not.toContain('@');
    const service = await direct({}, JSON.stringify({ query: '{ _service { sdl } }' }));
    expect(service.status).toBe(401);
    expect(codes(service.json)).toEqual(['UNAUTHENTICATED']);
  });

  it('accepts a fresh proof once, and refuses its replay, a swapped body, another audience and a foreign key', async () => {
    const viewer = { subject: 'gateway-test', scopes: ['pii:read'] };
    const proof = signSubgraphProof(mesh.keys.subgraphProof, 'customers', ENTITIES, viewer);
    const first = await direct({ [PROOF_HEADER]: proof });
    expect(first.status).toBe(200);
    expect(first.json.data._entities[0].email).toEqual(expect.any(String));
    const replay = await direct({ [PROOF_HEADER]: proof });
    expect(replay.status).toBe(403);

    const swapped = await direct({
      [PROOF_HEADER]: signSubgraphProof(mesh.keys.subgraphProof, 'customers', '{"query":"{ __typename }"}', viewer),
    });
    expect(swapped.status).toBe(403);
    const elsewhere = await direct({
      [PROOF_HEADER]: signSubgraphProof(mesh.keys.subgraphProof, 'orders', ENTITIES, viewer),
    });
    expect(elsewhere.status).toBe(401);
    const forged = await direct({
      [PROOF_HEADER]: signSubgraphProof(await generateTestKeyPair('EdDSA'), 'customers', ENTITIES, viewer),
    });
    expect(forged.status).toBe(401);
  });

  it('refuses a proof captured earlier than its window', async () => {
    const { createHash } = await import('node:crypto');
    const issuedAt = Math.floor(Date.now() / 1000) - 120;
    const stale = await new SignJWT({
      bh: createHash('sha256').update(ENTITIES).digest('base64url'),
      scope: 'pii:read',
    })
      .setProtectedHeader({ alg: 'EdDSA', kid: mesh.keys.subgraphProof.kid })
      .setIssuer(PROOF_ISSUER)
      .setAudience('subgraph:customers')
      .setSubject('gateway-test')
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + 30)
      .setJti('stale-proof')
      .sign(mesh.keys.subgraphProof.privateKey);
    const answer = await direct({ [PROOF_HEADER]: stale });
    expect(answer.status).toBe(401);
  });

  it('keeps health endpoints open', async () => {
    const health = await fetch(mesh.subgraphUrls.customers.replace('/graphql', '/health'));
    expect(health.status).toBe(200);
  });
});

describe('CORS', () => {
  it('sends no CORS headers to a foreign Origin, and allows a configured one', async () => {
    const token = await mesh.token();
    const foreign = await post({ query: '{ __typename }' }, { ...bearer(token), origin: 'https://evil.example' });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(foreign.headers.get('access-control-allow-credentials')).toBeNull();
    const preflight = await fetch(mesh.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await post({ query: '{ __typename }' }, { ...bearer(token), origin: 'http://localhost:5173' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('vary')).toMatch(/Origin/);
    expect(foreign.headers.get('vary')).toMatch(/Origin/);
  });
});

describe('rate limits per subject', () => {
  it('answers 429 with Retry-After past the allowance, per subject, and recovers', async () => {
    const gateway = await mesh.startGateway({ edge: { rateLimit: { perSecond: 5, burst: 5 } } });
    try {
      const alice = await mesh.token(['adhoc'], { subject: 'alice' });
      const bob = await mesh.token(['adhoc'], { subject: 'bob' });
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 20; i++) {
        const answer = await post({ query: '{ __typename }' }, bearer(alice), gateway.url);
        statuses.push(answer.status);
        if (answer.status === 429) {
          retryAfter = answer.headers.get('retry-after');
          expect(codes(answer.json)).toEqual(['RATE_LIMITED']);
        }
      }
      expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(5);
      expect(statuses).toContain(429);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect((await post({ query: '{ __typename }' }, bearer(bob), gateway.url)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, (Number(retryAfter) + 1) * 1000));
      expect((await post({ query: '{ __typename }' }, bearer(alice), gateway.url)).status).toBe(200);
    } finally {
      await gateway.close();
    }
  }, 30_000);

  it('shares the allowance between gateway replicas through Redis', async () => {
    const keyPrefix = `mesh360-test:${process.pid}:${Date.now()}`;
    const rateLimit = { perSecond: 3, burst: 3, redisUrl: 'redis://127.0.0.1:6379', keyPrefix };
    const replicas = [
      await mesh.startGateway({ edge: { rateLimit } }),
      await mesh.startGateway({ edge: { rateLimit } }),
    ];
    try {
      const token = await mesh.token(['adhoc'], { subject: 'carol' });
      await post({ query: '{ __typename }' }, bearer(token), replicas[0].url); // connects both clients' first use
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++)
        statuses.push((await post({ query: '{ __typename }' }, bearer(token), replicas[i % 2].url)).status);
      // 6 requests per second in all; alone, each replica would allow all 12.
      expect(statuses.filter((status) => status === 200).length).toBeLessThan(12);
      expect(statuses).toContain(429);
    } finally {
      for (const replica of replicas) await replica.close();
    }
  }, 30_000);
});

describe('production mode', () => {
  let jwks: http.Server;
  let jwksUrl: string;

  beforeAll(async () => {
    jwks = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [{ ...mesh.keys.issuer.publicJwk, kid: mesh.keys.issuer.kid }] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(() => new Promise<void>((resolve) => jwks.close(() => resolve())));

  it('verifies tokens from the JWKS, refuses the local development key, and needs schema:read to introspect', async () => {
    const gateway = await mesh.startGateway({ auth: { jwksUrl, production: true }, localIssuer: false });
    try {
      const token = await mesh.token(['adhoc']);
      const ok = await post({ query: '{ __typename }' }, bearer(token), gateway.url);
      expect(ok.status).toBe(200);
      const localKey = await generateTestKeyPair('ES256');
      const local = await issueLocalToken(localKey, {
        subject: 'dev',
        scopes: ['adhoc'],
        ttlSeconds: 600,
        issuer: 'mesh360-local',
        audience: 'mesh360',
      });
      expect((await post({ query: '{ __typename }' }, bearer(local), gateway.url)).status).toBe(401);

      const introspect = '{ __schema { queryType { name } } }';
      const refused = await post({ query: introspect }, bearer(token), gateway.url);
      expect(refused.json.data ?? null).toBeNull();
      expect(refused.json.errors.length).toBeGreaterThan(0);
      const tooling = await post({ query: introspect }, bearer(await mesh.token(['schema:read'])), gateway.url);
      expect(tooling.json.errors).toBeUndefined();
      expect(tooling.json.data.__schema.queryType.name).toBe('Query');

      const suggestion = await post({ query: '{ custome(id: "x") { id } }' }, bearer(token), gateway.url);
      expect(JSON.stringify(suggestion.json)).not.toMatch(/Did you mean/);
    } finally {
      await gateway.close();
    }
  }, 30_000);
});
