import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestKeyPair } from '../../shared/auth.js';
import { buildCatalogue, readCatalogueInputs, renderCatalogueMarkdown } from '../src/catalogue.js';
import { mintTestToken } from '../../test/support/in-process-mesh.js';
import { startGatewayAlone } from '../../test/support/gateway-alone.js';

describe('the schema catalogue', () => {
  const markdown = renderCatalogueMarkdown(buildCatalogue(readCatalogueInputs()));

  it('lists a personal field with its domain, class, scope and the registered operations that select it', () => {
    const email = markdown.split('\n').find((line) => line.startsWith('| email: String |'));
    expect(email).toBe(
      "| email: String | customers | The customer's primary email (the first EMAIL identity). | CONTACT | pii:read |   | ConsoleCustomer360, ConsoleCustomerByIdentity, ConsoleCustomers, Customer360, DeliveryRecipients |",
    );
  });

  it('names each type owner and team, deprecations, and each domain event with its personal properties', () => {
    expect(markdown).toContain('object, owned by orders (Commerce); fields from inventory, orders.');
    expect(markdown).toMatch(/\| total: Float! \| orders \|.*\| deprecated: A float cannot hold every amount exactly/);
    expect(markdown).toMatch(/\| CustomerUpserted v1 \| the customer id \| .* \| city: LOCATION \|/);
  });
});

describe('GET /catalogue on the gateway', () => {
  let base: string;
  let issuer: Awaited<ReturnType<typeof generateTestKeyPair>>;
  let close: () => Promise<unknown>;

  beforeAll(async () => {
    issuer = await generateTestKeyPair('ES256');
    // No subgraph runs: the catalogue is served from the gateway's own supergraph and documents.
    ({ base, close } = await startGatewayAlone({}, issuer));
  });

  afterAll(async () => {
    await close?.();
  });

  const get = (token?: string) =>
    fetch(`${base}/catalogue`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('answers 401 with a Bearer challenge without a token, and for a token it cannot verify', async () => {
    const anonymous = await get();
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer realm="mesh360"/);
    expect((await anonymous.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const forged = await get(await mintTestToken(await generateTestKeyPair('ES256'), ['schema:read']));
    expect(forged.status).toBe(401);
  });

  it('answers 403 FORBIDDEN to a valid token without schema:read', async () => {
    const answer = await get(await mintTestToken(issuer, ['pii:read', 'adhoc', 'marketing:read']));
    expect(answer.status).toBe(403);
    expect((await answer.json()).errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('serves one self-contained HTML page to a token with schema:read', async () => {
    const answer = await get(await mintTestToken(issuer, ['schema:read']));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await answer.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<h3 id="type-Customer">Customer</h3>');
    expect(html).toContain('<td>CONTACT</td><td>pii:read</td>');
    // Works offline: no script, stylesheet, image or font is fetched from anywhere.
    expect(html).not.toMatch(/<script|<link|src=|url\(|https?:\/\/(?!mesh360)/i);
  });
});
