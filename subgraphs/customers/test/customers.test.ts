import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pseudonymKeyOf } from '../../../shared/audit/recorder.js';
import { encodeCursor } from '../../../shared/pagination.js';
import {
  errorCodeOf as codeOf,
  startSubgraphForTest,
  type OperationResult as Result,
  type SubgraphUnderTest,
  type TestDatabase,
} from '../../../shared/testing.js';
import type { CustomersDatabase } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';
import { createServer } from '../src/server.js';
import {
  BASE,
  cityOf,
  COUNT,
  countryOf,
  customerId,
  DAY,
  emailOf,
  hasEmail,
  hasName,
  marketingEmailStatus,
  MINUTE,
  phoneOf,
  resetFixtures,
} from './fixtures.js';

let subgraph: SubgraphUnderTest<CustomersDatabase>;
let testDb: TestDatabase<CustomersDatabase>;
const run = (query: string, variables?: Record<string, unknown>): Promise<Result> => subgraph.run(query, variables);
const ids = (nodes: { id: string }[]) => nodes.map((node) => node.id);
const count = async (table: keyof CustomersDatabase) => testDb.rowCount(table);
/** Customer indexes newest first. */
const newestFirst = (indexes: number[]) => [...indexes].sort((a, b) => b - a).map(customerId);
const all = Array.from({ length: COUNT }, (_, n) => n + 1);

beforeAll(async () => {
  subgraph = await startSubgraphForTest('customers', migrations, createServer);
  testDb = subgraph.testDb;
});

afterAll(async () => {
  await subgraph.stop();
});

beforeEach(async () => {
  await resetFixtures(testDb.db);
});

describe('Query.customer', () => {
  it('reads the profile, the first email and phone, identities in the order added, and current consents', async () => {
    const result = await run(`{ customer(id: "cus-04") {
      id firstName lastName displayName email phone birthDate country city createdAt updatedAt
      identities { type value addedAt }
      consents { purpose channel status source capturedAt }
    } }`);
    expect(result.errors).toBeUndefined();
    const createdAt = new Date(BASE + 4 * MINUTE).toISOString();
    expect(result.data.customer).toEqual({
      id: 'cus-04',
      firstName: 'First4',
      lastName: 'Last4',
      displayName: 'First4 Last4',
      email: 'c4@example.com',
      phone: phoneOf(4),
      birthDate: '1954-05-05',
      country: 'DE',
      city: 'Hamburg',
      createdAt,
      updatedAt: createdAt,
      identities: [
        { type: 'EMAIL', value: 'c4@example.com', addedAt: createdAt },
        { type: 'PHONE', value: phoneOf(4), addedAt: createdAt },
      ],
      // Opted in on day 1, out on day 2: the latest record wins.
      consents: [
        {
          purpose: 'MARKETING',
          channel: 'EMAIL',
          status: 'OPT_OUT',
          source: 'unsubscribe-link',
          capturedAt: new Date(BASE + 2 * DAY).toISOString(),
        },
      ],
    });
  });

  it('takes the earliest email, and falls back to the email, then the id, for the display name', async () => {
    const result = await run(`{ a: customer(id: "cus-05") { email displayName identities { value } }
      b: customer(id: "cus-10") { firstName email displayName }
      c: customer(id: "cus-20") { email phone displayName } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.a).toEqual({
      email: 'c5@example.com',
      displayName: 'First5 Last5',
      identities: [{ value: 'c5@example.com' }, { value: 'alt5@example.com' }],
    });
    expect(result.data.b).toEqual({ firstName: null, email: 'c10@example.com', displayName: 'c10@example.com' });
    expect(result.data.c).toEqual({ email: null, phone: phoneOf(20), displayName: 'cus-20' });
  });

  it('returns null for an unknown id', async () => {
    const result = await run(`{ customer(id: "nobody") { id } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.customer).toBeNull();
  });
});

describe('Query.customers', () => {
  const query = `query($first: Int, $after: String, $filter: CustomerFilter) {
    customers(first: $first, after: $after, filter: $filter) { edges { cursor node { id } } nodes { id country city } pageInfo { hasNextPage endCursor } }
  }`;

  async function everyPage(filter: Record<string, unknown> | undefined, first = 25): Promise<string[]> {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result = await run(query, { first, after, filter });
      expect(result.errors).toBeUndefined();
      const { edges, nodes, pageInfo } = result.data.customers;
      expect(edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual(ids(nodes));
      seen.push(...ids(nodes));
      if (!pageInfo.hasNextPage) return seen;
      expect(pageInfo.endCursor).toBe(edges.at(-1).cursor);
      after = pageInfo.endCursor;
    }
    throw new Error('too many pages');
  }

  it('pages newest first through every customer without gaps or repeats', async () => {
    expect(await everyPage(undefined, 25)).toEqual(newestFirst(all));
    const first = await run(query, { first: 3 });
    expect(ids(first.data.customers.nodes)).toEqual(['cus-60', 'cus-59', 'cus-58']);
    expect(first.data.customers.pageInfo.hasNextPage).toBe(true);
  });

  it('breaks ties in created_at by id', async () => {
    // created_at is not updatable through the table type, on purpose: a test-only rewrite of history.
    await sql`update customers set created_at = ${new Date(BASE)} where id in ('cus-01', 'cus-02', 'cus-03')`.execute(
      testDb.db,
    );
    const seen = await everyPage({ createdBefore: new Date(BASE + MINUTE).toISOString() }, 2);
    expect(seen).toEqual(['cus-03', 'cus-02', 'cus-01']);
  });

  it('filters by country and city', async () => {
    expect(await everyPage({ country: 'FR' }, 7)).toEqual(newestFirst(all.filter((i) => countryOf(i) === 'FR')));
    expect(await everyPage({ country: 'DE', city: 'Hamburg' }, 7)).toEqual(
      newestFirst(all.filter((i) => cityOf(i) === 'Hamburg')),
    );
    expect(await everyPage({ city: 'Paris' }, 50)).toHaveLength(20);
    expect(await everyPage({ country: 'GB' })).toEqual([]);
  });

  it('filters by creation time, both ends exclusive', async () => {
    const filter = {
      createdAfter: new Date(BASE + 10 * MINUTE).toISOString(),
      createdBefore: new Date(BASE + 15 * MINUTE).toISOString(),
    };
    expect(await everyPage(filter, 2)).toEqual(newestFirst([11, 12, 13, 14]));
  });

  it('filters by current opt-in: a later opt-out removes the customer', async () => {
    const marketing = await everyPage({ optedIn: { purpose: 'MARKETING', channel: 'EMAIL' } }, 20);
    expect(marketing).toEqual(newestFirst(all.filter((i) => marketingEmailStatus(i) === 'OPT_IN')));
    expect(marketing).toHaveLength(45);
    expect(await everyPage({ optedIn: { purpose: 'ANALYTICS', channel: 'EMAIL' }, country: 'FR' }, 20)).toEqual(
      newestFirst(all.filter((i) => i % 2 === 1 && i % 3 === 0)),
    );
    // cus-03's SMS opt-in was recorded last but captured before its opt-out.
    expect(await everyPage({ optedIn: { purpose: 'MARKETING', channel: 'SMS' } })).toEqual([]);
  });

  it('searches by the start of a first name, last name or email, case-insensitively', async () => {
    // First1, First10..First19 (First10 has no name: hasName) and c1@, c10@..c19@ (c20 has no email).
    const ones = [1, ...Array.from({ length: 10 }, (_, n) => 10 + n)];
    expect(await everyPage({ search: 'first1' }, 4)).toEqual(newestFirst(ones.filter(hasName)));
    expect(await everyPage({ search: 'LAST2' }, 50)).toEqual(
      newestFirst([2, ...Array.from({ length: 10 }, (_, n) => 20 + n)].filter(hasName)),
    );
    expect(await everyPage({ search: 'c1' }, 50)).toEqual(newestFirst(ones.filter(hasEmail)));
    // Combined with another filter, and a wildcard matches only itself.
    expect(await everyPage({ search: 'c1', country: 'FR' }, 50)).toEqual(
      newestFirst(ones.filter((i) => countryOf(i) === 'FR')),
    );
    expect(await everyPage({ search: 'c%' })).toEqual([]);
    expect(await everyPage({ search: 'c_@' })).toEqual([]);
  });

  it('has the prefix indexes the search is served from', async () => {
    const indexes = await sql<{ indexname: string }>`select indexname from pg_indexes
      where indexname like '%prefix_idx' and schemaname = current_schema() order by indexname`.execute(testDb.db);
    expect(indexes.rows.map((row) => row.indexname)).toEqual([
      'customer_identities_email_prefix_idx',
      'customers_first_name_prefix_idx',
      'customers_last_name_prefix_idx',
    ]);
  });

  it('rejects a bad page size, cursor or country with BAD_USER_INPUT', async () => {
    expect(codeOf(await run(query, { filter: { search: 'a' } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(query, { filter: { search: 'x'.repeat(101) } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(query, { first: 101 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(query, { first: -1 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(query, { after: 'garbage' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(query, { after: encodeCursor(['not a date', 'cus-01']) }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(query, { filter: { country: 'germany' } }))).toBe('BAD_USER_INPUT');
  });
});

describe('Query.customerByIdentity', () => {
  const query = `query($type: IdentityType!, $value: Text!) { customerByIdentity(type: $type, value: $value) { id email } }`;

  it('normalizes the value before looking it up', async () => {
    expect((await run(query, { type: 'EMAIL', value: '  C7@Example.COM ' })).data.customerByIdentity).toEqual({
      id: 'cus-07',
      email: emailOf(7),
    });
    expect((await run(query, { type: 'EMAIL', value: 'ALT15@example.com' })).data.customerByIdentity).toEqual({
      id: 'cus-15',
      email: emailOf(15),
    });
    expect((await run(query, { type: 'PHONE', value: '0049 (151) 0000-08' })).data.customerByIdentity).toEqual({
      id: 'cus-08',
      email: emailOf(8),
    });
  });

  it('returns null when nobody has the identity', async () => {
    const result = await run(query, { type: 'LOYALTY_ID', value: 'loy-1' });
    expect(result.errors).toBeUndefined();
    expect(result.data.customerByIdentity).toBeNull();
  });

  it('rejects a value that cannot be normalized', async () => {
    expect(codeOf(await run(query, { type: 'EMAIL', value: 'not-an-email' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(query, { type: 'PHONE', value: '12' }))).toBe('BAD_USER_INPUT');
  });
});

describe('Mutation.upsertCustomer', () => {
  const upsert = `mutation($input: UpsertCustomerInput!) { upsertCustomer(input: $input) {
    id firstName lastName displayName email phone birthDate country city createdAt updatedAt identities { type value }
  } }`;

  it('creates a customer with a new id and normalized identities', async () => {
    const result = await run(upsert, {
      input: {
        email: ' Nia.New@Example.com ',
        phone: '0049 170 1234567',
        firstName: ' Nia ',
        lastName: 'New',
        birthDate: '1991-03-04',
        country: 'NL',
        city: 'Amsterdam',
      },
    });
    expect(result.errors).toBeUndefined();
    const customer = result.data.upsertCustomer;
    expect(customer.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(customer).toMatchObject({
      firstName: 'Nia',
      lastName: 'New',
      displayName: 'Nia New',
      email: 'nia.new@example.com',
      phone: '+491701234567',
      birthDate: '1991-03-04',
      country: 'NL',
      city: 'Amsterdam',
      identities: [
        { type: 'EMAIL', value: 'nia.new@example.com' },
        { type: 'PHONE', value: '+491701234567' },
      ],
    });
    expect(customer.createdAt).toBe(customer.updatedAt);
    const stored = await run(`query($id: ID!) { customer(id: $id) { email country } }`, { id: customer.id });
    expect(stored.data.customer).toEqual({ email: 'nia.new@example.com', country: 'NL' });
  });

  it('is idempotent: the same input twice gives the same customer and writes nothing the second time', async () => {
    const input = { email: 'twice@example.com', phone: '+4917099999999', firstName: 'Tess', country: 'DE' };
    const first = await run(upsert, { input });
    const second = await run(upsert, { input: { ...input, email: 'TWICE@example.com ' } });
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    expect(second.data.upsertCustomer).toEqual(first.data.upsertCustomer);
    expect(await count('customers')).toBe(COUNT + 1);
    const identities = await testDb.db
      .selectFrom('customer_identities')
      .select(['type', 'value'])
      .where('customer_id', '=', first.data.upsertCustomer.id)
      .orderBy('type')
      .execute();
    expect(identities).toEqual([
      { type: 'EMAIL', value: 'twice@example.com' },
      { type: 'PHONE', value: '+4917099999999' },
    ]);
  });

  it('updates the customer that owns the email when no id is given, leaving absent fields alone', async () => {
    const result = await run(upsert, { input: { email: 'C9@EXAMPLE.COM', city: 'Cologne', lastName: null } });
    expect(result.errors).toBeUndefined();
    expect(result.data.upsertCustomer).toMatchObject({
      id: 'cus-09',
      firstName: 'First9',
      lastName: null,
      displayName: 'First9',
      city: 'Cologne',
      country: 'FR',
    });
    expect(result.data.upsertCustomer.updatedAt).not.toBe(result.data.upsertCustomer.createdAt);
    expect(await count('customers')).toBe(COUNT);
  });

  it('updates the customer with the given id and adds identities it does not have yet', async () => {
    const result = await run(upsert, {
      input: { id: 'cus-11', email: 'second11@example.com', phone: '+44 20 7946 0011', birthDate: '1980-12-31' },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data.upsertCustomer).toMatchObject({
      id: 'cus-11',
      email: emailOf(11),
      phone: '+442079460011',
      birthDate: '1980-12-31',
      identities: [
        { type: 'EMAIL', value: emailOf(11) },
        { type: 'EMAIL', value: 'second11@example.com' },
        { type: 'PHONE', value: '+442079460011' },
      ],
    });
  });

  it('creates a customer with the given id when it does not exist', async () => {
    const result = await run(upsert, { input: { id: 'crm-777', firstName: 'Carla' } });
    expect(result.errors).toBeUndefined();
    expect(result.data.upsertCustomer).toMatchObject({
      id: 'crm-777',
      firstName: 'Carla',
      displayName: 'Carla',
      email: null,
      identities: [],
    });
  });

  it('answers CONFLICT when an identity belongs to another customer, and writes nothing', async () => {
    const byPhone = await run(upsert, { input: { email: 'fresh@example.com', phone: phoneOf(2) } });
    expect(codeOf(byPhone)).toBe('CONFLICT');
    const byEmail = await run(upsert, { input: { id: 'cus-01', email: emailOf(2), city: 'Bonn' } });
    expect(codeOf(byEmail)).toBe('CONFLICT');
    expect(await count('customers')).toBe(COUNT);
    const cus01 = await run(`{ customer(id: "cus-01") { city } }`);
    expect(cus01.data.customer.city).toBe('Berlin');
    expect(
      (await run(`{ customerByIdentity(type: EMAIL, value: "fresh@example.com") { id } }`)).data.customerByIdentity,
    ).toBeNull();
  });

  it('rejects bad input with BAD_USER_INPUT', async () => {
    const tomorrow = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10);
    for (const input of [
      { email: 'nope' },
      { phone: '123' },
      { country: 'de' },
      { country: 'DEU' },
      { birthDate: '2001-02-30' },
      { birthDate: '01/02/2001' },
      { birthDate: tomorrow },
      { id: '   ' },
    ]) {
      const result = await run(upsert, { input: { firstName: 'X', ...input } });
      expect(codeOf(result), JSON.stringify(input)).toBe('BAD_USER_INPUT');
    }
    expect(await count('customers')).toBe(COUNT);
  });
});

describe('Mutation.addIdentity', () => {
  const add = `mutation($id: ID!, $type: IdentityType!, $value: Text!) { addIdentity(customerId: $id, type: $type, value: $value) { id updatedAt identities { type value } } }`;

  it('adds a normalized identity', async () => {
    const result = await run(add, { id: 'cus-01', type: 'LOYALTY_ID', value: ' loy-0001 ' });
    expect(result.errors).toBeUndefined();
    expect(result.data.addIdentity.identities).toEqual([
      { type: 'EMAIL', value: emailOf(1) },
      { type: 'LOYALTY_ID', value: 'LOY-0001' },
    ]);
    const found = await run(`{ customerByIdentity(type: LOYALTY_ID, value: "LOY-0001") { id } }`);
    expect(found.data.customerByIdentity).toEqual({ id: 'cus-01' });
    const device = await run(add, { id: 'cus-01', type: 'DEVICE_ID', value: 'Dev-AbC' });
    expect(device.data.addIdentity.identities.at(-1)).toEqual({ type: 'DEVICE_ID', value: 'Dev-AbC' });
  });

  it('is idempotent when the customer already has the identity', async () => {
    const result = await run(add, { id: 'cus-02', type: 'PHONE', value: phoneOf(2).replace('+', '00') });
    expect(result.errors).toBeUndefined();
    expect(result.data.addIdentity).toEqual({
      id: 'cus-02',
      updatedAt: new Date(BASE + 2 * MINUTE).toISOString(),
      identities: [
        { type: 'EMAIL', value: emailOf(2) },
        { type: 'PHONE', value: phoneOf(2) },
      ],
    });
  });

  it('answers NOT_FOUND, CONFLICT and BAD_USER_INPUT', async () => {
    expect(codeOf(await run(add, { id: 'nobody', type: 'EMAIL', value: 'x@example.com' }))).toBe('NOT_FOUND');
    expect(codeOf(await run(add, { id: 'cus-01', type: 'EMAIL', value: emailOf(2).toUpperCase() }))).toBe('CONFLICT');
    expect(codeOf(await run(add, { id: 'cus-01', type: 'DEVICE_ID', value: '  ' }))).toBe('BAD_USER_INPUT');
    expect(await count('customer_identities')).toBe(59 + 11 + 30);
  });
});

describe('consent', () => {
  const set = `mutation($input: SetConsentInput!) { setConsent(input: $input) { purpose channel status source capturedAt } }`;
  const read = `query($id: ID!) { customer(id: $id) {
    consents { purpose channel status source }
    sms: consent(purpose: MARKETING, channel: SMS) { status source capturedAt }
    push: consent(purpose: MARKETING, channel: PUSH) { status }
    consentHistory(first: 10) { nodes { purpose channel status source capturedAt } pageInfo { hasNextPage } }
  } }`;

  it('lists current consents in schema order and answers null for a pair never recorded', async () => {
    const result = await run(read, { id: 'cus-03' });
    expect(result.errors).toBeUndefined();
    expect(result.data.customer.consents).toEqual([
      { purpose: 'MARKETING', channel: 'EMAIL', status: 'OPT_IN', source: 'checkout' },
      { purpose: 'MARKETING', channel: 'SMS', status: 'OPT_OUT', source: 'store' },
      { purpose: 'ANALYTICS', channel: 'EMAIL', status: 'OPT_IN', source: 'cookie-banner' },
    ]);
    // The opt-in was recorded later but captured earlier: capture time decides.
    expect(result.data.customer.sms).toEqual({
      status: 'OPT_OUT',
      source: 'store',
      capturedAt: new Date(BASE + 5 * DAY).toISOString(),
    });
    expect(result.data.customer.push).toBeNull();
    expect(
      result.data.customer.consentHistory.nodes.map(
        (c: { status: string; source: string }) => `${c.source}:${c.status}`,
      ),
    ).toEqual([
      'store:OPT_OUT',
      'import:OPT_IN',
      // Both captured on day 1: the one recorded later comes first.
      'cookie-banner:OPT_IN',
      'checkout:OPT_IN',
    ]);
  });

  it('appends records: the latest wins and the history keeps every one, newest first', async () => {
    const optIn = await run(set, {
      input: {
        customerId: 'cus-06',
        purpose: 'MARKETING',
        channel: 'PUSH',
        status: 'OPT_IN',
        source: ' app-onboarding ',
      },
    });
    expect(optIn.errors).toBeUndefined();
    expect(optIn.data.setConsent).toMatchObject({
      purpose: 'MARKETING',
      channel: 'PUSH',
      status: 'OPT_IN',
      source: 'app-onboarding',
    });
    expect(Date.now() - Date.parse(optIn.data.setConsent.capturedAt)).toBeLessThan(60_000);

    const optOut = await run(set, {
      input: { customerId: 'cus-06', purpose: 'MARKETING', channel: 'PUSH', status: 'OPT_OUT', source: 'settings' },
    });
    expect(optOut.data.setConsent.status).toBe('OPT_OUT');
    // An opt-in dated before the withdrawal in force cannot beat it, even received later: refused, nothing written.
    const backdated = await run(set, {
      input: {
        customerId: 'cus-06',
        purpose: 'MARKETING',
        channel: 'PUSH',
        status: 'OPT_IN',
        source: 'import',
        capturedAt: new Date(BASE + 3 * DAY).toISOString(),
      },
    });
    expect(codeOf(backdated)).toBe('CONFLICT');

    const result = await run(read, { id: 'cus-06' });
    expect(result.data.customer.push).toEqual({ status: 'OPT_OUT' });
    expect(result.data.customer.consents).toContainEqual({
      purpose: 'MARKETING',
      channel: 'PUSH',
      status: 'OPT_OUT',
      source: 'settings',
    });
    const history = result.data.customer.consentHistory.nodes.map(
      (c: { source: string; status: string }) => `${c.source}:${c.status}`,
    );
    expect(history).toEqual(['settings:OPT_OUT', 'app-onboarding:OPT_IN', 'checkout:OPT_IN']);
    expect(await count('consent_records')).toBe(60 + 15 + 30 + 2 + 2);
  });

  it('orders by receipt: a withdrawal beats an opt-in dated ahead of it, and capturedAt beyond the clock skew is refused', async () => {
    const ahead = new Date(Date.now() + 50_000).toISOString();
    expect(
      (
        await run(set, {
          input: {
            customerId: 'cus-08',
            purpose: 'MARKETING',
            channel: 'SMS',
            status: 'OPT_IN',
            source: 'app',
            capturedAt: ahead,
          },
        })
      ).errors,
    ).toBeUndefined();
    expect(
      (
        await run(set, {
          input: {
            customerId: 'cus-08',
            purpose: 'MARKETING',
            channel: 'SMS',
            status: 'OPT_OUT',
            source: 'stop-reply',
          },
        })
      ).errors,
    ).toBeUndefined();
    const read = await run(
      `{ customer(id: "cus-08") { consent(purpose: MARKETING, channel: SMS) { status source capturedAt recordedAt } contactable(channel: SMS) } }`,
    );
    expect(read.data.customer.consent).toMatchObject({ status: 'OPT_OUT', source: 'stop-reply' });
    expect(read.data.customer.contactable).toBe(false);
    const before = await count('consent_records');
    const tooFar = await run(set, {
      input: {
        customerId: 'cus-08',
        purpose: 'MARKETING',
        channel: 'SMS',
        status: 'OPT_IN',
        source: 'app',
        capturedAt: new Date(Date.now() + 90_000).toISOString(),
      },
    });
    expect(codeOf(tooFar)).toBe('BAD_USER_INPUT');
    expect(tooFar.errors![0].extensions!.argumentName).toBe('capturedAt');
    expect(await count('consent_records')).toBe(before);
  });

  it('suppresses every marketing purpose and channel while an objection to direct marketing is active, and records do-not-sell', async () => {
    const contactable = `{ customer(id: "cus-05") { email: contactable(channel: EMAIL) personalization: contactable(purpose: PERSONALIZATION, channel: EMAIL) analytics: contactable(purpose: ANALYTICS, channel: EMAIL) objectsToDirectMarketing doNotSellOrShare } }`;
    await run(set, {
      input: { customerId: 'cus-05', purpose: 'PERSONALIZATION', channel: 'EMAIL', status: 'OPT_IN', source: 'app' },
    });
    expect((await run(contactable)).data.customer).toEqual({
      email: true,
      personalization: true,
      analytics: true,
      objectsToDirectMarketing: false,
      doNotSellOrShare: false,
    });
    const object = `mutation($input: SetPrivacyPreferenceInput!) { setPrivacyPreference(input: $input) { kind active source } }`;
    const objected = await run(object, {
      input: { customerId: 'cus-05', kind: 'OBJECT_TO_DIRECT_MARKETING', active: true, source: 'letter' },
    });
    expect(objected.data.setPrivacyPreference).toEqual({
      kind: 'OBJECT_TO_DIRECT_MARKETING',
      active: true,
      source: 'letter',
    });
    expect((await run(contactable)).data.customer).toEqual({
      email: false,
      personalization: false,
      analytics: true,
      objectsToDirectMarketing: true,
      doNotSellOrShare: false,
    });
    // The optedIn filter (audiences' bulk path) honours it the same way.
    const filtered = await run(
      `{ customers(first: 100, filter: { optedIn: { purpose: MARKETING, channel: EMAIL } }) { nodes { id } } }`,
    );
    expect(filtered.data.customers.nodes.map((node: { id: string }) => node.id)).not.toContain('cus-05');
    await run(set, {
      input: {
        customerId: 'cus-05',
        purpose: 'MARKETING',
        channel: 'EMAIL',
        status: 'OPT_OUT',
        source: 'form',
        doNotSellOrShare: true,
      },
    });
    expect((await run(contactable)).data.customer.doNotSellOrShare).toBe(true);
    expect(
      codeOf(
        await run(object, { input: { customerId: 'nobody', kind: 'DO_NOT_SELL_OR_SHARE', active: true, source: 'x' } }),
      ),
    ).toBe('NOT_FOUND');
  });

  it('lets the record sent last win when two share a capture time', async () => {
    const capturedAt = new Date(BASE + 20 * DAY).toISOString();
    for (const status of ['OPT_IN', 'OPT_OUT', 'OPT_IN', 'OPT_OUT']) {
      const result = await run(set, {
        input: {
          customerId: 'cus-07',
          purpose: 'PERSONALIZATION',
          channel: 'EMAIL',
          status,
          source: `s-${status}`,
          capturedAt,
        },
      });
      expect(result.errors).toBeUndefined();
    }
    const result = await run(
      `{ customer(id: "cus-07") { consent(purpose: PERSONALIZATION, channel: EMAIL) { status } } }`,
    );
    expect(result.data.customer.consent).toEqual({ status: 'OPT_OUT' });
  });

  it('shows a new consent in the same request that set it', async () => {
    const result = await run(`mutation {
      before: upsertCustomer(input: { id: "cus-08" }) { consent(purpose: MARKETING, channel: SMS) { status } }
      setConsent(input: { customerId: "cus-08", purpose: MARKETING, channel: SMS, status: OPT_IN, source: "store" }) { status }
      after: upsertCustomer(input: { id: "cus-08" }) { consent(purpose: MARKETING, channel: SMS) { status } consentHistory(first: 1) { nodes { source } } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.before.consent).toBeNull();
    expect(result.data.after).toEqual({
      consent: { status: 'OPT_IN' },
      consentHistory: { nodes: [{ source: 'store' }] },
    });
  });

  it('pages through the history with cursors', async () => {
    for (let d = 0; d < 5; d++) {
      await run(set, {
        input: {
          customerId: 'cus-12',
          purpose: 'MARKETING',
          channel: 'SMS',
          status: d % 2 ? 'OPT_OUT' : 'OPT_IN',
          source: `day-${d}`,
          capturedAt: new Date(BASE + (3 + d) * DAY).toISOString(),
        },
      });
    }
    const page = `query($after: String) { customer(id: "cus-12") { consentHistory(first: 3, after: $after) { edges { cursor } nodes { source } pageInfo { hasNextPage endCursor } } } }`;
    const first = (await run(page)).data.customer.consentHistory;
    expect(first.nodes.map((n: { source: string }) => n.source)).toEqual(['day-4', 'day-3', 'day-2']);
    expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: first.edges[2].cursor });
    const second = (await run(page, { after: first.pageInfo.endCursor })).data.customer.consentHistory;
    expect(second.nodes.map((n: { source: string }) => n.source)).toEqual(['day-1', 'day-0', 'unsubscribe-link']);
    const third = (await run(page, { after: second.pageInfo.endCursor })).data.customer.consentHistory;
    expect(third).toMatchObject({ nodes: [{ source: 'checkout' }], pageInfo: { hasNextPage: false } });
    expect(codeOf(await run(page, { after: encodeCursor(['2026-01-01T00:00:00.000Z', 'not-a-seq']) }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('answers NOT_FOUND for an unknown customer and BAD_USER_INPUT for an empty source or a future capture', async () => {
    expect(
      codeOf(
        await run(set, {
          input: { customerId: 'nobody', purpose: 'MARKETING', channel: 'SMS', status: 'OPT_IN', source: 'store' },
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      codeOf(
        await run(set, {
          input: { customerId: 'cus-01', purpose: 'MARKETING', channel: 'SMS', status: 'OPT_IN', source: '   ' },
        }),
      ),
    ).toBe('BAD_USER_INPUT');
    const future = new Date(Date.now() + DAY).toISOString();
    expect(
      codeOf(
        await run(set, {
          input: {
            customerId: 'cus-01',
            purpose: 'MARKETING',
            channel: 'SMS',
            status: 'OPT_IN',
            source: 'store',
            capturedAt: future,
          },
        }),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(await count('consent_records')).toBe(60 + 15 + 30 + 2);
  });
});

describe('consent-gated lookups', () => {
  it('answers contactable from the current consent only: an opt-in is true, an opt-out or no record is false', async () => {
    const result = await run(`{ customer(id: "cus-03") {
      email: contactable(channel: EMAIL)
      sms: contactable(purpose: MARKETING, channel: SMS)
      push: contactable(channel: PUSH)
      analyticsEmail: contactable(purpose: ANALYTICS, channel: EMAIL)
    } }`);
    expect(result.errors).toBeUndefined();
    // cus-03: MARKETING/EMAIL opt-in, MARKETING/SMS opted in then out (captured later), no PUSH record.
    expect(result.data.customer).toEqual({ email: true, sms: false, push: false, analyticsEmail: true });

    await run(
      `mutation { setConsent(input: { customerId: "cus-03", purpose: MARKETING, channel: EMAIL, status: OPT_OUT, source: "unsubscribe" }) { status } }`,
    );
    expect((await run(`{ customer(id: "cus-03") { contactable(channel: EMAIL) } }`)).data.customer.contactable).toBe(
      false,
    );
  });

  it('looks many customers up in input order with null for unknown ids, in one statement per field', async () => {
    const wanted = [customerId(5), 'nobody', customerId(4), customerId(5)];
    testDb.resetStatementCount();
    const result = await run(`query($ids: [ID!]!) { customersByIds(ids: $ids) { id contactable(channel: EMAIL) } }`, {
      ids: wanted,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data.customersByIds).toEqual([
      { id: customerId(5), contactable: marketingEmailStatus(5) === 'OPT_IN' },
      null,
      { id: customerId(4), contactable: marketingEmailStatus(4) === 'OPT_IN' },
      { id: customerId(5), contactable: marketingEmailStatus(5) === 'OPT_IN' },
    ]);
    // One statement for the customers, one for the current consents and one for the privacy preferences of all of them.
    expect(testDb.statementCount()).toBe(3);
  });

  it('bounds a lookup at 1000 ids', async () => {
    const ids = Array.from({ length: 1001 }, (_, i) => `cus-x${i}`);
    expect(codeOf(await run(`query($ids: [ID!]!) { customersByIds(ids: $ids) { id } }`, { ids }))).toBe(
      'BAD_USER_INPUT',
    );
    const result = await run(`query($ids: [ID!]!) { customersByIds(ids: $ids) { id } }`, { ids: ids.slice(0, 1000) });
    expect(result.errors).toBeUndefined();
    expect(result.data.customersByIds.every((c: unknown) => c === null)).toBe(true);
  });
});

describe('federation', () => {
  // The access log's key is read once per database; read it now so the counts below are per request.
  beforeAll(() => pseudonymKeyOf(testDb.db));
  const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer {
    id displayName email phone
    consents { purpose channel status }
    identities { type value }
    consentHistory(first: 2) { nodes { status } }
  } } }`;
  const reps = (indexes: number[]) => indexes.map((i) => ({ __typename: 'Customer', id: customerId(i) }));

  it('resolves Customer entities with one statement per field, the same for 5 as for 50', async () => {
    const counts: number[] = [];
    for (const n of [5, 50]) {
      const indexes = Array.from({ length: n }, (_, k) => n - k);
      testDb.resetStatementCount();
      const result = await run(entities, { r: reps(indexes) });
      expect(result.errors).toBeUndefined();
      counts.push(testDb.statementCount());
      expect(result.data._entities).toHaveLength(n);
      for (const [k, i] of indexes.entries()) {
        const entity = result.data._entities[k];
        expect(entity.id).toBe(customerId(i));
        expect(entity.email).toBe(i === 20 ? null : emailOf(i));
        expect(entity.phone).toBe(i % 2 === 0 ? phoneOf(i) : null);
        expect(entity.consents).toContainEqual({
          purpose: 'MARKETING',
          channel: 'EMAIL',
          status: marketingEmailStatus(i),
        });
        expect(entity.identities.length).toBe(
          (i === 20 ? 0 : 1) + (i % 5 === 0 && i !== 20 ? 1 : 0) + (i % 2 === 0 ? 1 : 0),
        );
        expect(entity.consentHistory.nodes[0].status).toBe(i === 3 ? 'OPT_OUT' : marketingEmailStatus(i));
      }
    }
    // customers, identities, current consents, consent history, and the access-log row.
    expect(counts).toEqual([5, 5]);
  });

  it('answers null for an unknown representation and keeps the order of the others', async () => {
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id displayName } } }`,
      {
        r: [{ __typename: 'Customer', id: 'nobody' }, ...reps([2, 1])],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toEqual([
      null,
      { id: 'cus-02', displayName: 'First2 Last2' },
      { id: 'cus-01', displayName: 'First1 Last1' },
    ]);
  });

  it('serves a customers page with its fan-out fields in a constant number of statements', async () => {
    const counts: number[] = [];
    for (const n of [5, 50]) {
      testDb.resetStatementCount();
      const result = await run(
        `query($n: Int!) { customers(first: $n) { nodes { id displayName email consents { status } consent(purpose: MARKETING, channel: EMAIL) { status } } } }`,
        { n },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data.customers.nodes).toHaveLength(n);
      counts.push(testDb.statementCount());
    }
    // customers, consents, privacy preferences, and the access-log row.
    expect(counts).toEqual([4, 4]);
  });

  it('publishes the Customer entity in the subgraph SDL', async () => {
    const result = await run(`{ _service { sdl } }`);
    expect(result.data._service.sdl).toMatch(/type Customer\s+@key\(fields: "id"\)/);
  });
});
