// reserveStock over several locations: the allocation rule on its own, the allocations a reservation
// records and a release gives back, and no overselling (nor deadlock) when reservations and releases
// race over the same product's locations: on PGlite and, with TEST_DATABASE_URL, on Postgres with
// real concurrent transactions.
import { beforeEach, describe, expect, it } from 'vitest';
import { errorCodeOf as codeOf } from '../../../shared/testing.js';
import { allocate } from '../src/allocation.js';
import { emptyInventory, useInventorySubgraph } from './harness.js';

describe('the allocation rule', () => {
  const levels = [
    { location: 'MAD', available: 2 },
    { location: 'BER', available: 5 },
    { location: 'PAR', available: 5 },
    { location: 'LIS', available: 0 },
  ];

  it('takes one location when one can cover it: the one with the most units, ties by code', () => {
    expect(allocate(levels, 4)).toEqual([{ location: 'BER', quantity: 4 }]);
    expect(allocate(levels, 5)).toEqual([{ location: 'BER', quantity: 5 }]);
  });

  it('splits over the locations with the most units first when none can cover it', () => {
    expect(allocate(levels, 11)).toEqual([
      { location: 'BER', quantity: 5 },
      { location: 'PAR', quantity: 5 },
      { location: 'MAD', quantity: 1 },
    ]);
    expect(allocate(levels, 12)).toHaveLength(3);
    expect(allocate(levels, 13)).toBeUndefined();
  });

  it('starts with the preferred location, as much as it has', () => {
    expect(allocate(levels, 4, { preferred: 'MAD' })).toEqual([
      { location: 'MAD', quantity: 2 },
      { location: 'BER', quantity: 2 },
    ]);
    expect(allocate(levels, 1, { preferred: 'PAR' })).toEqual([{ location: 'PAR', quantity: 1 }]);
    expect(allocate(levels, 1, { preferred: 'LIS' })).toEqual([{ location: 'BER', quantity: 1 }]);
  });

  it('takes only the given location, all or nothing, when asked to', () => {
    expect(allocate(levels, 2, { only: 'MAD' })).toEqual([{ location: 'MAD', quantity: 2 }]);
    expect(allocate(levels, 3, { only: 'MAD' })).toBeUndefined();
  });
});

const inventory = useInventorySubgraph();
const run = (query: string, variables?: Record<string, unknown>) => inventory.run(query, variables);

const RESERVE = `mutation($input: ReserveStockInput!) { reserveStock(input: $input) { id location quantity allocations { location quantity } } }`;
const RELEASE = `mutation($id: ID!) { releaseReservation(id: $id) { status allocations { location quantity } } }`;

async function setStock(levels: Record<string, number>) {
  const { db } = inventory.testDb;
  await db.deleteFrom('stock_levels').where('sku', '=', 'SKU-1').execute();
  await db
    .insertInto('stock_levels')
    .values(Object.entries(levels).map(([location, on_hand]) => ({ sku: 'SKU-1', location, on_hand })))
    .execute();
}

async function stockBy(): Promise<Record<string, { onHand: number; reserved: number }>> {
  const rows = await inventory.testDb.db.selectFrom('stock_levels').selectAll().where('sku', '=', 'SKU-1').execute();
  return Object.fromEntries(rows.map((row) => [row.location, { onHand: row.on_hand, reserved: row.reserved }]));
}

beforeEach(async () => {
  const { db } = inventory.testDb;
  await emptyInventory(inventory.testDb);
  await db
    .insertInto('locations')
    .values(['BER', 'MAD', 'PAR'].map((code) => ({ code, name: code })))
    .execute();
  await db.insertInto('products').values({ sku: 'SKU-1', name: 'Dress', category: 'dresses', price: 30 }).execute();
});

describe('reservations over several locations', () => {
  it('records which locations gave how many units, and release gives each its units back', async () => {
    await setStock({ BER: 3, MAD: 2, PAR: 4 });
    const reserved = await run(RESERVE, { input: { sku: 'SKU-1', quantity: 8, reference: 'order-1' } });
    expect(reserved.errors).toBeUndefined();
    expect(reserved.data.reserveStock).toMatchObject({
      location: 'PAR',
      quantity: 8,
      allocations: [
        { location: 'BER', quantity: 3 },
        { location: 'MAD', quantity: 1 },
        { location: 'PAR', quantity: 4 },
      ],
    });
    expect(await stockBy()).toEqual({
      BER: { onHand: 3, reserved: 3 },
      MAD: { onHand: 2, reserved: 1 },
      PAR: { onHand: 4, reserved: 4 },
    });
    // Stock arriving elsewhere meanwhile does not change where the units go back to.
    await run(`mutation { adjustStock(input: { sku: "SKU-1", location: "MAD", delta: 10 }) { sku } }`);
    const released = await run(RELEASE, { id: reserved.data.reserveStock.id });
    expect(released.data.releaseReservation).toEqual({
      status: 'RELEASED',
      allocations: reserved.data.reserveStock.allocations,
    });
    expect(await stockBy()).toEqual({
      BER: { onHand: 3, reserved: 0 },
      MAD: { onHand: 12, reserved: 0 },
      PAR: { onHand: 4, reserved: 0 },
    });
    const events = await inventory.testDb.db
      .selectFrom('outbox')
      .select('payload')
      .where('type', '=', 'StockChanged')
      .execute();
    const changes = events
      .map(({ payload }) => payload as { change: string; location: string; delta: number })
      .sort((a, b) => a.location.localeCompare(b.location));
    expect(changes.filter((c) => c.change === 'RESERVED').map((c) => [c.location, c.delta])).toEqual([
      ['BER', 3],
      ['MAD', 1],
      ['PAR', 4],
    ]);
    expect(changes.filter((c) => c.change === 'RELEASED').map((c) => [c.location, c.delta])).toEqual([
      ['BER', -3],
      ['MAD', -1],
      ['PAR', -4],
    ]);
  });

  it('starts at the preferred location; location alone never splits', async () => {
    await setStock({ BER: 3, MAD: 2, PAR: 4 });
    const preferred = await run(RESERVE, { input: { sku: 'SKU-1', quantity: 3, preferredLocation: 'MAD' } });
    expect(preferred.data.reserveStock).toMatchObject({
      location: 'MAD',
      allocations: [
        { location: 'MAD', quantity: 2 },
        { location: 'PAR', quantity: 1 },
      ],
    });
    const only = await run(RESERVE, { input: { sku: 'SKU-1', quantity: 4, location: 'BER' } });
    expect(codeOf(only)).toBe('CONFLICT');
    expect(only.errors?.[0]?.message).toBe('Not enough stock of SKU-1 at BER to reserve 4');
    const tooMany = await run(RESERVE, { input: { sku: 'SKU-1', quantity: 7 } });
    expect(codeOf(tooMany)).toBe('CONFLICT');
    expect(tooMany.errors?.[0]?.message).toBe('Not enough stock of SKU-1 over all locations to reserve 7');
  });

  it('answers NOT_FOUND for an unknown location and BAD_USER_INPUT for both kinds at once', async () => {
    await setStock({ BER: 3 });
    for (const input of [
      { sku: 'SKU-1', quantity: 1, location: 'NOPE' },
      { sku: 'SKU-1', quantity: 1, preferredLocation: 'NOPE' },
    ])
      expect(codeOf(await run(RESERVE, { input }))).toBe('NOT_FOUND');
    const both = await run(RESERVE, {
      input: { sku: 'SKU-1', quantity: 1, location: 'BER', preferredLocation: 'BER' },
    });
    expect(codeOf(both)).toBe('BAD_USER_INPUT');
    expect(await inventory.testDb.rowCount('reservations')).toBe(0);
  });

  it('never oversells when reservations and releases race over several locations', async () => {
    await setStock({ BER: 4, MAD: 3, PAR: 2 });
    // 30 racing reservations of 2 units over 9 units in three locations: exactly 4 fit.
    const first = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        run(RESERVE, {
          input: { sku: 'SKU-1', quantity: 2, reference: `race-${i}`, preferredLocation: ['BER', 'MAD', 'PAR'][i % 3] },
        }),
      ),
    );
    const won = first.filter((result) => !result.errors);
    expect(won).toHaveLength(4);
    expect(first.filter((result) => codeOf(result) === 'CONFLICT')).toHaveLength(26);
    await expectConsistent();

    // Releases and new reservations of 3 race each other: lock order keeps them from deadlocking,
    // and every outcome is a success or a CONFLICT.
    const second = await Promise.all([
      ...won.map((result) => run(RELEASE, { id: result.data.reserveStock.id })),
      ...Array.from({ length: 12 }, (_, i) =>
        run(RESERVE, { input: { sku: 'SKU-1', quantity: 3, reference: `b-${i}` } }),
      ),
    ]);
    for (const result of second) expect([undefined, 'CONFLICT']).toContain(codeOf(result));
    expect(second.slice(0, won.length).every((result) => !result.errors)).toBe(true);
    await expectConsistent();
    const reservedNow = Object.values(await stockBy()).reduce((sum, level) => sum + level.reserved, 0);
    expect(reservedNow).toBeLessThanOrEqual(9);
    expect(reservedNow).toBeGreaterThanOrEqual(3);
  });
});

/** Every location's reserved units are exactly the active reservations' allocations there, within on hand. */
async function expectConsistent() {
  const { db } = inventory.testDb;
  const allocated = await db
    .selectFrom('reservation_allocations as a')
    .innerJoin('reservations as r', 'r.id', 'a.reservation_id')
    .select(['a.location', 'a.quantity', 'r.quantity as total', 'r.id'])
    .where('r.status', '=', 'ACTIVE')
    .execute();
  const byLocation = new Map<string, number>();
  const byReservation = new Map<string, { sum: number; total: number }>();
  for (const row of allocated) {
    byLocation.set(row.location, (byLocation.get(row.location) ?? 0) + row.quantity);
    const seen = byReservation.get(row.id) ?? { sum: 0, total: row.total };
    seen.sum += row.quantity;
    byReservation.set(row.id, seen);
  }
  for (const { sum, total } of byReservation.values()) expect(sum).toBe(total);
  for (const [location, level] of Object.entries(await stockBy())) {
    expect(level.reserved, location).toBe(byLocation.get(location) ?? 0);
    expect(level.reserved, location).toBeLessThanOrEqual(level.onHand);
  }
}
