// The audit trail through the gateway: reads of personal fields and mutations are recorded by the
// domain that served them (subject, operation, purpose, fields, customers as keyed hashes), the
// logs are append-only, and privacy:admin reads every domain's records in one query.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ALL_SCOPES } from '../shared/auth.js';
import { ACCESS_LOG_RETENTION_DAYS } from '../shared/audit/migration.js';
import { enforceRetention, SHARED_RETENTION } from '../shared/retention.js';
import { createWorld } from '../scripts/seed/world.js';
import { useInProcessMesh } from './support/in-process-mesh.js';

const world = createWorld({ customers: 30, products: 10, orders: 80, campaigns: 2, touchpoints: 40 }, 21);
const customerId = world.customerId(3);
const running = useInProcessMesh(world);
let admin: string;

beforeAll(async () => {
  admin = await running.mesh.token([...ALL_SCOPES], { subject: 'auditor@example.org' });
});

async function post(query: string, options: { token?: string; purpose?: string; variables?: object } = {}) {
  const response = await fetch(running.mesh.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${options.token ?? admin}`,
      ...(options.purpose !== undefined ? { 'x-purpose': options.purpose } : {}),
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const TRAIL = `query Trail($customerId: ID, $subject: ShortText) {
  auditTrail(customerId: $customerId, subject: $subject) {
    customers(first: 50) { edges { node { domain kind subject operationName purpose fields customerRefs customerCount } } }
    orders(first: 50) { edges { node { domain kind subject operationName fields customerCount } } }
    inventory(first: 50) { edges { node { kind operationName } } }
    campaigns(first: 50) { edges { node { kind operationName } } }
  }
}`;

const nodes = (connection: { edges: { node: any }[] }) => connection.edges.map((edge) => edge.node);

describe('the audit trail', () => {
  it('records a read of personal fields with subject, purpose, fields and the customer, and nothing for other reads', async () => {
    const reader = await running.mesh.token(['pii:read', 'adhoc'], { subject: 'agent-7' });
    const read = await post(`query SupportCall { customer(id: "${customerId}") { id email phone } }`, {
      token: reader,
      purpose: 'support ticket 4711',
    });
    expect(read.body.errors).toBeUndefined();
    await post(`query CountryOnly { customer(id: "${customerId}") { id country } }`, { token: reader });

    const trail = await post(TRAIL, { variables: { customerId } });
    expect(trail.body.errors).toBeUndefined();
    const records = nodes(trail.body.data.auditTrail.customers);
    const support = records.filter((record: any) => record.operationName === 'SupportCall');
    expect(support).toHaveLength(1);
    expect(support[0]).toMatchObject({
      domain: 'customers',
      kind: 'READ',
      subject: 'agent-7',
      purpose: 'support ticket 4711',
      fields: ['Customer.email', 'Customer.phone'],
      customerCount: 1,
    });
    expect(support[0].customerRefs[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(support[0].customerRefs[0]).not.toContain(customerId);
    expect(records.some((record: any) => record.operationName === 'CountryOnly')).toBe(false);
  });

  it('records a mutation in the domain that ran it, findable by the customer it concerned', async () => {
    const writer = await running.mesh.token(['orders:write', 'adhoc'], { subject: 'shop-backend' });
    const recorded = await post(`mutation Checkout($i: RecordOrderInput!) { recordOrder(input: $i) { id } }`, {
      token: writer,
      variables: {
        i: {
          externalId: 'audit-1',
          customerId,
          channel: 'WEB',
          placedAt: new Date().toISOString(),
          lines: [{ sku: world.sku(0), quantity: 1, unitPrice: 5 }],
        },
      },
    });
    expect(recorded.body.errors).toBeUndefined();
    const trail = await post(TRAIL, { variables: { customerId } });
    const orders = nodes(trail.body.data.auditTrail.orders);
    expect(orders).toContainEqual(
      expect.objectContaining({
        domain: 'orders',
        kind: 'MUTATION',
        subject: 'shop-backend',
        operationName: 'Checkout',
        fields: ['Mutation.recordOrder'],
        customerCount: 1,
      }),
    );
    // The trail can be asked by subject as well, across domains.
    const bySubject = await post(TRAIL, { variables: { subject: 'shop-backend' } });
    expect(nodes(bySubject.body.data.auditTrail.orders).length).toBeGreaterThan(0);
    expect(nodes(bySubject.body.data.auditTrail.customers)).toEqual([]);
  });

  it('is for privacy:admin only, and a purpose that is not a short label is refused at the edge', async () => {
    const marketer = await running.mesh.token(['marketing:read', 'pii:read', 'adhoc']);
    const refused = await post(TRAIL, { token: marketer, variables: { customerId } });
    expect(refused.body.data?.auditTrail ?? null).toBeNull();
    expect(refused.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const badPurpose = await post('{ __typename }', { purpose: 'x'.repeat(101) });
    expect(badPurpose.status).toBe(400);
    expect(badPurpose.body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('keeps the log append-only in the database and never stores a customer id', async () => {
    const db = running.mesh.databases.customers.db;
    await expect(sql`update access_log set subject = 'someone else'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from access_log`.execute(db)).rejects.toThrow(/keeps records/);
    for (const name of ['customers', 'orders'] as const) {
      const rows = await sql<{ text: string }>`select access_log::text as text from access_log`.execute(
        running.mesh.databases[name].db,
      );
      expect(rows.rows.length).toBeGreaterThan(0);
      for (const row of rows.rows) expect(row.text).not.toContain(customerId);
    }
  });

  it('purges records past the retention, and only those', async () => {
    const db = running.mesh.databases.inventory.db;
    const old = new Date(Date.now() - (ACCESS_LOG_RETENTION_DAYS + 1) * 86_400_000);
    await sql`insert into access_log (at, kind, subject, operation_name, fields, customer_refs, customer_count)
      values (${old}, 'MUTATION', 'old', 'Old', array['Mutation.adjustStock'], array[]::text[], 0),
             (now(), 'MUTATION', 'new', 'New', array['Mutation.adjustStock'], array[]::text[], 0)`.execute(db);
    expect(await enforceRetention(db, SHARED_RETENTION.find((policy) => policy.table === 'access_log')!)).toBe(1);
    const left = await sql<{ subject: string }>`select subject from access_log where subject in ('old', 'new')`.execute(
      db,
    );
    expect(left.rows).toEqual([{ subject: 'new' }]);
  });
});
