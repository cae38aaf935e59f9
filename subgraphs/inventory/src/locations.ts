// Locations are explicit: stock can only be kept at a location created here, so a typo in
// adjustStock is a NOT_FOUND instead of a new warehouse.
import type { Kysely } from 'kysely';
import { BadUserInputError, ConflictError } from '../../../shared/errors.js';
import type { InventoryDatabase } from './db/database.js';
import { insertLocation, rowToLocation, type Location } from './db/location.repository.js';

/** Uppercase letters, digits and inner hyphens, 2 to 32 characters: BER-DC, STORE-17. */
const LOCATION_CODE = /^[A-Z0-9][A-Z0-9-]{0,30}[A-Z0-9]$/;

export interface CreateLocationInput {
  code: string;
  name: string;
}

export async function createLocation(db: Kysely<InventoryDatabase>, input: CreateLocationInput): Promise<Location> {
  if (!LOCATION_CODE.test(input.code)) {
    throw new BadUserInputError('code must be 2 to 32 uppercase letters, digits or inner hyphens, e.g. BER-DC', {
      argumentName: 'code',
    });
  }
  const name = input.name.trim();
  if (!name) throw new BadUserInputError('name must not be empty', { argumentName: 'name' });
  const row = await insertLocation(db, { code: input.code, name });
  if (!row) throw new ConflictError(`A location with code ${input.code} already exists`, { location: input.code });
  return rowToLocation(row);
}
