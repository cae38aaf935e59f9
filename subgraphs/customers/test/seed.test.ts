import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCustomers } from '../../../scripts/seed/customers.js';
import { createWorld } from '../../../scripts/seed/world.js';
import { createTestDatabase, type TestDatabase } from '../../../shared/testing.js';
import type { CustomersDatabase } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';
import { createServer } from '../src/server.js';

let testDb: TestDatabase<CustomersDatabase>;

beforeAll(async () => {
  testDb = await createTestDatabase<CustomersDatabase>('customers', migrations);
});

afterAll(async () => {
  await testDb.destroy();
});

describe('seedCustomers', () => {
  it("writes the world's customers, identities and consent history, and the API reads them back", async () => {
    // 2,050 customers: two batches, the second one small.
    const world = createWorld(
      { customers: 2_050, products: 10, orders: 0, campaigns: 1, touchpoints: 0 },
      7,
      new Date('2026-06-01T00:00:00Z'),
    );
    const reports: [number, number][] = [];
    await seedCustomers(testDb.db, world, (done, total) => reports.push([done, total]));
    expect(reports).toEqual([
      [2_000, 2_050],
      [2_050, 2_050],
    ]);

    let identities = 0;
    let consents = 0;
    for (let i = 0; i < 2_050; i++) {
      const c = world.customer(i);
      identities += 1 + (c.phone ? 1 : 0) + (c.loyaltyId ? 1 : 0);
      consents += c.consents.length;
    }
    const count = async (table: keyof CustomersDatabase) => testDb.rowCount(table);
    expect(await count('customers')).toBe(2_050);
    expect(await count('customer_identities')).toBe(identities);
    expect(await count('consent_records')).toBe(consents);
    // Every seeded fact is published, in the same transaction as its rows.
    const published = await testDb.db
      .selectFrom('outbox')
      .select(['type', sql<number>`count(*)`.as('n')])
      .groupBy('type')
      .orderBy('type')
      .execute();
    expect(published).toEqual([
      { type: 'ConsentChanged', n: consents },
      { type: 'CustomerUpserted', n: 2_050 },
      { type: 'IdentityAdded', n: identities },
    ]);

    // A customer with every kind of identity and a withdrawn consent, read through the API.
    const index = Array.from({ length: 2_050 }, (_, i) => i).find((i) => {
      const c = world.customer(i);
      return c.phone && c.loyaltyId && c.birthDate && c.consents.some((r) => r.source === 'unsubscribe-link');
    })!;
    const customer = world.customer(index);
    const server = createServer({ db: testDb.db });
    await server.apollo.start();
    try {
      const response = await server.apollo.executeOperation(
        {
          query: `query($id: ID!, $loyalty: Text!) {
            customer(id: $id) { id displayName email phone birthDate country city createdAt consents { purpose channel status source capturedAt } }
            customerByIdentity(type: LOYALTY_ID, value: $loyalty) { id }
          }`,
          variables: { id: customer.id, loyalty: customer.loyaltyId!.toLowerCase() },
        },
        { contextValue: server.createContext() },
      );
      const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
      expect(result?.errors).toBeUndefined();
      const data = result!.data as any;
      expect(data.customerByIdentity).toEqual({ id: customer.id });
      expect(data.customer).toMatchObject({
        id: customer.id,
        displayName: `${customer.firstName} ${customer.lastName}`,
        email: customer.email,
        phone: customer.phone,
        birthDate: customer.birthDate,
        country: customer.country,
        city: customer.city,
        createdAt: customer.createdAt.toISOString(),
      });
      // Latest record per purpose and channel, as the world defines it.
      const latest = new Map<string, (typeof customer.consents)[number]>();
      for (const record of [...customer.consents].sort((a, b) => a.capturedAt.getTime() - b.capturedAt.getTime()))
        latest.set(`${record.purpose}/${record.channel}`, record);
      expect(data.customer.consents).toHaveLength(latest.size);
      for (const consent of data.customer.consents) {
        const expected = latest.get(`${consent.purpose}/${consent.channel}`)!;
        expect(consent).toEqual({
          purpose: expected.purpose,
          channel: expected.channel,
          status: expected.status,
          source: expected.source,
          capturedAt: expected.capturedAt.toISOString(),
        });
      }
      expect(
        data.customer.consents.some(
          (c: { source: string; status: string }) => c.source === 'unsubscribe-link' && c.status === 'OPT_OUT',
        ),
      ).toBe(true);
    } finally {
      await server.apollo.stop();
    }
  });
});
