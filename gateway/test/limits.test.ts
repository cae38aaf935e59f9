// Operation limits: the static cost model by hand-computed cases, the page-size cap, the defaults
// against every documented query, and the plugins on Yoga and on the gateway runtime (coded errors,
// no resolver and no subgraph called when refused).
import fs from 'node:fs';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import http_transport from '@graphql-mesh/transport-http';
import { createSchema, createYoga } from 'graphql-yoga';
import {
  type GraphQLObjectType,
  Kind,
  getIntrospectionQuery,
  isObjectType,
  parse,
  print,
  printSchema,
  validate,
  type DocumentNode,
  type GraphQLError,
  type OperationDefinitionNode,
} from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE } from '../../shared/pagination.js';
import { EXAMPLE_QUERY } from '../src/example-query.js';
import {
  DEFAULT_OPERATION_LIMITS,
  LIMIT_ERROR_CODES,
  MAX_PAGE_SIZES,
  apiSchemaOf,
  measureOperation,
  operationCost,
  operationCostRule,
  operationDepth,
  operationLimitPlugins,
  type OperationLimits,
} from '../src/limits/index.js';

const supergraph = fs.readFileSync(new URL('../../supergraph.graphql', import.meta.url), 'utf8');
const schema = apiSchemaOf(supergraph);
const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** Every operation of every README ```graphql block, each alone with the block's fragments. */
const readmeOperations = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].flatMap((match) => {
  const document = parse(match[1]);
  return document.definitions
    .filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => ({
      name:
        operation.name?.value ??
        `anonymous ${operation.operation} ${(operation.selectionSet.selections[0] as { name?: { value: string } }).name?.value}`,
      document: {
        ...document,
        definitions: document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION),
      } as DocumentNode,
    }));
});

const FULL_INTROSPECTION = getIntrospectionQuery({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
});

const HOSTILE = `{ customers(first: 100) { nodes { orders(first: 100) { nodes { lines { product { frequentlyBoughtWith(first: 50) { consequent { frequentlyBoughtWith(first: 50) { consequent { name } } } } } } } } } } }`;

const cost = (query: string, variables?: Record<string, unknown>, operationName?: string) =>
  operationCost(schema, parse(query), variables, operationName);
const LIMIT_CODES = [...Object.values(LIMIT_ERROR_CODES), 'BAD_USER_INPUT'] as string[];
const codes = (errors: readonly { extensions?: Record<string, unknown> }[] | undefined) =>
  (errors ?? []).map((error) => error.extensions?.code);

/**
 * A Yoga server (envelop underneath, with its validation cache) over the API schema, every root
 * field resolving and counting, so a refused operation shows that nothing ran.
 */
function yogaWith(limits: Partial<OperationLimits> = {}) {
  let resolverCalls = 0;
  const resolve = (name: string) => () => {
    resolverCalls++;
    if (name === 'customers') return { nodes: [], edges: [], pageInfo: { hasNextPage: false } };
    return name === 'customer' ? { id: 'cus-1', email: 'a@example.com' } : null;
  };
  const rootResolvers = (type: GraphQLObjectType | null | undefined) =>
    Object.fromEntries(Object.keys(type?.getFields() ?? {}).map((name) => [name, resolve(name)]));
  // Built by Yoga from SDL, so the schema comes from the same graphql instance as Yoga's validate,
  // as it does in the gateway; the limit plugins must work across that (see cost.ts).
  const yogaSchema = createSchema({
    typeDefs: printSchema(schema),
    resolvers: { Query: rootResolvers(schema.getQueryType()), Mutation: rootResolvers(schema.getMutationType()) },
  });
  const yoga = createYoga({
    schema: yogaSchema,
    plugins: operationLimitPlugins(limits),
    logging: false,
    maskedErrors: false,
  });
  return {
    calls: () => resolverCalls,
    async post(query: string, variables?: Record<string, unknown>): Promise<{ data?: any; errors?: GraphQLError[] }> {
      const response = await yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return response.json();
    },
  };
}

describe('operationCost', () => {
  it('charges 1 per object and nothing for scalars', () => {
    expect(cost('{ customer(id: "c") { email country } }')).toBe(1);
    expect(
      operationCost(schema, parse('{ customer(id: "c") { email country } }'), {}, undefined, { scalarCost: 1 }),
    ).toBe(3);
  });

  it('multiplies nested connections by their first', () => {
    // customers 1 + 7 × (node 1 + orders (1 + 3 × node 1))
    expect(cost('{ customers(first: 7) { nodes { id orders(first: 3) { nodes { id } } } } }')).toBe(
      1 + 7 * (1 + (1 + 3)),
    );
    // edges and node are both objects; pageInfo is one object, not one per item
    expect(cost('{ customers(first: 5) { edges { node { id } } pageInfo { hasNextPage } } }')).toBe(
      1 + 5 * (1 + 1) + 1,
    );
  });

  it('multiplies a plain list by its first', () => {
    // product 1 + 4 rules × (rule 1 + 2 assumed consequent products)
    expect(cost('{ product(sku: "S") { frequentlyBoughtWith(first: 4) { consequent { name } } } }')).toBe(
      1 + 4 * (1 + 2),
    );
  });

  it('takes first from a variable, the variable default, or the schema default', () => {
    const query = 'query Page($n: Int) { customers(first: $n) { nodes { id } } }';
    expect(cost(query, { n: 4 })).toBe(1 + 4);
    expect(cost(query, {})).toBe(1 + 20);
    expect(cost('query Page($n: Int = 2) { customers(first: $n) { nodes { id } } }', {})).toBe(1 + 2);
    expect(cost('{ customers { nodes { id } } }')).toBe(1 + 20);
    expect(cost('{ customers(first: null) { nodes { id } } }')).toBe(1 + 20);
    expect(cost('{ customer(id: "c") { recommendedProducts { sku } } }')).toBe(1 + 5);
  });

  it('counts named and inline fragments where they are spread', () => {
    const query = `query { customers(first: 2) { nodes { ...Orders } } }
      fragment Orders on Customer { orders(first: 3) { nodes { id } } ... on Customer { consents { purpose } } }`;
    // 1 + 2 × (customer 1 + orders (1 + 3) + 10 assumed consents)
    expect(cost(query)).toBe(1 + 2 * (1 + 4 + 10));
  });

  it('assumes sizes for lists without first', () => {
    expect(cost('{ customer(id: "c") { consents { purpose } identities { value } } }')).toBe(1 + 10 + 5);
    expect(cost('{ order(id: "o") { lines { product { name } } } }')).toBe(1 + 5 * 2);
    expect(cost('{ customersByIds(ids: ["a", "b", "c"]) { id } }')).toBe(3);
    expect(
      operationCost(schema, parse('{ customer(id: "c") { consents { purpose } } }'), {}, undefined, {
        assumedListSizes: {},
        defaultListSize: 3,
      }),
    ).toBe(1 + 3);
  });

  it('leaves out what @skip and @include leave out', () => {
    const query =
      'query ($deep: Boolean!) { customer(id: "c") { id orders(first: 10) @include(if: $deep) { nodes { id } } } }';
    expect(cost(query, { deep: false })).toBe(1);
    expect(cost(query, { deep: true })).toBe(1 + 1 + 10);
  });

  it('charges nothing for introspection and __typename', () => {
    expect(cost(FULL_INTROSPECTION)).toBe(0);
    expect(cost('{ __typename customer(id: "c") { __typename } }')).toBe(1);
  });

  it('measures the named operation of a document', () => {
    const document = 'query Cheap { customer(id: "c") { id } } query Dear { customers(first: 50) { nodes { id } } }';
    expect(cost(document, {}, 'Cheap')).toBe(1);
    expect(cost(document, {}, 'Dear')).toBe(51);
    expect(cost(document)).toBe(51);
  });
});

describe('the cap on first', () => {
  const violations = (query: string, variables: Record<string, unknown> = {}) => {
    const document = parse(query);
    return measureOperation(schema, document.definitions[0] as OperationDefinitionNode, {}, variables).violations.map(
      ({ coordinate, first, max }) => ({ coordinate, first, max }),
    );
  };

  it('refuses a first over the page size, literal or variable, nested or not', () => {
    expect(violations('{ customers(first: 101) { nodes { id } } }')).toEqual([
      { coordinate: 'Query.customers', first: 101, max: MAX_PAGE_SIZE },
    ]);
    expect(
      violations('query ($n: Int) { customer(id: "c") { orders(first: $n) { nodes { id } } } }', { n: 500 }),
    ).toEqual([{ coordinate: 'Customer.orders', first: 500, max: 100 }]);
    expect(violations('{ customers(first: -1) { nodes { id } } }')).toHaveLength(1);
    expect(violations('{ customers(first: 100) { nodes { recommendedProducts(first: 100) { sku } } } }')).toEqual([]);
  });

  it('lets the analytics feeds page by 1000', () => {
    expect(
      violations(
        '{ orders(first: 1000) { nodes { id } } customersInSegment(segment: NEW, first: 1000) { totalCount } }',
      ),
    ).toEqual([]);
    expect(violations('{ orders(first: 1001) { nodes { id } } }')).toHaveLength(1);
  });

  it('agrees with every "first is at most N" the schema documents', () => {
    for (const type of Object.values(schema.getTypeMap()).filter(isObjectType)) {
      for (const field of Object.values(type.getFields())) {
        const documented = /first is at most (\d+)/.exec(field.description ?? '');
        if (!documented || !field.args.some((arg) => arg.name === 'first')) continue;
        expect(MAX_PAGE_SIZES[`${type.name}.${field.name}`] ?? MAX_PAGE_SIZE, `${type.name}.${field.name}`).toBe(
          Number(documented[1]),
        );
      }
    }
  });

  it('is reported by the validation rule as BAD_USER_INPUT, without a cost error', () => {
    const errors = validate(
      schema,
      parse('{ customers(first: 1000) { nodes { orders(first: 100) { nodes { id } } } } }'),
      [operationCostRule({ maxCost: 10 })],
    );
    expect(errors.map((error) => [error.extensions.code, error.extensions.field])).toEqual([
      ['BAD_USER_INPUT', 'Query.customers'],
    ]);
    expect(errors[0].locations).toEqual([{ line: 1, column: 3 }]);
  });
});

describe('the default limits', () => {
  const { post } = yogaWith();

  it.each([
    ...readmeOperations.map(({ name, document }) => [name, document] as const),
    ['EXAMPLE_QUERY', parse(EXAMPLE_QUERY)] as const,
  ])('let %s through', (_name, document) => {
    expect(operationDepth(schema, document)).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxDepth);
    // At least twice the cost is the headroom the defaults promise.
    expect(
      2 * operationCost(schema, document, { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }),
    ).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxCost);
  });

  it('let every README operation, the example and introspection through the plugins', async () => {
    expect(readmeOperations.length).toBeGreaterThanOrEqual(18);
    for (const query of [
      ...readmeOperations.map(({ document }) => print(document)),
      EXAMPLE_QUERY,
      FULL_INTROSPECTION,
      getIntrospectionQuery(),
    ]) {
      const result = await post(query, { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' });
      // Mock resolvers return null where the schema says non-null; only a limit's refusal matters here.
      expect(
        codes(result.errors).filter((code) => LIMIT_CODES.includes(code as string)),
        query.slice(0, 60),
      ).toEqual([]);
    }
    const introspection = await post(FULL_INTROSPECTION);
    expect(introspection.errors).toBeUndefined();
    expect(introspection.data.__schema.queryType.name).toBe('Query');
  });

  it('refuse the hostile query on depth and cost', async () => {
    expect(validate(schema, parse(HOSTILE))).toEqual([]);
    expect(operationDepth(schema, parse(HOSTILE))).toBe(11);
    // customers 1 + 100 × (customer 1 + orders 1 + 100 × (order 1 + 5 lines × (line 1 + product 1
    // + 50 rules × (rule 1 + 2 products × (product 1 + 50 rules × (rule 1 + 2 products))))))
    expect(cost(HOSTILE)).toBe(1 + 100 * (1 + 1 + 100 * (1 + 5 * (1 + 1 + 50 * (1 + 2 * (1 + 50 * (1 + 2)))))));
    const result = await post(HOSTILE);
    expect(result.data).toBeUndefined();
    expect(codes(result.errors)).toEqual(['DEPTH_LIMIT_EXCEEDED', 'COST_LIMIT_EXCEEDED']);
    expect(result.errors![1].extensions).toMatchObject({
      code: 'COST_LIMIT_EXCEEDED',
      cost: cost(HOSTILE),
      limit: DEFAULT_OPERATION_LIMITS.maxCost,
    });
  });
});

describe('operationLimitPlugins on a Yoga server', () => {
  it('refuses each limit with its code and runs no resolver', async () => {
    const server = yogaWith({ maxDepth: 3, maxAliases: 2, maxDirectives: 2, maxTokens: 60, maxCost: 50 });
    const refused: [string, string][] = [
      ['DEPTH_LIMIT_EXCEEDED', '{ customer(id: "c") { orders { nodes { id } } } }'],
      [
        'ALIAS_LIMIT_EXCEEDED',
        '{ a: customer(id: "a") { id } b: customer(id: "b") { id } c: customer(id: "c") { id } }',
      ],
      [
        'DIRECTIVE_LIMIT_EXCEEDED',
        '{ customer(id: "c") @include(if: true) { id @include(if: true) email @include(if: true) } }',
      ],
      ['TOKEN_LIMIT_EXCEEDED', `{ customer(id: "c") { ${'id '.repeat(60)}} }`],
      ['COST_LIMIT_EXCEEDED', '{ customers(first: 60) { nodes { id } } }'],
      ['BAD_USER_INPUT', '{ customers(first: 101) { nodes { id } } }'],
    ];
    for (const [code, query] of refused) {
      const result = await server.post(query);
      expect(codes(result.errors), query).toEqual([code]);
      expect(result.errors![0].message).not.toMatch(/^Syntax Error/);
      if (code !== 'BAD_USER_INPUT') expect(result.errors![0].extensions).toHaveProperty('limit');
    }
    expect(server.calls()).toBe(0);
    const accepted = await server.post('{ customer(id: "c") { email } }');
    expect(accepted).toEqual({ data: { customer: { email: 'a@example.com' } } });
    expect(server.calls()).toBe(1);
  });

  it('judges each request by its own variables although Yoga caches validation per document', async () => {
    const server = yogaWith();
    const query =
      'query Page($n: Int) { customers(first: $n) { nodes { orders(first: 100) { nodes { id lines { quantity } } } } } }';
    expect((await server.post(query, { n: 5 })).errors).toBeUndefined();
    expect(codes((await server.post(query, { n: 50 })).errors)).toEqual(['COST_LIMIT_EXCEEDED']);
    expect(codes((await server.post(query, { n: 101 })).errors)).toEqual(['BAD_USER_INPUT']);
    expect((await server.post(query, { n: 5 })).errors).toBeUndefined();
    expect(server.calls()).toBe(2);
  });

  it('hides field suggestions only when asked', async () => {
    const typo = '{ customer(id: "c") { emial } }';
    expect((await yogaWith().post(typo)).errors![0].message).toMatch(/Did you mean "email"/);
    const hidden = (await yogaWith({ blockSuggestions: true }).post(typo)).errors![0].message;
    expect(hidden).not.toMatch(/Did you mean/);
    expect(hidden).toMatch(/\[Suggestion hidden\]/);
  });
});

describe('operationLimitPlugins in the gateway runtime', () => {
  // Subgraphs point at a closed port: an operation that got past the limits would show up as a
  // subgraph call (and an unavailability error), a refused one as no call at all.
  let subgraphCalls = 0;
  const countSubgraphCalls: GatewayPlugin = {
    onSubgraphExecute() {
      subgraphCalls++;
    },
  };
  const runtime = createGatewayRuntime({
    supergraph: supergraph.replace(/url: "http:\/\/127\.0\.0\.1:\d+\/graphql"/g, 'url: "http://127.0.0.1:9/graphql"'),
    unifiedGraphHandler,
    transports: { http: http_transport },
    logging: false,
    plugins: () => [...operationLimitPlugins(), countSubgraphCalls],
  });
  afterAll(() => runtime.dispose());
  const post = async (query: string, variables?: Record<string, unknown>) =>
    (await (
      await runtime.fetch('http://gateway/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      })
    ).json()) as {
      data?: unknown;
      errors?: GraphQLError[];
    };

  it('refuses before planning, with the codes, reading the request variables', async () => {
    expect(codes((await post(HOSTILE)).errors)).toEqual(['DEPTH_LIMIT_EXCEEDED', 'COST_LIMIT_EXCEEDED']);
    const page =
      'query Page($n: Int) { customers(first: $n) { nodes { orders(first: 100) { nodes { id lines { quantity } } } } } }';
    expect(codes((await post(page, { n: 50 })).errors)).toEqual(['COST_LIMIT_EXCEEDED']);
    expect(codes((await post(page, { n: 101 })).errors)).toEqual(['BAD_USER_INPUT']);
    expect(subgraphCalls).toBe(0);
    // The same document with a small page passes the limits and reaches the (closed) subgraph.
    const allowed = await post(page, { n: 5 });
    expect(codes(allowed.errors).filter((code) => LIMIT_CODES.includes(code as string))).toEqual([]);
    expect(subgraphCalls).toBeGreaterThan(0);
  });

  it('lets the full introspection query through', async () => {
    const result = (await post(FULL_INTROSPECTION)) as {
      data?: { __schema: { queryType: { name: string } } };
      errors?: unknown;
    };
    expect(result.errors).toBeUndefined();
    expect(result.data?.__schema.queryType.name).toBe('Query');
  });
});
