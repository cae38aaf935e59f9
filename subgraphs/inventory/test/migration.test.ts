// The migration that makes locations explicit keeps existing data meaning what it meant: every
// location that stock, reservations or adjustments name becomes a locations row, every existing
// reservation one allocation, products get EUR and stay on sale, and a release after the upgrade
// gives the units back where they were taken.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../shared/migrate.js';
import { createTestDatabase, type TestDatabase } from '../../../shared/testing.js';
import { migrations } from '../src/db/migrations/index.js';
import { releaseReservation } from '../src/stock.js';

const BEFORE = Object.fromEntries(
  Object.entries(migrations).filter(([name]) => name < '2026120502'),
) as typeof migrations;

describe('the 2026120502 migration on existing data', () => {
  let testDb: TestDatabase<any>;
  beforeAll(async () => {
    testDb = await createTestDatabase<any>('inventory', BEFORE);
    const { db } = testDb;
    await db.insertInto('products').values({ sku: 'OLD-1', name: 'Old', category: 'c', price: 12.5 }).execute();
    await db
      .insertInto('stock_levels')
      .values([
        { sku: 'OLD-1', location: 'BER-DC', on_hand: 5, reserved: 2 },
        { sku: 'OLD-1', location: 'typo-dc', on_hand: 1, reserved: 0 },
      ])
      .execute();
    await db
      .insertInto('reservations')
      .values({ id: 'r-1', sku: 'OLD-1', location: 'BER-DC', quantity: 2, status: 'ACTIVE', reference: null })
      .execute();
    await db
      .insertInto('stock_adjustments')
      .values({ sku: 'OLD-1', location: 'GONE-DC', delta: 3, reason: null })
      .execute();
    await migrateToLatest(db, migrations, testDb.schema);
  });
  afterAll(async () => {
    await testDb?.destroy();
  });

  it('turns every location in use into a row, every reservation into its allocation', async () => {
    const { db } = testDb;
    expect(await db.selectFrom('locations').select(['code', 'name']).orderBy('code').execute()).toEqual([
      { code: 'BER-DC', name: 'BER-DC' },
      { code: 'GONE-DC', name: 'GONE-DC' },
      { code: 'typo-dc', name: 'typo-dc' },
    ]);
    expect(await db.selectFrom('reservation_allocations').selectAll().execute()).toEqual([
      { reservation_id: 'r-1', location: 'BER-DC', quantity: 2 },
    ]);
    expect(await db.selectFrom('products').select(['sku', 'currency', 'discontinued_at']).execute()).toEqual([
      { sku: 'OLD-1', currency: 'EUR', discontinued_at: null },
    ]);
  });

  it('releases a reservation made before the upgrade at its location, and refuses stock at an unknown location', async () => {
    const released = await releaseReservation(testDb.db, 'r-1');
    expect(released.allocations).toEqual([{ location: 'BER-DC', quantity: 2 }]);
    const level = await testDb.db
      .selectFrom('stock_levels')
      .select('reserved')
      .where('location', '=', 'BER-DC')
      .executeTakeFirstOrThrow();
    expect(level.reserved).toBe(0);
    await expect(
      testDb.db.insertInto('stock_levels').values({ sku: 'OLD-1', location: 'NOWHERE', on_hand: 1 }).execute(),
    ).rejects.toThrow();
  });
});
