import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
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
}

export function rowToReservation(row: ReservationRow): Reservation {
  return {
    id: row.id,
    sku: row.sku,
    location: row.location,
    quantity: row.quantity,
    status: row.status,
    reference: row.reference,
    createdAt: row.created_at,
    releasedAt: row.released_at,
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

/** The location that can cover `quantity` with the most units available, if any. */
export async function findLocationFor(db: Db, sku: string, quantity: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('stock_levels')
    .select('location')
    .where('sku', '=', sku)
    .where(sql<boolean>`on_hand - reserved >= ${quantity}`)
    .orderBy(sql`on_hand - reserved`, 'desc')
    .orderBy('location')
    .limit(1)
    .executeTakeFirst();
  return row?.location;
}

/**
 * Reserves units at one location. The availability check and the increment are one UPDATE:
 * Postgres re-checks the WHERE clause on the latest row version after waiting for a concurrent
 * writer's lock, so two requests can never both take the last unit. Returns undefined when
 * fewer than `quantity` units are available there.
 */
export async function reserveAtLocation(
  trx: Transaction<InventoryDatabase>,
  sku: string,
  location: string,
  quantity: number,
  reference: string | null,
): Promise<ReservationRow | undefined> {
  const updated = await trx
    .updateTable('stock_levels')
    .set({ reserved: sql`reserved + ${quantity}`, updated_at: sql`now()` })
    .where('sku', '=', sku)
    .where('location', '=', location)
    .where(sql<boolean>`on_hand - reserved >= ${quantity}`)
    .returning('sku')
    .executeTakeFirst();
  if (!updated) return undefined;
  return trx
    .insertInto('reservations')
    .values({ id: randomUUID(), sku, location, quantity, status: 'ACTIVE', reference, released_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Marks an active reservation released and gives its units back; undefined when it is not active. */
export async function releaseActiveReservation(
  trx: Transaction<InventoryDatabase>,
  id: string,
): Promise<ReservationRow | undefined> {
  const released = await trx
    .updateTable('reservations')
    .set({ status: 'RELEASED', released_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '=', 'ACTIVE')
    .returningAll()
    .executeTakeFirst();
  if (!released) return undefined;
  await trx
    .updateTable('stock_levels')
    .set({ reserved: sql`reserved - ${released.quantity}`, updated_at: sql`now()` })
    .where('sku', '=', released.sku)
    .where('location', '=', released.location)
    .execute();
  return released;
}

export async function findReservation(db: Db, id: string): Promise<ReservationRow | undefined> {
  return db.selectFrom('reservations').selectAll().where('id', '=', id).executeTakeFirst();
}
