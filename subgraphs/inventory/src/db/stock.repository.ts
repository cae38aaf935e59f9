import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Allocation } from '../allocation.js';
import type { InventoryDatabase } from './database.js';
import type { ReservationRow, StockLevelRow } from './stock.table.js';

type Db = Kysely<InventoryDatabase> | Transaction<InventoryDatabase>;

export interface StockLevel {
  location: string;
  onHand: number;
  reserved: number;
  available: number;
  updatedAt: Date;
}

export function rowToStockLevel(row: StockLevelRow): StockLevel {
  return {
    location: row.location,
    onHand: row.on_hand,
    reserved: row.reserved,
    available: row.on_hand - row.reserved,
    updatedAt: row.updated_at,
  };
}

export interface Reservation {
  id: string;
  sku: string;
  location: string;
  quantity: number;
  status: 'ACTIVE' | 'RELEASED';
  reference: string | null;
  createdAt: Date;
  releasedAt: Date | null;
  /** Which locations gave how many units, in location order. */
  allocations: Allocation[];
}

export function rowToReservation(row: ReservationRow, allocations: readonly Allocation[]): Reservation {
  return {
    id: row.id,
    sku: row.sku,
    location: row.location,
    quantity: row.quantity,
    status: row.status,
    reference: row.reference,
    createdAt: row.created_at,
    releasedAt: row.released_at,
    allocations: [...allocations].sort((a, b) => (a.location < b.location ? -1 : a.location > b.location ? 1 : 0)),
  };
}

/** Stock rows of many products in one statement (the stock loader's batch). */
export async function findStockBySkus(db: Db, skus: readonly string[]): Promise<StockLevelRow[]> {
  if (skus.length === 0) return [];
  return db
    .selectFrom('stock_levels')
    .selectAll()
    .where('sku', 'in', [...skus])
    .orderBy('sku')
    .orderBy('location')
    .execute();
}

/**
 * Adds delta to on hand at one location. The guard `on_hand + delta >= reserved` sits in the
 * UPDATE itself, so a concurrent reservation can never be left without units behind it.
 * Returns undefined when the guard fails.
 */
export async function applyStockDelta(
  trx: Transaction<InventoryDatabase>,
  sku: string,
  location: string,
  delta: number,
  reason: string | null,
): Promise<StockLevelRow | undefined> {
  let row = await trx
    .updateTable('stock_levels')
    .set({ on_hand: sql`on_hand + ${delta}`, updated_at: sql`now()` })
    .where('sku', '=', sku)
    .where('location', '=', location)
    .where(sql<boolean>`on_hand + ${delta} >= reserved`)
    .returningAll()
    .executeTakeFirst();
  if (!row && delta > 0) {
    // A new location for this product; a concurrent insert of the same location turns into an update.
    row = await trx
      .insertInto('stock_levels')
      .values({ sku, location, on_hand: delta, reserved: 0 })
      .onConflict((oc) =>
        oc
          .columns(['sku', 'location'])
          .doUpdateSet({ on_hand: sql`stock_levels.on_hand + ${delta}`, updated_at: sql`now()` }),
      )
      .returningAll()
      .executeTakeFirst();
  }
  if (row) await trx.insertInto('stock_adjustments').values({ sku, location, delta, reason }).execute();
  return row;
}

/**
 * Every stock row of a product, locked FOR UPDATE in location order. Every reservation and release
 * of a product locks its rows in this one order, so two of them wait for each other instead of
 * deadlocking, and the levels read here stay true until commit: an allocation computed from them
 * cannot oversell.
 */
export async function lockStockLevels(trx: Transaction<InventoryDatabase>, sku: string): Promise<StockLevelRow[]> {
  return trx.selectFrom('stock_levels').selectAll().where('sku', '=', sku).orderBy('location').forUpdate().execute();
}

/**
 * Reserves the allocated units (rows already locked by lockStockLevels) and records the reservation
 * with one allocation row per location. The guard in the UPDATE and the table's CHECK stay as a
 * last line of defence: a row that cannot cover its share fails the whole transaction.
 */
export async function insertReservation(
  trx: Transaction<InventoryDatabase>,
  sku: string,
  allocations: readonly Allocation[],
  reference: string | null,
): Promise<ReservationRow> {
  // Every row touched here is already locked by lockStockLevels, so the update order does not matter.
  for (const allocation of allocations) {
    const updated = await trx
      .updateTable('stock_levels')
      .set({ reserved: sql`reserved + ${allocation.quantity}`, updated_at: sql`now()` })
      .where('sku', '=', sku)
      .where('location', '=', allocation.location)
      .where(sql<boolean>`on_hand - reserved >= ${allocation.quantity}`)
      .returning('sku')
      .executeTakeFirst();
    if (!updated) throw new Error(`stock of ${sku} at ${allocation.location} changed under its row lock`);
  }
  const quantity = allocations.reduce((sum, allocation) => sum + allocation.quantity, 0);
  const reservation = await trx
    .insertInto('reservations')
    .values({
      id: randomUUID(),
      sku,
      location: allocations[0]!.location,
      quantity,
      status: 'ACTIVE',
      reference,
      released_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('reservation_allocations')
    .values(allocations.map((a) => ({ reservation_id: reservation.id, location: a.location, quantity: a.quantity })))
    .execute();
  return reservation;
}

/**
 * Marks an active reservation released and gives each location back the units it gave; the stock
 * rows are updated in location order, the order lockStockLevels locks them in, so a release and a
 * reservation of the same product never deadlock. Undefined when the reservation is not active.
 */
export async function releaseActiveReservation(
  trx: Transaction<InventoryDatabase>,
  id: string,
): Promise<{ reservation: ReservationRow; allocations: Allocation[] } | undefined> {
  const released = await trx
    .updateTable('reservations')
    .set({ status: 'RELEASED', released_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '=', 'ACTIVE')
    .returningAll()
    .executeTakeFirst();
  if (!released) return undefined;
  const allocations = await findAllocations(trx, id);
  for (const allocation of allocations) {
    await trx
      .updateTable('stock_levels')
      .set({ reserved: sql`reserved - ${allocation.quantity}`, updated_at: sql`now()` })
      .where('sku', '=', released.sku)
      .where('location', '=', allocation.location)
      .execute();
  }
  return { reservation: released, allocations };
}

/** A reservation's allocations in location order. */
export async function findAllocations(db: Db, reservationId: string): Promise<Allocation[]> {
  return db
    .selectFrom('reservation_allocations')
    .select(['location', 'quantity'])
    .where('reservation_id', '=', reservationId)
    .orderBy('location')
    .execute();
}

export async function findReservation(db: Db, id: string): Promise<ReservationRow | undefined> {
  return db.selectFrom('reservations').selectAll().where('id', '=', id).executeTakeFirst();
}
