import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, ROOT, SUPERGRAPH_PATH } from '../gateway/src/compose.js';
import { subgraphUrlsOf, withSubgraphUrls } from '../gateway/src/supergraph.js';

const readSchema = (name: string) => fs.readFileSync(path.join(ROOT, 'subgraphs', name, 'schema.graphql'), 'utf8');

describe('supergraph composition', () => {
  it('composes the four subgraphs, and the committed supergraph.graphql is current', () => {
    const result = composeSupergraph();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(fs.readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(result.supergraphSdl);
    expect(result.supergraphSdl).toContain('@link(url: "https://specs.apollo.dev/join/v0.');
    // @pii survives composition (@composeDirective), so the gateway and the catalogue see it.
    expect(result.supergraphSdl).toContain('@link(url: "https://mesh360.dev/pii/v1.0", import: ["@pii"])');
    expect(result.supergraphSdl).toMatch(
      / {2}email: String @pii\(category: CONTACT\) @join__field\(graph: CUSTOMERS\)/,
    );
    // The cross-domain filter is planned through @requires on Campaign.promotedSkus.
    expect(result.supergraphSdl).toMatch(
      /promotableProducts\([^)]*\): \[Product!\] @join__field\(graph: INVENTORY, requires: "promotedSkus"\)/,
    );
  });

  it('reports composition errors with their codes instead of writing a broken supergraph', () => {
    const result = composeSupergraph((name) =>
      name === 'campaigns'
        ? readSchema(name).replace(
            /(type Product @key\(fields: "sku", resolvable: false\) \{\n(?: {2}".*"\n)?) {2}sku: ID!/,
            '$1  sku: Int!',
          )
        : readSchema(name),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.join('\n')).toMatch(/Product\.sku/);
  });

  it('reports a schema that does not parse, naming the subgraph', () => {
    const result = composeSupergraph((name) => (name === 'campaigns' ? 'type Query {' : readSchema(name)));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/^\[campaigns\] Syntax Error/);
  });
});

describe('subgraph URL overrides', () => {
  it('rewrites only the overridden subgraphs, leaving the rest of the supergraph untouched', () => {
    const sdl = fs.readFileSync(SUPERGRAPH_PATH, 'utf8');
    const rewritten = withSubgraphUrls(sdl, { orders: 'http://orders.internal:8080/graphql' });
    expect(subgraphUrlsOf(rewritten)).toEqual({
      ...subgraphUrlsOf(sdl),
      orders: 'http://orders.internal:8080/graphql',
    });
    expect(rewritten.replace('http://orders.internal:8080/graphql', 'http://127.0.0.1:4002/graphql')).toBe(sdl);
  });
});
