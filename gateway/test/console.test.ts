import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestKeyPair } from '../../shared/auth.js';
import { CONSOLE_DIST, ensureConsoleBuilt } from '../../scripts/console-build.js';
import { startGatewayAlone } from '../../test/support/gateway-alone.js';

/** The budget for what the console's first page loads before any route: its entry script and what that preloads. */
const INITIAL_JS_BUDGET_BYTES = 300 * 1024;

// No subgraph runs: the console and its token mint are the gateway's own.

describe('the console on a development gateway', () => {
  let base: string;
  let close: () => Promise<unknown>;
  beforeAll(async () => {
    await ensureConsoleBuilt();
    ({ base, close } = await startGatewayAlone({}, await generateTestKeyPair('ES256')));
  });
  afterAll(() => close());

  it('serves the built page and its assets with their content types, offline', async () => {
    const page = await fetch(`${base}/console`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="(\/console\/assets\/[^"]+)"/g)].map((match) => match[1]);
    expect(assets.some((asset) => asset.endsWith('.js'))).toBe(true);
    // Nothing is loaded from another origin.
    expect(html).not.toMatch(/(?:src|href)="https?:/);
    for (const asset of assets) {
      const response = await fetch(`${base}${asset}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(asset.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
      expect(response.headers.get('cache-control')).toContain('immutable');
    }
  });

  it('keeps the initial JavaScript under 300 kB compressed', () => {
    const html = fs.readFileSync(path.join(CONSOLE_DIST, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/(?:src|href)="\/console\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]);
    const compressed = scripts.reduce(
      (sum, file) => sum + gzipSync(fs.readFileSync(path.join(CONSOLE_DIST, file)), { level: 9 }).length,
      0,
    );
    expect(compressed).toBeGreaterThan(0);
    expect(compressed).toBeLessThan(INITIAL_JS_BUDGET_BYTES);
  });

  it('refuses paths outside the build and names what is missing', async () => {
    for (const pathname of ['/console/../package.json', '/console/%2e%2e/package.json', '/console/assets/none.js']) {
      const response = await fetch(`${base}${pathname}`);
      expect(response.status).toBe(404);
      expect((await response.json()).errors[0].extensions.code).toBe('NOT_FOUND');
    }
    expect((await fetch(`${base}/console`, { method: 'POST' })).status).toBe(405);
  });

  it('mints a local token for the chosen scopes, and the graph accepts it', async () => {
    const offer = await fetch(`${base}/console/dev-token`);
    expect(offer.status).toBe(200);
    expect(Object.keys((await offer.json()).scopes)).toContain('pii:read');

    const response = await fetch(`${base}/console/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'alice', scopes: ['marketing:read'] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { token, subject, scopes } = await response.json();
    expect({ subject, scopes }).toEqual({ subject: 'alice', scopes: ['marketing:read'] });
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ sub: 'alice', scope: 'marketing:read', iss: 'mesh360-local', aud: 'mesh360' });
    // The gateway verifies it like any token: a registered introspection-free query gets past authentication.
    const graph = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(graph.status).not.toBe(401);
  });

  it('refuses an unknown scope, a bad subject and a body that is not JSON, with BAD_USER_INPUT', async () => {
    const attempts: RequestInit[] = [
      { body: JSON.stringify({ scopes: ['root'] }), headers: { 'content-type': 'application/json' } },
      { body: JSON.stringify({ subject: 'a b', scopes: [] }), headers: { 'content-type': 'application/json' } },
      { body: '{', headers: { 'content-type': 'application/json' } },
      { body: 'scopes=pii:read', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    ];
    for (const attempt of attempts) {
      const response = await fetch(`${base}/console/dev-token`, { method: 'POST', ...attempt });
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(body.token).toBeUndefined();
    }
  });
});

describe('the console on a production gateway', () => {
  let base: string;
  let close: () => Promise<unknown>;
  beforeAll(async () => {
    // Production mode: tokens come from a JWKS (never fetched here: no request carries a token).
    ({ base, close } = await startGatewayAlone(
      { production: true, jwksUrl: 'http://127.0.0.1:9/.well-known/jwks.json' },
      await generateTestKeyPair('ES256'),
    ));
  });
  afterAll(() => close());

  it('has no token mint, whatever the method', async () => {
    expect((await fetch(`${base}/console/dev-token`)).status).toBe(404);
    const response = await fetch(`${base}/console/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'mallory', scopes: ['pii:read'] }),
    });
    expect(response.status).not.toBe(200);
    expect(JSON.stringify(await response.json())).not.toContain('token"');
  });
});
