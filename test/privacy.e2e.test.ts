// Data-subject requests end to end through the gateway (docs/privacy.md): a person with orders, a
// cart, touchpoints, consent, an audience membership and a queued message is erased in every domain
// (then no column of any table of any domain's database holds their id, email, phone or name, only
// the tombstone hashes) and cannot be re-created; an export collects every domain's part into one
// document that is purged after its retention; only privacy:admin may do any of it.
import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '../scripts/seed/world.js';
import { SUBGRAPH_NAMES } from '../shared/config.js';
import { runJob } from '../shared/jobs/wait.js';
import { endErasure, startErasure } from '../subgraphs/campaigns/src/db/read-model.repository.js';
import { applyOrdersEvent } from '../subgraphs/campaigns/src/events/consumed.js';
import { openDataSubjectRequest } from '../subgraphs/customers/src/privacy.js';
import { DEFAULT_CUSTOMERS_SETTINGS } from '../subgraphs/customers/src/settings.js';
import { until } from './support/event-logs.js';
import { startInProcessMesh, type InProcessMesh } from './support/in-process-mesh.js';
import { startPrivacyEvents } from './support/privacy-events.js';

const world = createWorld(
  { customers: 20, products: 12, orders: 60, campaigns: 2, touchpoints: 40 },
  23,
  new Date('2026-11-01T00:00:00Z'),
);
let mesh: InProcessMesh;
let privacyEvents: Awaited<ReturnType<typeof startPrivacyEvents>> | undefined;
/** A request opened while no consumer ran (as before a restart): it must still complete. */
let openedBeforeConsumersRan: string;

/** The person to erase: identifiers unlikely to occur anywhere else, so any hit in the scan is theirs. */
const PERSON = {
  id: 'dsr-zq-4711',
  email: 'zebulon.quimbleworth@example.org',
  phone: '+4915199887766',
  firstName: 'Zebulon',
  lastName: 'Quimbleworth',
  loyaltyId: 'LOY-ZQ-90817',
};
const EXPORTED = {
  id: 'dsr-export-1',
  email: 'export.subject@example.org',
  phone: '+4915100001111',
  firstName: 'Ottilie',
  lastName: 'Exporter',
  loyaltyId: 'LOY-EX-1',
};

// The README's "Privacy" operations, run as written with a token that holds privacy:admin only.
const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const privacySection = readme.slice(
  readme.indexOf('## Privacy\n'),
  readme.indexOf('\n## ', readme.indexOf('## Privacy\n') + 5),
);
const documented = new Map(
  [...privacySection.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => [
    /^(?:query|mutation)\s+(\w+)/m.exec(match[1])![1],
    match[1],
  ]),
);

/** Runs a README operation by name as the data-protection officer (privacy:admin, no adhoc). */
async function documentedOperation(name: string, variables: Record<string, unknown>) {
  const text = documented.get(name);
  expect(text, `README Privacy has ${name}`).toBeDefined();
  const result = await mesh.query(text!, variables, await mesh.token(['privacy:admin'], { subject: 'dpo' }));
  expect(result.errors).toBeUndefined();
  return result.data;
}

async function ok<T = any>(text: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await mesh.query<T>(text, variables);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

const REQUEST_FIELDS = `id kind regime status customerId requestedBy createdAt dueAt completedAt
  domains { domain status completedAt } exportDocument exportExpiresAt`;

async function requestOf(id: string) {
  return (await ok(`query($id: ID!) { dataSubjectRequest(id: $id) { ${REQUEST_FIELDS} } }`, { id })).dataSubjectRequest;
}

async function completed(id: string) {
  await until(async () => (await requestOf(id))?.status === 'COMPLETED', 60_000);
  return requestOf(id);
}

const sku = (i: number) => world.product(i).sku;

/** A person with everything the mesh can hold about them, written through the gateway. */
async function createPerson(person: typeof PERSON, orderId: string) {
  await ok(`mutation($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { id } }`, {
    input: {
      id: person.id,
      email: person.email,
      phone: person.phone,
      firstName: person.firstName,
      lastName: person.lastName,
      country: 'DE',
      city: 'Quimbleton',
    },
  });
  await ok(`mutation($id: ID!, $v: Text!) { addIdentity(customerId: $id, type: LOYALTY_ID, value: $v) { id } }`, {
    id: person.id,
    v: person.loyaltyId,
  });
  await ok(`mutation($input: SetConsentInput!) { setConsent(input: $input) { status } }`, {
    input: { customerId: person.id, purpose: 'MARKETING', channel: 'EMAIL', status: 'OPT_IN', source: 'signup' },
  });
  await ok(`mutation($input: RecordOrderInput!) { recordOrder(input: $input) { id } }`, {
    input: {
      externalId: orderId,
      customerId: person.id,
      channel: 'WEB',
      status: 'PAID',
      // Before the cart: the cart below is abandoned, not converted.
      placedAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      lines: [{ sku: sku(0), quantity: 1, unitPrice: 25 }],
    },
  });
  const cart = await ok(`mutation($input: UpdateCartInput!) { updateCart(input: $input) { id } }`, {
    input: { customerId: person.id, lines: [{ sku: sku(1), quantity: 2, unitPrice: 10 }] },
  });
  return cart.updateCart.id as string;
}

const rowsOf = async (db: Kysely<any>, table: string, customerId: string) =>
  Number(
    (
      await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where customer_id = ${customerId}`.execute(
        db,
      )
    ).rows[0].n,
  );

beforeAll(async () => {
  mesh = await startInProcessMesh(world);
}, 180_000);

afterAll(async () => {
  await privacyEvents?.close();
  await mesh?.close();
}, 60_000);

describe('opening a request', () => {
  it('refuses callers without privacy:admin and writes nothing', async () => {
    const count = () => mesh.databases.customers.rowCount('data_subject_requests');
    const before = await count();
    const mutation = `mutation { requestErasure(customerId: "${world.customer(0).id}") { id } }`;
    const anonymous = await fetch(mesh.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: mutation }),
    }).then((response) => response.json());
    expect(anonymous.data?.requestErasure ?? null).toBeNull();
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const analyst = await mesh.token(['pii:read', 'customers:write', 'marketing:read', 'adhoc']);
    for (const query of [
      mutation,
      `mutation { requestDataExport(customerId: "${world.customer(0).id}") { id } }`,
      `query { dataSubjectRequest(id: "x") { id } }`,
    ]) {
      const refused = await mesh.query(query, undefined, analyst);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await count()).toBe(before);
  });

  it('answers NOT_FOUND for an unknown customer, and the open request for a repeated one', async () => {
    const unknown = await mesh.query(`mutation { requestErasure(customerId: "nobody-here") { id } }`);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    // No consumer runs yet, so the first request is still open when the second one comes.
    const customerId = world.customer(1).id;
    const first = await openDataSubjectRequest(mesh.databases.customers.db, DEFAULT_CUSTOMERS_SETTINGS, {
      customerId,
      kind: 'EXPORT',
      regime: 'CCPA',
      requestedBy: 'test',
    });
    const again = await ok(`mutation($id: ID!) { requestDataExport(customerId: $id) { ${REQUEST_FIELDS} } }`, {
      id: customerId,
    });
    openedBeforeConsumersRan = first.id;
    expect(again.requestDataExport).toMatchObject({
      id: first.id,
      kind: 'EXPORT',
      regime: 'CCPA',
      status: 'OPEN',
      customerId,
      exportDocument: null,
    });
    // CCPA: 45 days to answer.
    const { createdAt, dueAt } = again.requestDataExport;
    expect(Date.parse(dueAt) - Date.parse(createdAt)).toBe(45 * 86_400_000);
    expect(again.requestDataExport.domains).toEqual(
      [...SUBGRAPH_NAMES].sort().map((domain) => ({ domain, status: 'PENDING', completedAt: null })),
    );
  });
});

describe('erasure', () => {
  let requestId: string;

  beforeAll(async () => {
    privacyEvents = await startPrivacyEvents(mesh.databases);
    for (const i of [0, 1]) {
      await ok(`mutation($input: AdjustStockInput!) { adjustStock(input: $input) { sku } }`, {
        input: { sku: sku(i), location: world.product(i).stock[0].location, delta: 50 },
      });
    }
    const cartId = await createPerson(PERSON, 'shop-order-81723');
    // The cart went idle 45 minutes ago: the reminder trigger queues a message (its SEND touchpoint waits for delivery).
    await sql`update carts set last_activity_at = now() - interval '45 minutes' where id = ${cartId}`.execute(
      mesh.databases.orders.db,
    );
    const campaign = await ok(
      `mutation { createCampaign(input: { name: "Winter", channel: EMAIL, status: ACTIVE }) { id } }`,
    );
    const campaignId = campaign.createCampaign.id;
    await ok(`mutation($input: RecordTouchpointInput!) { recordTouchpoint(input: $input) { id } }`, {
      input: { customerId: PERSON.id, campaignId, kind: 'CLICK' },
    });
    // Campaigns' read models (consent, order and cart facts) follow customers' and orders' events.
    await until(async () => (await rowsOf(mesh.databases.campaigns.db, 'cart_facts', PERSON.id)) === 1);
    await until(async () => (await rowsOf(mesh.databases.campaigns.db, 'consent_state', PERSON.id)) === 1);
    await runJob(mesh.graphRequest(), `mutation { runCartReminderTrigger { id } }`);
    await runJob(mesh.graphRequest(), `mutation { refreshRfm { id } }`);
    await ok(
      `mutation($id: ID!) { setAudienceRule(campaignId: $id, rule: { segments: [CHAMPIONS, LOYAL, CANT_LOSE, AT_RISK, HIBERNATING, NEED_ATTENTION, ABOUT_TO_SLEEP, POTENTIAL_LOYALIST, PROMISING, NEW], channel: EMAIL, country: "DE" }) { id } }`,
      { id: campaignId },
    );
    await runJob(mesh.graphRequest(), `mutation($id: ID!) { buildAudience(campaignId: $id) { id } }`, {
      id: campaignId,
    });
  }, 180_000);

  it('has the person in every domain before', async () => {
    const { campaigns, orders } = mesh.databases;
    // Read models too: order and cart facts, consent state.
    for (const table of ['order_facts', 'cart_facts', 'consent_state'])
      expect({ table, rows: await rowsOf(campaigns.db, table, PERSON.id) }).toEqual({ table, rows: 1 });
    expect(await rowsOf(campaigns.db, 'audience_members', PERSON.id)).toBe(1);
    expect(await rowsOf(campaigns.db, 'cart_reminders', PERSON.id)).toBe(1);
    expect(await rowsOf(campaigns.db, 'touchpoints', PERSON.id)).toBe(1);
    expect(await rowsOf(orders.db, 'rfm_scores', PERSON.id)).toBeGreaterThan(0);
    expect(await findPerson()).not.toEqual([]);
  });

  it('completes in every domain and reports each one', async () => {
    const opened = await documentedOperation('RequestErasure', { customerId: PERSON.id });
    requestId = opened.requestErasure.id;
    // It may already have completed: the consumers run while the test reads.
    expect(await requestOf(requestId)).toMatchObject({ kind: 'ERASURE', regime: 'GDPR', requestedBy: 'dpo' });
    await completed(requestId);
    const request = (await documentedOperation('DataSubjectRequestProgress', { id: requestId })).dataSubjectRequest;
    expect(request.domains.map((part: any) => [part.domain, part.status])).toEqual(
      [...SUBGRAPH_NAMES].sort().map((domain) => [domain, 'DONE']),
    );
    // The request no longer names the person; it is due one calendar month after it was opened.
    expect(request).toMatchObject({ status: 'COMPLETED', customerId: null });
    const created = new Date(request.createdAt);
    expect(new Date(request.dueAt).getUTCMonth()).toBe((created.getUTCMonth() + 1) % 12);
    expect((await ok(`query($id: ID!) { customer(id: $id) { id } }`, { id: PERSON.id })).customer).toBeNull();
  });

  it('leaves no trace of the person in any column of any table of any domain, only tombstone hashes', async () => {
    expect(await findPerson()).toEqual([]);
    // Once the request closed, campaigns no longer needs to know an erasure was under way.
    await until(async () => (await mesh.databases.campaigns.rowCount('erasures_in_progress')) === 0);
    expect(await mesh.databases.customers.rowCount('erasure_tombstones')).toBe(4);
    // Orders keep the financial record, detached from the person.
    const kept = await sql<{
      customer_id: string;
    }>`select customer_id from orders where external_id = 'shop-order-81723'`.execute(mesh.databases.orders.db);
    expect(kept.rows).toEqual([{ customer_id: `erased:${requestId}` }]);
  });

  it('refuses to re-create the erased customer by id, email or phone; a new sign-up is a new customer', async () => {
    const upsert = `mutation($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { id consents { status } } }`;
    for (const input of [
      { id: PERSON.id, firstName: 'Again' },
      { email: PERSON.email.toUpperCase() },
      { id: 'dsr-someone-else', phone: PERSON.phone },
    ]) {
      const refused = await mesh.query(upsert, { input });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ERASED' });
    }
    const identity = await mesh.query(
      `mutation { addIdentity(customerId: "${world.customer(2).id}", type: LOYALTY_ID, value: "${PERSON.loyaltyId}") { id } }`,
    );
    expect(identity.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ERASED' });
    expect(
      await sql`select 1 from customers where id = 'dsr-someone-else'`.execute(mesh.databases.customers.db),
    ).toMatchObject({ rows: [] });
    const signUp = await ok(upsert, { input: { email: PERSON.email, signUp: true } });
    expect(signUp.upsertCustomer.id).not.toBe(PERSON.id);
    expect(signUp.upsertCustomer.consents).toEqual([]);
  });
});

describe('export', () => {
  it('collects every domain into one document for privacy:admin, purged after its retention', async () => {
    await createPerson(EXPORTED, 'export-order-1');
    const opened = await documentedOperation('RequestDataExport', { customerId: EXPORTED.id });
    const request = await completed(opened.requestDataExport.id);
    const { dataSubjectRequest } = await documentedOperation('DataExportDocument', { id: request.id });
    expect(dataSubjectRequest.status).toBe('COMPLETED');
    const document = JSON.parse(dataSubjectRequest.exportDocument);
    expect(Object.keys(document.domains).sort()).toEqual([...SUBGRAPH_NAMES].sort());
    expect(document.domains.customers.profile).toMatchObject({ id: EXPORTED.id, first_name: EXPORTED.firstName });
    expect(document.domains.customers.identities.map((identity: any) => identity.type).sort()).toEqual([
      'EMAIL',
      'LOYALTY_ID',
      'PHONE',
    ]);
    expect(document.domains.customers.consentRecords).toMatchObject([{ purpose: 'MARKETING', status: 'OPT_IN' }]);
    expect(document.domains.orders.orders).toMatchObject([
      { external_id: 'export-order-1', lines: [{ sku: sku(0), quantity: 1 }] },
    ]);
    expect(document.domains.orders.carts).toMatchObject([{ lines: [{ sku: sku(1), quantity: 2 }] }]);
    expect(document.domains.campaigns).toHaveProperty('touchpoints');
    expect(document.domains.inventory).toMatchObject({ reservations: [] });
    expect(Date.parse(request.exportExpiresAt) - Date.parse(request.completedAt)).toBe(30 * 86_400_000);

    // Closing the request drops each domain's copy of its part from its outbox.
    await until(async () => {
      const held = await Promise.all(
        SUBGRAPH_NAMES.map(
          async (name) =>
            (
              await sql<{
                n: number;
              }>`select count(*) as n from outbox where type = 'DataSubjectRequestProgressed' and key = ${request.id} and payload->'exportPart' <> 'null'::jsonb`.execute(
                mesh.databases[name].db,
              )
            ).rows[0].n,
        ),
      );
      return held.every((n) => Number(n) === 0);
    });

    // Past its retention the document is gone (read or swept), and so are the parts.
    await sql`update data_subject_requests set export_expires_at = now() - interval '1 second' where id = ${request.id}`.execute(
      mesh.databases.customers.db,
    );
    expect(await requestOf(request.id)).toMatchObject({ exportDocument: null, exportExpiresAt: null });
    const parts = await sql<{
      n: number;
    }>`select count(*) as n from data_subject_request_domains where request_id = ${request.id} and export_part is not null`.execute(
      mesh.databases.customers.db,
    );
    expect(Number(parts.rows[0].n)).toBe(0);
  });
});

describe('delivery', () => {
  it('campaigns skips late read-model events about a customer being erased, until the request closes', async () => {
    const { db } = mesh.databases.campaigns;
    const lateCart = (position: number) => ({
      id: crypto.randomUUID(),
      type: 'CartUpdated',
      version: 1,
      key: 'dsr-late',
      occurredAt: new Date(),
      recordedAt: new Date(),
      producer: 'orders',
      position,
      payload: {
        cartId: 'cart-late',
        customerId: 'dsr-late',
        lastActivityAt: new Date().toISOString(),
        value: 1,
        lines: [],
      },
    });
    await db.transaction().execute((trx) => startErasure(trx, 'dsr-late', 'request-late'));
    await db.transaction().execute((trx) => applyOrdersEvent(trx, lateCart(1)));
    expect(await rowsOf(db, 'cart_facts', 'dsr-late')).toBe(0);
    await db.transaction().execute((trx) => endErasure(trx, 'request-late'));
    await db.transaction().execute((trx) => applyOrdersEvent(trx, lateCart(2)));
    expect(await rowsOf(db, 'cart_facts', 'dsr-late')).toBe(1);
  });

  it('completes a request opened while no consumer ran, once they run (a restart)', async () => {
    expect(await completed(openedBeforeConsumersRan)).toMatchObject({ status: 'COMPLETED', kind: 'EXPORT' });
  });

  it('retries a domain whose part fails until it succeeds, never giving up', async () => {
    const campaigns = mesh.databases.campaigns.db;
    // Campaigns cannot do its part while one of its tables is missing (an outage of its own).
    await sql`alter table privacy_state rename to privacy_state_away`.execute(campaigns);
    let restored = false;
    try {
      const opened = await ok(`mutation($id: ID!) { requestDataExport(customerId: $id) { id } }`, {
        id: world.customer(4).id,
      });
      const id = opened.requestDataExport.id;
      const pending = async () =>
        (await requestOf(id)).domains.filter((part: any) => part.status === 'PENDING').map((part: any) => part.domain);
      await until(async () => (await pending()).join() === 'campaigns');
      // Several attempts later it is still waiting, not dead-lettered.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect((await requestOf(id)).status).toBe('OPEN');
      expect(await mesh.databases.campaigns.rowCount('dead_letters')).toBe(0);
      await sql`alter table privacy_state_away rename to privacy_state`.execute(campaigns);
      restored = true;
      expect((await completed(id)).domains.every((part: any) => part.status === 'DONE')).toBe(true);
    } finally {
      if (!restored) await sql`alter table privacy_state_away rename to privacy_state`.execute(campaigns);
    }
  });
});

/** Every (domain, table, column) whose text holds one of the person's identifiers. */
async function findPerson(): Promise<string[]> {
  const needles = [PERSON.id, PERSON.email, PERSON.phone, PERSON.firstName, PERSON.lastName, PERSON.loyaltyId];
  const hits: string[] = [];
  for (const name of SUBGRAPH_NAMES) {
    const { db, schema } = mesh.databases[name];
    const columns = await sql<{ table_name: string; column_name: string }>`
      select c.table_name, c.column_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = ${schema} and t.table_type = 'BASE TABLE'
        and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED')
      order by 1, 2`.execute(db);
    for (const { table_name, column_name } of columns.rows) {
      for (const needle of needles) {
        const found = await sql<{ n: number }>`select count(*) as n from ${sql.table(`${schema}.${table_name}`)}
          where ${sql.ref(column_name)}::text ilike ${`%${needle}%`}`.execute(db);
        if (Number(found.rows[0].n) > 0) hits.push(`${name}.${table_name}.${column_name}: ${needle}`);
      }
    }
  }
  return hits;
}
