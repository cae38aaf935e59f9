// Stock operations: validation plus the transaction around the repository calls.
import type { Kysely, Transaction } from 'kysely';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../shared/errors.js';
import type { InventoryDatabase } from './db/database.js';
import { productExists } from './db/product.repository.js';
import { publishStockChanged } from './events/published.js';
import {
  applyStockDelta,
  findLocationFor,
  findReservation,
  releaseActiveReservation,
  reserveAtLocation,
  rowToReservation,
  type Reservation,
} from './db/stock.repository.js';

const MAX_QUANTITY = 1_000_000;

export interface AdjustStockInput {
  sku: string;
  location: string;
  delta: number;
  reason?: string | null;
}

export async function adjustStock(db: Kysely<InventoryDatabase>, input: AdjustStockInput): Promise<void> {
  const location = input.location.trim();
  if (!location) throw new BadUserInputError('location must not be empty', { argumentName: 'location' });
  if (!Number.isInteger(input.delta) || input.delta === 0 || Math.abs(input.delta) > MAX_QUANTITY) {
    throw new BadUserInputError(`delta must be a non-zero integer between -${MAX_QUANTITY} and ${MAX_QUANTITY}`, {
      argumentName: 'delta',
    });
  }
  await db.transaction().execute(async (trx) => {
    if (!(await productExists(trx, input.sku)))
      throw new NotFoundError(`No product with sku ${input.sku}`, { sku: input.sku });
    const row = await applyStockDelta(trx, input.sku, location, input.delta, input.reason ?? null);
    if (!row) {
      throw new ConflictError(
        `Cannot remove ${-input.delta} units of ${input.sku} at ${location}: on hand would drop below what is reserved or below zero`,
        {
          sku: input.sku,
          location,
        },
      );
    }
    await publishStockChanged(trx, { sku: input.sku, location, change: 'ADJUSTED', delta: input.delta });
  });
}

export interface ReserveStockInput {
  sku: string;
  quantity: number;
  location?: string | null;
  reference?: string | null;
}

export async function reserveStock(db: Kysely<InventoryDatabase>, input: ReserveStockInput): Promise<Reservation> {
  if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > MAX_QUANTITY) {
    throw new BadUserInputError(`quantity must be an integer between 1 and ${MAX_QUANTITY}`, {
      argumentName: 'quantity',
    });
  }
  const location = input.location?.trim() || null;
  const row = await db.transaction().execute(async (trx) => {
    if (!(await productExists(trx, input.sku)))
      throw new NotFoundError(`No product with sku ${input.sku}`, { sku: input.sku });
    const reservation = await reserveSomewhere(trx, input, location);
    if (reservation)
      await publishStockChanged(trx, {
        sku: input.sku,
        location: reservation.location,
        change: 'RESERVED',
        delta: input.quantity,
        reservationId: reservation.id,
      });
    return reservation;
  });
  if (!row) {
    const where = location ? ` at ${location}` : ' at any single location';
    throw new ConflictError(`Not enough stock of ${input.sku}${where} to reserve ${input.quantity}`, {
      sku: input.sku,
      quantity: input.quantity,
    });
  }
  return rowToReservation(row);
}

/** Reserves at the given location, or else at the best one that can cover the quantity. */
async function reserveSomewhere(
  trx: Transaction<InventoryDatabase>,
  input: ReserveStockInput,
  location: string | null,
) {
  if (location) return reserveAtLocation(trx, input.sku, location, input.quantity, input.reference ?? null);
  // The best location can be drained by a concurrent request between the pick and the update;
  // then pick again, until no location can cover the quantity.
  for (;;) {
    const candidate = await findLocationFor(trx, input.sku, input.quantity);
    if (!candidate) return undefined;
    const reserved = await reserveAtLocation(trx, input.sku, candidate, input.quantity, input.reference ?? null);
    if (reserved) return reserved;
  }
}

export async function releaseReservation(db: Kysely<InventoryDatabase>, id: string): Promise<Reservation> {
  const row = await db.transaction().execute(async (trx) => {
    const released = await releaseActiveReservation(trx, id);
    if (released) {
      await publishStockChanged(trx, {
        sku: released.sku,
        location: released.location,
        change: 'RELEASED',
        delta: -released.quantity,
        reservationId: released.id,
      });
      return released;
    }
    const existing = await findReservation(trx, id);
    if (!existing) throw new NotFoundError(`No reservation with id ${id}`, { reservationId: id });
    throw new ConflictError(`Reservation ${id} was already released`, { reservationId: id });
  });
  return rowToReservation(row);
}
