import type { Kysely, Transaction } from 'kysely';
import type { CustomersDatabase } from './database.js';
import type { CustomerIdentityRow, IdentityType, NewCustomerIdentityRow } from './identity.table.js';

type Db = Kysely<CustomersDatabase> | Transaction<CustomersDatabase>;

export interface Identity {
  customerId: string;
  type: IdentityType;
  value: string;
  addedAt: Date;
}

export function rowToIdentity(row: CustomerIdentityRow): Identity {
  return { customerId: row.customer_id, type: row.type, value: row.value, addedAt: row.added_at };
}

/** Identities of many customers in one statement, each customer's in the order they were added. */
export async function findIdentitiesByCustomerIds(
  db: Db,
  customerIds: readonly string[],
): Promise<CustomerIdentityRow[]> {
  if (customerIds.length === 0) return [];
  return db
    .selectFrom('customer_identities')
    .selectAll()
    .where('customer_id', 'in', [...customerIds])
    .orderBy('customer_id')
    .orderBy('added_at')
    .orderBy('type')
    .orderBy('value')
    .execute();
}

/** The id of the customer that owns a normalized identity, if any. */
export async function findIdentityOwner(db: Db, type: IdentityType, value: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('customer_identities')
    .select('customer_id')
    .where('type', '=', type)
    .where('value', '=', value)
    .executeTakeFirst();
  return row?.customer_id;
}

/**
 * Adds an identity unless its (type, value) is already taken; returns whether it was added. On a
 * server, a concurrent transaction adding the same pair makes this wait for it, then do nothing.
 */
export async function insertIdentityIfAbsent(
  trx: Transaction<CustomersDatabase>,
  identity: NewCustomerIdentityRow,
): Promise<boolean> {
  const inserted = await trx
    .insertInto('customer_identities')
    .values(identity)
    .onConflict((oc) => oc.columns(['type', 'value']).doNothing())
    .returning('customer_id')
    .executeTakeFirst();
  return inserted !== undefined;
}
