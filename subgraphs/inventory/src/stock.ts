// Stock operations: validation plus the transaction around the repository calls.
import type { Kysely } from 'kysely';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../shared/errors.js';
import { allocate } from './allocation.js';
import type { InventoryDatabase } from './db/database.js';
import { locationExists } from './db/location.repository.js';
import { lockProductForReservation, productExists } from './db/product.repository.js';
import { publishStockChanged } from './events/published.js';
import {
  applyStockDelta,
  findReservation,
  insertReservation,
  lockStockLevels,
  releaseActiveReservation,
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

/** A location code from input, trimmed; NOT_FOUND unless it is a row of `locations` (createLocation). */
async function knownLocation(db: Kysely<InventoryDatabase>, code: string, argumentName: string): Promise<string> {
  const location = code.trim();
  if (!location) throw new BadUserInputError(`${argumentName} must not be empty`, { argumentName });
  if (!(await locationExists(db, location)))
    throw new NotFoundError(`No location with code ${location}; create it with createLocation first`, {
      location,
    });
  return location;
}

export async function adjustStock(db: Kysely<InventoryDatabase>, input: AdjustStockInput): Promise<void> {
  if (!Number.isInteger(input.delta) || input.delta === 0 || Math.abs(input.delta) > MAX_QUANTITY) {
    throw new BadUserInputError(`delta must be a non-zero integer between -${MAX_QUANTITY} and ${MAX_QUANTITY}`, {
      argumentName: 'delta',
    });
  }
  const location = await knownLocation(db, input.location, 'location');
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
  /** Only this location (no split). */
  location?: string | null;
  /** This location first, then the allocation rule (see allocation.ts). */
  preferredLocation?: string | null;
  reference?: string | null;
}

export async function reserveStock(db: Kysely<InventoryDatabase>, input: ReserveStockInput): Promise<Reservation> {
  if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > MAX_QUANTITY) {
    throw new BadUserInputError(`quantity must be an integer between 1 and ${MAX_QUANTITY}`, {
      argumentName: 'quantity',
    });
  }
  if (input.location != null && input.preferredLocation != null) {
    throw new BadUserInputError('give location (only there) or preferredLocation (there first), not both', {
      argumentName: 'preferredLocation',
    });
  }
  const only = input.location != null ? await knownLocation(db, input.location, 'location') : null;
  const preferred =
    input.preferredLocation != null ? await knownLocation(db, input.preferredLocation, 'preferredLocation') : null;
  return db.transaction().execute(async (trx) => {
    // Lock order, always: the product row (share), then its stock rows by location (update).
    const product = await lockProductForReservation(trx, input.sku);
    if (!product) throw new NotFoundError(`No product with sku ${input.sku}`, { sku: input.sku });
    if (product.discontinued_at !== null) {
      throw new ConflictError(`Product ${input.sku} is discontinued and can no longer be reserved`, {
        sku: input.sku,
      });
    }
    const levels = await lockStockLevels(trx, input.sku);
    const allocations = allocate(
      levels.map((level) => ({ location: level.location, available: level.on_hand - level.reserved })),
      input.quantity,
      { only, preferred },
    );
    if (!allocations) {
      const where = only ? ` at ${only}` : ' over all locations';
      throw new ConflictError(`Not enough stock of ${input.sku}${where} to reserve ${input.quantity}`, {
        sku: input.sku,
        quantity: input.quantity,
      });
    }
    const reservation = await insertReservation(trx, input.sku, allocations, input.reference ?? null);
    for (const allocation of allocations) {
      await publishStockChanged(trx, {
        sku: input.sku,
        location: allocation.location,
        change: 'RESERVED',
        delta: allocation.quantity,
        reservationId: reservation.id,
      });
    }
    return rowToReservation(reservation, allocations);
  });
}

export async function releaseReservation(db: Kysely<InventoryDatabase>, id: string): Promise<Reservation> {
  return db.transaction().execute(async (trx) => {
    const released = await releaseActiveReservation(trx, id);
    if (released) {
      for (const allocation of released.allocations) {
        await publishStockChanged(trx, {
          sku: released.reservation.sku,
          location: allocation.location,
          change: 'RELEASED',
          delta: -allocation.quantity,
          reservationId: released.reservation.id,
        });
      }
      return rowToReservation(released.reservation, released.allocations);
    }
    const existing = await findReservation(trx, id);
    if (!existing) throw new NotFoundError(`No reservation with id ${id}`, { reservationId: id });
    throw new ConflictError(`Reservation ${id} was already released`, { reservationId: id });
  });
}
