import { describe, expect, it } from 'vitest';
import { lintSchemas, looksPersonal, readRepository, type LintedSubgraph } from './schema-lint.js';

const repository = readRepository();

/** The repository's subgraphs with one subgraph's SDL (or resolvers) changed. */
function withSubgraph(name: string, change: (subgraph: LintedSubgraph) => Partial<LintedSubgraph>) {
  return repository.subgraphs.map((subgraph) =>
    subgraph.name === name ? { ...subgraph, ...change(subgraph) } : subgraph,
  );
}

const lintSdl = (name: string, edit: (sdl: string) => string) =>
  lintSchemas(
    withSubgraph(name, (subgraph) => ({ sdl: edit(subgraph.sdl) })),
    repository.events,
  );

describe('npm run schema:lint', () => {
  it('passes on the committed subgraphs and event contracts', () => {
    expect(lintSchemas(repository.subgraphs, repository.events)).toEqual([]);
  });

  it('splits names into words, so shipping is not an ip and Product.name is only allow-listed', () => {
    expect(['shippingCity', 'ipAddress', 'deviceId', 'birth_date', 'firstName'].every(looksPersonal)).toBe(true);
    expect(['shipping', 'description', 'zipper', 'skip'].some(looksPersonal)).toBe(false);
  });

  it('fails a field that requires pii:read without @pii, and a @pii field without pii:read', () => {
    expect(
      lintSdl('customers', (sdl) => sdl.replace('email: String @pii(category: CONTACT) ', 'email: String ')),
    ).toEqual(expect.arrayContaining(['[customers] Customer.email requires pii:read but has no @pii']));
    expect(
      lintSdl('customers', (sdl) =>
        sdl.replace(
          'displayName: String @pii(category: IDENTITY) @requiresScopes(scopes: [["pii:read"]])',
          'displayName: String @pii(category: IDENTITY)',
        ),
      ),
    ).toEqual(['[customers] Customer.displayName has @pii but does not require pii:read']);
  });

  it('fails a personal-looking field, argument or input field without @pii, unless allow-listed', () => {
    const findings = lintSdl('orders', (sdl) =>
      sdl
        .replace(
          'type Order @key(fields: "id") {\n',
          'type Order @key(fields: "id") {\n  "Where it goes."\n  shippingAddress: String\n',
        )
        .replace('orderByExternalId(externalId: Text!)', 'orderByExternalId(externalId: Text!, email: String)'),
    );
    expect(findings).toEqual([
      '[orders] Query.orderByExternalId(email:) looks personal but has no @pii (classify it, or allow-list it with a reason)',
      '[orders] Order.shippingAddress looks personal but has no @pii (classify it, or allow-list it with a reason)',
    ]);
  });

  it('fails a missing description, a free String for a closed set, and a connection without a documented cap', () => {
    const findings = lintSdl('inventory', (sdl) =>
      sdl
        .replace('"The catalogue category, e.g. dresses or shoes."\n', '')
        .replace('  category: String!\n', '  category: String!\n  "The kind of packaging."\n  packagingKind: String\n')
        .replace('"Ordered by sku. first is at most 100."', '"Ordered by sku."'),
    );
    expect(findings).toEqual([
      '[inventory] field Product.category has no description',
      '[inventory] Product.packagingKind is a free String but looks like a closed set: use an enum',
      '[inventory] Query.products does not document its cap ("first is at most N") in its description',
    ]);
  });

  it("fails an owner's __resolveReference that does not go through a DataLoader", () => {
    const findings = lintSchemas(
      withSubgraph('inventory', (subgraph) => ({
        resolvers: { ...subgraph.resolvers, Product: { __resolveReference: (ref: { sku: string }) => ref } },
      })),
      repository.events,
    );
    expect(findings).toEqual([
      '[inventory] Product.__resolveReference does not go through a DataLoader (context.loaders)',
    ]);
  });

  it('fails a type shared by subgraphs that is not an entity', () => {
    const findings = lintSdl('orders', (sdl) => sdl.replace('type Cart @key(fields: "id") {', 'type Cart {'));
    expect(findings).toContain('[orders] Cart is defined in several subgraphs but is not an entity (@key) here');
  });

  it('fails a personal-looking event property without x-pii, and an x-pii outside the closed set', () => {
    const events = repository.events.map((event) => {
      if (!event.file.endsWith('CustomerUpserted.v1.schema.json')) return event;
      const payload = structuredClone(event.schema.properties.payload);
      payload.properties = { ...payload.properties, email: { type: 'string' }, city: { 'x-pii': 'ADDRESS' } };
      return { ...event, schema: { ...event.schema, properties: { payload } } };
    });
    expect(lintSchemas(repository.subgraphs, events)).toEqual([
      '[subgraphs/customers/events/CustomerUpserted.v1.schema.json] CustomerUpserted.city has x-pii "ADDRESS", not one of CONTACT, IDENTITY, DEMOGRAPHIC, BEHAVIOURAL, FINANCIAL, LOCATION, ONLINE_IDENTIFIER',
      '[subgraphs/customers/events/CustomerUpserted.v1.schema.json] CustomerUpserted.email looks personal but has no x-pii (classify it with .meta(pii(...)), or allow-list it)',
    ]);
  });
});
