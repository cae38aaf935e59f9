// Arguments shared by the analytics jobs and reads.
import type { Kysely } from 'kysely';
import { BadUserInputError } from '../../../shared/errors.js';
import type { OrdersDatabase } from './db/database.js';
import { findFirstOrderAt } from './db/order.repository.js';

/** How far a caller's clock may run ahead of ours when it asks for "as of now". */
export const AS_OF_CLOCK_SKEW_MS = 60_000;

/** A reference date for RFM or a model fit: any past instant (a minute of clock skew allowed), or undefined for "latest"/"now". */
export function validateAsOf(asOf: Date | null | undefined, now = new Date()): Date | undefined {
  if (asOf === null || asOf === undefined) return undefined;
  if (asOf.getTime() > now.getTime() + AS_OF_CLOCK_SKEW_MS)
    throw new BadUserInputError('asOf must not be in the future', { argumentName: 'asOf' });
  return asOf;
}

/** An asOf for a computation must lie within the data: not before the first order (a result over no orders would replace a real one). */
export async function checkAsOfWithinOrders(db: Kysely<OrdersDatabase>, asOf: Date): Promise<void> {
  const first = await findFirstOrderAt(db);
  if (!first) throw new BadUserInputError('there are no orders yet to compute anything from', { argumentName: 'asOf' });
  if (asOf < first)
    throw new BadUserInputError(`asOf ${asOf.toISOString()} is before the first order (${first.toISOString()})`, {
      argumentName: 'asOf',
    });
}

/** The asOf a computation job will use (now when absent), checked against the clock and the data before the job is queued. */
export async function analyticsAsOf(db: Kysely<OrdersDatabase>, asOf: Date | null | undefined): Promise<string> {
  const effective = validateAsOf(asOf) ?? new Date();
  await checkAsOfWithinOrders(db, effective);
  return effective.toISOString();
}
