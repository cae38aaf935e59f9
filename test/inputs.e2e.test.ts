// Hostile input through the gateway: every refused value answers BAD_USER_INPUT (or NOT_FOUND,
// CONFLICT) naming the argument, never INTERNAL_SERVER_ERROR, and writes nothing; Global Privacy
// Control reaches the customers domain in the gateway's signed proof.
import fs from 'node:fs';
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../shared/config.js';
import { createWorld } from '../scripts/seed/world.js';
import { apiSchemaOf } from '../gateway/src/limits/index.js';
import { startInProcessMesh, type InProcessMesh } from './support/in-process-mesh.js';

const world = createWorld({ customers: 8, products: 5, orders: 20, campaigns: 1, touchpoints: 10 }, 11);
let mesh: InProcessMesh;

beforeAll(async () => {
  mesh = await startInProcessMesh(world);
}, 300_000);

afterAll(async () => {
  await mesh?.close();
});

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of SUBGRAPH_NAMES) {
    const db = mesh.databases[name];
    // Only this test database's own schema: a shared Postgres holds other tests' schemas too, and
    // introspecting all of them races with other suites dropping theirs.
    const tables = await sql<{
      name: string;
    }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(
      db.db,
    );
    for (const table of tables.rows) counts[`${name}.${table.name}`] = await db.rowCount(table.name as never);
  }
  return counts;
}

const ACCEPTED_CODES = ['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT'];
/** Generated requests per mutation (MUTATION_RUNS overrides: more for a deeper search, fewer to iterate). */
const RUNS_PER_MUTATION = Number(process.env.MUTATION_RUNS ?? 8);

describe('hostile values through the gateway', () => {
  const customerId = world.customerId(0);

  it.each([
    [
      'a null byte in a name',
      'mutation($i: UpsertCustomerInput!) { upsertCustomer(input: $i) { id } }',
      { i: { firstName: 'a\u0000b' } },
      /i\.firstName/,
    ],
    [
      'a lone surrogate',
      'mutation($i: UpsertCustomerInput!) { upsertCustomer(input: $i) { id } }',
      { i: { city: 'x\ud800' } },
      /i\.city/,
    ],
    [
      'a 1 MB identity value',
      `mutation($v: Text!) { addIdentity(customerId: "${customerId}", type: DEVICE_ID, value: $v) { id } }`,
      { v: 'x'.repeat(1_000_000) },
      /at most 200/,
    ],
    [
      'a 100 kB id',
      'mutation($id: ID!) { addIdentity(customerId: $id, type: DEVICE_ID, value: "d") { id } }',
      { id: 'x'.repeat(100_000) },
      /id must be at most 200/,
    ],
    [
      'year 0099',
      `mutation { setConsent(input: { customerId: "${customerId}", purpose: MARKETING, channel: EMAIL, status: OPT_IN, source: "x", capturedAt: "0099-01-01T00:00:00Z" }) { status } }`,
      {},
      /input\.capturedAt/,
    ],
    [
      'February 30',
      'mutation($d: DateTime) { refreshRfm(asOf: $d) { id } }',
      { d: '2026-02-30T00:00:00Z' },
      /not a date in the calendar/,
    ],
    [
      'year -271821',
      `mutation($d: DateTime) { recordOrder(input: { externalId: "h1", customerId: "${customerId}", channel: WEB, placedAt: $d, lines: [{ sku: "${world.sku(0)}", quantity: 1, unitPrice: 1 }] }) { id } }`,
      { d: '-271821-04-20T00:00:00Z' },
      /ISO-8601/,
    ],
    [
      'an asOf before the first order',
      'mutation { refreshRfm(asOf: "1990-01-01T00:00:00Z") { id } }',
      {},
      /before the first order/,
    ],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_, query, variables, message) => {
    const before = await rowCounts();
    const answer = await mesh.query(query, variables);
    expect(answer.errors?.[0]?.extensions?.code, JSON.stringify(answer.errors)).toBe('BAD_USER_INPUT');
    expect(answer.errors![0].message).toMatch(message);
    expect(await rowCounts()).toEqual(before);
  });

  it('never answers INTERNAL_SERVER_ERROR to random and hostile values, and a refused input writes nothing', async () => {
    const hostileString = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom(
        '\u0000',
        'a\u0000b',
        '\ud800',
        '\udfff',
        'x'.repeat(100_001),
        '',
        ' ',
        'cus-0000001',
        '2026-02-30T00:00:00Z',
        '0099-01-01T00:00:00Z',
        '+275760-09-13T00:00:00Z',
      ),
    );
    const hostileNumber = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0, -1, 1e308, -1e308, 5e-324, 2 ** 31 - 1),
    );
    const mutations = [
      fc
        .record({ firstName: hostileString, email: hostileString, birthDate: hostileString })
        .map((i) => ['mutation($i: UpsertCustomerInput!) { upsertCustomer(input: $i) { id } }', { i }] as const),
      fc
        .record({ customerId: hostileString, source: hostileString, capturedAt: hostileString })
        .map(
          (i) =>
            [
              'mutation($i: SetConsentInput!) { setConsent(input: $i) { status } }',
              { i: { ...i, purpose: 'MARKETING', channel: 'EMAIL', status: 'OPT_IN' } },
            ] as const,
        ),
      fc
        .record({
          externalId: hostileString,
          customerId: hostileString,
          placedAt: hostileString,
          currency: hostileString,
          unitPrice: hostileNumber,
        })
        .map(
          ({ unitPrice, ...i }) =>
            [
              'mutation($i: RecordOrderInput!) { recordOrder(input: $i) { id } }',
              { i: { ...i, channel: 'WEB', lines: [{ sku: world.sku(0), quantity: 1, unitPrice }] } },
            ] as const,
        ),
      fc
        .record({ asOf: hostileString })
        .map((v) => ['mutation($asOf: DateTime) { refreshRfm(asOf: $asOf) { id } }', v] as const),
      fc
        .record({ minSupport: hostileNumber, minConfidence: hostileNumber })
        .map(
          (i) => ['mutation($i: MineAssociationRulesInput) { mineAssociationRules(input: $i) { id } }', { i }] as const,
        ),
      fc
        .record({ name: hostileString, budget: hostileNumber, startsAt: hostileString })
        .map(
          (i) =>
            [
              'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }',
              { i: { ...i, channel: 'EMAIL' } },
            ] as const,
        ),
      fc
        .record({ sku: hostileString, location: hostileString, delta: fc.integer() })
        .map((i) => ['mutation($i: AdjustStockInput!) { adjustStock(input: $i) { sku } }', { i }] as const),
      fc
        .record({
          sku: hostileString,
          name: hostileString,
          category: hostileString,
          price: fc.record({ amount: hostileString, currency: hostileString }),
        })
        .map((i) => ['mutation($i: CreateProductInput!) { createProduct(input: $i) { sku } }', { i }] as const),
      fc
        .record({ code: hostileString, name: hostileString })
        .map((i) => ['mutation($i: CreateLocationInput!) { createLocation(input: $i) { code } }', { i }] as const),
      fc
        .record({ sku: hostileString, quantity: fc.integer(), preferredLocation: hostileString })
        .map((i) => ['mutation($i: ReserveStockInput!) { reserveStock(input: $i) { id } }', { i }] as const),
    ];
    await fc.assert(
      fc.asyncProperty(fc.oneof(...mutations), async ([query, variables]) => {
        // A job an earlier run started writes in the background; counts compare only once none runs.
        await mesh.jobsIdle();
        const before = await rowCounts();
        const answer = await mesh.query(query, variables as Record<string, unknown>);
        for (const error of answer.errors ?? []) {
          expect(
            error.extensions?.code,
            `${query} ${JSON.stringify(variables).slice(0, 300)} → ${JSON.stringify(answer.errors)}`,
          ).not.toBe('INTERNAL_SERVER_ERROR');
          expect(ACCEPTED_CODES, JSON.stringify(error)).toContain(error.extensions?.code);
        }
        if (answer.errors?.length) expect(await rowCounts()).toEqual(before);
      }),
      { numRuns: 60, seed: 1313 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Every mutation of the supergraph, with arguments generated from its schema
// ---------------------------------------------------------------------------------------------

const apiSchema = apiSchemaOf(fs.readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8'));

/**
 * Every mutation of the supergraph, with what its case needs beyond the generated arguments (none
 * so far). The list is checked against the schema: a new mutation fails the test until it has a case here.
 */
const MUTATION_CASES: Record<string, { note?: string }> = {
  createCampaign: {},
  updateCampaign: {},
  recordTouchpoint: {},
  recordCampaignSpend: {},
  setCampaignVariants: {},
  setAudienceRule: {},
  buildAudience: {},
  runCartReminderTrigger: {},
  startAttribution: {},
  cancelJob: {},
  upsertCustomer: {},
  addIdentity: {},
  setConsent: {},
  setPrivacyPreference: {},
  requestErasure: {},
  requestDataExport: {},
  createProduct: {},
  updateProduct: {},
  discontinueProduct: {},
  createLocation: {},
  adjustStock: {},
  reserveStock: {},
  releaseReservation: {},
  recordOrder: {},
  updateCart: {},
  changeOrderStatus: {},
  cancelOrder: {},
  returnOrder: {},
  refundOrder: {},
  refreshRfm: {},
  fitClvModel: {},
  mineAssociationRules: {},
  fitChurnModel: {},
  fitCustomerClusters: {},
  trainRecommendations: {},
  submitReview: {},
};

/** Values of existing records, so generated inputs also reach past the first look-up. */
const KNOWN_KEYS = [
  world.customerId(0),
  world.customerId(2),
  world.sku(0),
  world.sku(1),
  world.campaign(0).id,
  world.order(0).id,
  'BER-DC',
  'cus-nobody',
  'SKU-NOPE',
];

const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.constantFrom(...KNOWN_KEYS) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u0000',
      'a\u0000b',
      '\ud800',
      'x\udfff',
      '\u202egnp.exe',
      "'; drop table orders; --",
      'a@b.c',
      '+4930123456',
      'EUR',
      'DE',
      '12.34',
      '-1',
      '1e400',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(201), 'x'.repeat(100_001), '🙂'.repeat(150)) },
);

const hostileDate: fc.Arbitrary<string> = fc.oneof(
  fc
    .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
    .map((date) => date.toISOString()),
  fc.constantFrom(
    '2026-02-30T00:00:00Z',
    '0099-01-01T00:00:00Z',
    '-271821-04-20T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '2026-11-01',
    '2026-11-01T00:00:00',
    'yesterday',
  ),
  hostileText,
);

const hostileFloat = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0.01, 0.1, 0.005, 1e308, -1e308, 5e-324, 2 ** 53 + 1),
);
const hostileInt = fc.oneof(fc.integer({ min: -5, max: 1_100 }), fc.constantFrom(0, -1, 2_147_483_647, -2_147_483_648));

/** Values of a GraphQL input type: valid for GraphQL's own type system, hostile for the domains. */
function valueArb(type: GraphQLInputType): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueArb(type.ofType);
  if (isListType(type)) return fc.array(valueArb(type.ofType), { maxLength: 3 });
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((value) => value.name));
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    return fc.record(Object.fromEntries(fields.map((field) => [field.name, valueArb(field.type)])), {
      requiredKeys: fields.filter((field) => isNonNullType(field.type)).map((field) => field.name),
    });
  }
  switch ((type as { name: string }).name) {
    case 'Int':
      return hostileInt;
    case 'Float':
      return hostileFloat;
    case 'Boolean':
      return fc.boolean();
    case 'DateTime':
    case 'Date':
      return hostileDate;
    default:
      return hostileText;
  }
}

/** Every name the arguments of a mutation can carry: argument names and input field names, at any depth. */
function namesIn(type: GraphQLInputType, names: Set<string>): void {
  const named = getNamedType(type);
  if (!isInputObjectType(named) || names.has(`type:${named.name}`)) return;
  names.add(`type:${named.name}`);
  for (const field of Object.values(named.getFields())) {
    names.add(field.name);
    namesIn(field.type, names);
  }
}

/** One request for a mutation: its document (selecting only __typename) and generated variables. */
function mutationArb(
  field: GraphQLField<unknown, unknown>,
): fc.Arbitrary<{ query: string; variables: Record<string, unknown> }> {
  const variables = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const query = field.args.length
    ? `mutation Hostile(${variables}) { ${field.name}(${args}) { __typename } }`
    : `mutation Hostile { ${field.name} { __typename } }`;
  return fc
    .record(Object.fromEntries(field.args.map((arg) => [arg.name, valueArb(arg.type)])), {
      requiredKeys: field.args.filter((arg) => isNonNullType(arg.type)).map((arg) => arg.name),
    })
    .map((values) => ({ query, variables: values as Record<string, unknown> }));
}

describe('every mutation of the supergraph, with hostile arguments generated from its schema', () => {
  const mutations = Object.values(apiSchema.getMutationType()!.getFields());

  it('has a case for every mutation', () => {
    expect(Object.keys(MUTATION_CASES).sort()).toEqual(mutations.map((field) => field.name).sort());
  });

  it.each(mutations.map((field) => [field.name, field] as const))(
    '%s: a refused input answers BAD_USER_INPUT, NOT_FOUND or CONFLICT naming the field, never INTERNAL_SERVER_ERROR, and writes nothing',
    async (_, field) => {
      const names = new Set(field.args.map((arg) => arg.name));
      for (const arg of field.args) namesIn(arg.type, names);
      await fc.assert(
        fc.asyncProperty(mutationArb(field), async ({ query, variables }) => {
          // A job an earlier run started writes in the background; counts compare only once none runs.
          await mesh.jobsIdle();
          const before = await rowCounts();
          const answer = await mesh.query(query, variables);
          const context = () =>
            `${query} ${JSON.stringify(variables).slice(0, 400)} → ${JSON.stringify(answer.errors)}`;
          for (const error of answer.errors ?? []) {
            expect(ACCEPTED_CODES, context()).toContain(error.extensions?.code);
            const said = `${error.message} ${String(error.extensions?.argumentName ?? '')}`;
            expect(
              [...names].some((name) => !name.startsWith('type:') && new RegExp(`\\b${name}\\b`).test(said)),
              `names no argument or input field: ${context()}`,
            ).toBe(true);
          }
          if (answer.errors?.length) expect(await rowCounts(), context()).toEqual(before);
        }),
        { numRuns: RUNS_PER_MUTATION, seed: 1314 },
      );
    },
    600_000,
  );
});

describe('Global Privacy Control', () => {
  it('records do-not-sell/share from Sec-GPC: 1, carried to customers in the signed proof', async () => {
    const customerId = world.customerId(1);
    const token = await mesh.token();
    const send = (gpc: boolean) =>
      fetch(mesh.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          ...(gpc ? { 'sec-gpc': '1' } : {}),
        },
        body: JSON.stringify({
          query: `mutation { setConsent(input: { customerId: "${customerId}", purpose: MARKETING, channel: PUSH, status: OPT_OUT, source: "web" }) { status } }`,
        }),
      }).then((response) => response.json());
    await send(false);
    const read = `{ customer(id: "${customerId}") { doNotSellOrShare privacyPreferences { kind active source } } }`;
    expect((await mesh.query(read)).data.customer.doNotSellOrShare).toBe(false);
    const answer = await send(true);
    expect(answer.errors).toBeUndefined();
    expect((await mesh.query(read)).data.customer).toEqual({
      doNotSellOrShare: true,
      privacyPreferences: [{ kind: 'DO_NOT_SELL_OR_SHARE', active: true, source: 'global-privacy-control' }],
    });
  });
});
