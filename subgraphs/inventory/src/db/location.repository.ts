import type { Kysely, Transaction } from 'kysely';
import type { InventoryDatabase } from './database.js';
import type { LocationRow, NewLocationRow } from './location.table.js';

type Db = Kysely<InventoryDatabase> | Transaction<InventoryDatabase>;

export interface Location {
  code: string;
  name: string;
  createdAt: Date;
}

export function rowToLocation(row: LocationRow): Location {
  return { code: row.code, name: row.name, createdAt: row.created_at };
}

/** Inserts a location; undefined when the code is taken. */
export async function insertLocation(db: Db, location: NewLocationRow): Promise<LocationRow | undefined> {
  return db
    .insertInto('locations')
    .values(location)
    .onConflict((oc) => oc.column('code').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Every location by code (a business has tens of them, not thousands). */
export async function listLocations(db: Db): Promise<LocationRow[]> {
  return db.selectFrom('locations').selectAll().orderBy('code').execute();
}

export async function locationExists(db: Db, code: string): Promise<boolean> {
  const row = await db.selectFrom('locations').select('code').where('code', '=', code).executeTakeFirst();
  return row !== undefined;
}
