import { sql, type Kysely, type Transaction } from 'kysely';
import type { TimeKey } from '../../../../shared/pagination.js';
import { PURPOSES_SUPPRESSED_BY_OBJECTION, type ConsentChannel, type ConsentPurpose } from './consent.table.js';
import type { CustomerRow, CustomerUpdate, NewCustomerRow } from './customer.table.js';
import type { CustomersDatabase } from './database.js';
import type { IdentityType } from './identity.table.js';

type Db = Kysely<CustomersDatabase> | Transaction<CustomersDatabase>;

export interface Customer {
  id: string;
  firstName: string | null;
  lastName: string | null;
  birthDate: string | null;
  country: string | null;
  city: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function rowToCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    birthDate: row.birth_date,
    country: row.country,
    city: row.city,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// birth_date is read as 'YYYY-MM-DD' text: the pg driver would turn a date into a local-midnight Date.
const customerColumns = [
  'customers.id',
  'customers.first_name',
  'customers.last_name',
  sql<string | null>`to_char(customers.birth_date, 'YYYY-MM-DD')`.as('birth_date'),
  'customers.country',
  'customers.city',
  'customers.created_at',
  'customers.updated_at',
] as const;

/** Customers by id in one statement (the customer loader's batch). */
export async function findCustomersByIds(db: Db, ids: readonly string[]): Promise<CustomerRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('customers')
    .select(customerColumns)
    .where('customers.id', 'in', [...ids])
    .execute();
}

/** Locks the customer row for the rest of the transaction, so concurrent writes to one customer apply one after the other. */
export async function findCustomerForUpdate(
  trx: Transaction<CustomersDatabase>,
  id: string,
): Promise<CustomerRow | undefined> {
  return trx
    .selectFrom('customers')
    .select(customerColumns)
    .where('customers.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** The customer that owns a normalized identity, in one statement. */
export async function findCustomerByIdentity(
  db: Db,
  type: IdentityType,
  value: string,
): Promise<CustomerRow | undefined> {
  return db
    .selectFrom('customer_identities')
    .innerJoin('customers', 'customers.id', 'customer_identities.customer_id')
    .select(customerColumns)
    .where('customer_identities.type', '=', type)
    .where('customer_identities.value', '=', value)
    .executeTakeFirst();
}

export interface CustomerPageQuery {
  limit: number;
  after?: TimeKey<string>;
  country?: string;
  city?: string;
  createdAfter?: Date;
  createdBefore?: Date;
  /** Only customers whose current consent for this purpose and channel is OPT_IN. */
  optedIn?: { purpose: ConsentPurpose; channel: ConsentChannel };
  /** Only customers whose lower-cased first or last name, or an EMAIL identity, starts with this (lower-case) prefix. */
  search?: string;
}

/** A page of customers, newest first (created_at desc, id desc). */
export async function listCustomers(db: Db, query: CustomerPageQuery): Promise<CustomerRow[]> {
  let select = db
    .selectFrom('customers')
    .select(customerColumns)
    .orderBy('customers.created_at', 'desc')
    .orderBy('customers.id', 'desc')
    .limit(query.limit);
  if (query.country !== undefined) select = select.where('customers.country', '=', query.country);
  if (query.city !== undefined) select = select.where('customers.city', '=', query.city);
  if (query.createdAfter) select = select.where('customers.created_at', '>', query.createdAfter);
  if (query.createdBefore) select = select.where('customers.created_at', '<', query.createdBefore);
  if (query.search !== undefined) {
    // A prefix match each index of 2026120601_customer_search serves; % and _ in the text match themselves.
    const pattern = `${query.search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    select = select.where((eb) =>
      eb.or([
        eb(sql`lower(customers.first_name)`, 'like', pattern),
        eb(sql`lower(customers.last_name)`, 'like', pattern),
        eb.exists(
          eb
            .selectFrom('customer_identities')
            .select(sql`1`.as('one'))
            .whereRef('customer_identities.customer_id', '=', 'customers.id')
            .where('customer_identities.type', '=', 'EMAIL')
            .where('customer_identities.value', 'like', pattern),
        ),
      ]),
    );
  }
  const { after, optedIn } = query;
  if (after)
    select = select.where(({ eb, refTuple, tuple }) =>
      eb(refTuple('customers.created_at', 'customers.id'), '<', tuple(after.at, after.id)),
    );
  if (optedIn) {
    // The customer's latest record for the pair decides, exactly as Customer.consent does.
    select = select.where((eb) =>
      eb(
        eb
          .selectFrom('consent_records')
          .select('consent_records.status')
          .whereRef('consent_records.customer_id', '=', 'customers.id')
          .where('consent_records.purpose', '=', optedIn.purpose)
          .where('consent_records.channel', '=', optedIn.channel)
          .orderBy('consent_records.seq', 'desc')
          .limit(1),
        '=',
        'OPT_IN',
      ),
    );
    // An active objection to direct marketing outranks any opt-in, exactly as Customer.contactable does.
    if (PURPOSES_SUPPRESSED_BY_OBJECTION.includes(optedIn.purpose)) {
      select = select.where((eb) =>
        eb(
          eb
            .selectFrom('privacy_preferences')
            .select('privacy_preferences.active')
            .whereRef('privacy_preferences.customer_id', '=', 'customers.id')
            .where('privacy_preferences.kind', '=', 'OBJECT_TO_DIRECT_MARKETING')
            .orderBy('privacy_preferences.seq', 'desc')
            .limit(1),
          'is not',
          true,
        ),
      );
    }
  }
  return select.execute();
}

/** Inserts a customer; undefined when a customer with that id already exists (a concurrent create won). */
export async function insertCustomer(
  trx: Transaction<CustomersDatabase>,
  customer: NewCustomerRow,
): Promise<CustomerRow | undefined> {
  return trx
    .insertInto('customers')
    .values(customer)
    .onConflict((oc) => oc.column('id').doNothing())
    .returning(customerColumns)
    .executeTakeFirst();
}

export async function updateCustomerRow(
  trx: Transaction<CustomersDatabase>,
  id: string,
  changes: CustomerUpdate,
): Promise<CustomerRow | undefined> {
  return trx
    .updateTable('customers')
    .set(changes)
    .where('customers.id', '=', id)
    .returning(customerColumns)
    .executeTakeFirst();
}
