// Customer writes: input validation plus the transaction around the repository calls.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../shared/errors.js';
import {
  findCustomerForUpdate,
  insertCustomer,
  rowToCustomer,
  updateCustomerRow,
  type Customer,
  type CustomerPageQuery,
} from './db/customer.repository.js';
import type { ConsentChannel, ConsentPurpose } from './db/consent.table.js';
import type { CustomerRow, CustomerUpdate } from './db/customer.table.js';
import type { CustomersDatabase } from './db/database.js';
import { findIdentityOwner, insertIdentityIfAbsent } from './db/identity.repository.js';
import type { IdentityType } from './db/identity.table.js';
import { MAX_ID_LENGTH, normalizeEmail, normalizeIdentity, normalizePhone } from './identity.js';
import { appendEvents, type NewEvent } from '../../../shared/events/index.js';
import { customerUpserted, identityAdded } from './events/published.js';
import { refuseErasedIdentifiers, type TombstoneKey } from './tombstones.js';

export const MAX_TEXT_LENGTH = 200;

export interface UpsertCustomerInput {
  id?: string | null;
  email?: string | null;
  phone?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  birthDate?: string | null;
  country?: string | null;
  city?: string | null;
  /** The person signs up themself: identities of an erased customer are accepted for a new customer. */
  signUp?: boolean | null;
}

/** A written customer, and whether its identities changed (so the caller knows which cached lists are stale). */
export interface SavedCustomer {
  customer: Customer;
  identitiesChanged: boolean;
}

/** Trims a customer id; empty or longer than MAX_ID_LENGTH is a BAD_USER_INPUT. */
export function normalizeCustomerId(id: string, argumentName = 'id'): string {
  const trimmed = id.trim();
  if (!trimmed || trimmed.length > MAX_ID_LENGTH) {
    throw new BadUserInputError(`${argumentName} must be between 1 and ${MAX_ID_LENGTH} characters`, { argumentName });
  }
  return trimmed;
}

/** Trims a free-text field; blank becomes null, longer than MAX_TEXT_LENGTH is a BAD_USER_INPUT. */
export function normalizeText(value: string | null, field: string): string | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (trimmed.length > MAX_TEXT_LENGTH)
    throw new BadUserInputError(`${field} must be at most ${MAX_TEXT_LENGTH} characters`, { argumentName: field });
  return trimmed || null;
}

/** ISO 3166-1 alpha-2: exactly two upper-case letters, e.g. DE. */
export function validateCountry(country: string | null): string | null {
  if (country === null) return null;
  const trimmed = country.trim();
  if (!/^[A-Z]{2}$/.test(trimmed)) {
    throw new BadUserInputError(
      `country must be an ISO 3166-1 alpha-2 code of two upper-case letters, e.g. DE (got "${country}")`,
      { argumentName: 'country' },
    );
  }
  return trimmed;
}

/** YYYY-MM-DD, a date that exists in the calendar, and not after today (UTC). */
export function validateBirthDate(birthDate: string | null, today = new Date()): string | null {
  if (birthDate === null) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  // Date.UTC rolls 2026-02-30 over into March: a real date survives the round trip unchanged.
  if (!match || !date || date.toISOString().slice(0, 10) !== birthDate || Number(match[1]) < 1) {
    throw new BadUserInputError(`birthDate must be a real date in the form YYYY-MM-DD (got "${birthDate}")`, {
      argumentName: 'birthDate',
    });
  }
  if (birthDate > today.toISOString().slice(0, 10)) {
    throw new BadUserInputError('birthDate must not be in the future', { argumentName: 'birthDate' });
  }
  return birthDate;
}

type ProfileChanges = Pick<CustomerUpdate, 'first_name' | 'last_name' | 'birth_date' | 'country' | 'city'>;

/** The profile fields the input sets: absent fields stay as they are, an explicit null clears one. */
export function profileChanges(input: UpsertCustomerInput, today = new Date()): ProfileChanges {
  const changes: ProfileChanges = {};
  if (input.firstName !== undefined) changes.first_name = normalizeText(input.firstName, 'firstName');
  if (input.lastName !== undefined) changes.last_name = normalizeText(input.lastName, 'lastName');
  if (input.birthDate !== undefined) changes.birth_date = validateBirthDate(input.birthDate, today);
  if (input.country !== undefined) changes.country = validateCountry(input.country);
  if (input.city !== undefined) changes.city = normalizeText(input.city, 'city');
  return changes;
}

/** Only the changes that differ from the stored row, so repeating an upsert writes nothing. */
function effectiveChanges(changes: ProfileChanges, current: CustomerRow): ProfileChanges {
  return Object.fromEntries(
    Object.entries(changes).filter(([column, value]) => current[column as keyof ProfileChanges] !== value),
  );
}

/**
 * Creates a customer, or updates the one with the given id, or else the one that owns the given email.
 * The profile and its new identities are written in one transaction: a CONFLICT on the phone leaves
 * nothing behind, not even a freshly created customer.
 */
export async function upsertCustomer(
  db: Kysely<CustomersDatabase>,
  input: UpsertCustomerInput,
  now = new Date(),
  tombstoneKeys: readonly TombstoneKey[] = [],
): Promise<SavedCustomer> {
  const id = input.id == null ? undefined : normalizeCustomerId(input.id);
  const email = input.email == null ? undefined : normalizeEmail(input.email);
  const phone = input.phone == null ? undefined : normalizePhone(input.phone);
  const identities: [IdentityType, string][] = [];
  if (email !== undefined) identities.push(['EMAIL', email]);
  if (phone !== undefined) identities.push(['PHONE', phone]);
  const changes = profileChanges(input, now);

  return db.transaction().execute(async (trx) => {
    const current = await findUpsertTarget(trx, id, email);
    // An erased customer is never re-created: not by its id, and (unless the person signs up
    // again) not by an email or phone that no current customer owns.
    if (!current && id !== undefined)
      await refuseErasedIdentifiers(trx, tombstoneKeys, [{ type: 'CUSTOMER_ID', value: id, field: 'id' }]);
    if (!input.signUp) await refuseUnownedErasedIdentities(trx, tombstoneKeys, identities);
    let customer: CustomerRow;
    if (current) {
      customer = current;
    } else {
      const created = await insertCustomer(trx, {
        id: id ?? randomUUID(),
        first_name: null,
        last_name: null,
        birth_date: null,
        country: null,
        city: null,
        ...changes,
        created_at: now,
        updated_at: now,
      });
      if (!created)
        throw new ConflictError(`Customer ${id} was created by a concurrent request; retry`, { customerId: id });
      customer = created;
    }
    const events: NewEvent[] = [];
    for (const [type, value] of identities) {
      if (await attachIdentity(trx, customer.id, type, value, now)) events.push(identityAdded(customer.id, type, now));
    }
    const identitiesChanged = events.length > 0;
    let changed = !current;
    if (current) {
      const update = effectiveChanges(changes, current);
      changed = Object.keys(update).length > 0;
      if (changed || identitiesChanged) {
        customer = (await updateCustomerRow(trx, current.id, { ...update, updated_at: now })) ?? current;
      }
    }
    // Published with the write: a repeated upsert that changes nothing publishes nothing.
    if (changed) events.unshift(customerUpserted(customer, !current));
    await appendEvents(trx, events);
    return { customer: rowToCustomer(customer), identitiesChanged };
  });
}

/** Refuses identities that belong to no current customer but to an erased one (one statement when none is erased). */
async function refuseUnownedErasedIdentities(
  trx: Transaction<CustomersDatabase>,
  tombstoneKeys: readonly TombstoneKey[],
  identities: readonly [IdentityType, string][],
): Promise<void> {
  await refuseErasedIdentifiers(
    trx,
    tombstoneKeys,
    identities.map(([type, value]) => ({ type, value, field: IDENTITY_FIELDS[type] })),
    // A person who signed up again owns the identity now: imports carrying it update them.
    async ({ type, value }) => (await findIdentityOwner(trx, type as IdentityType, value)) !== undefined,
  );
}

/** The upsert input field of each identity type (addIdentity's is `value`). */
const IDENTITY_FIELDS: Record<IdentityType, string> = {
  EMAIL: 'email',
  PHONE: 'phone',
  LOYALTY_ID: 'value',
  DEVICE_ID: 'value',
};

/** The existing customer an upsert updates, locked: the one with the id, or (without an id) the owner of the email. */
async function findUpsertTarget(
  trx: Transaction<CustomersDatabase>,
  id: string | undefined,
  email: string | undefined,
): Promise<CustomerRow | undefined> {
  if (id !== undefined) return findCustomerForUpdate(trx, id);
  if (email === undefined) return undefined;
  const owner = await findIdentityOwner(trx, 'EMAIL', email);
  return owner === undefined ? undefined : findCustomerForUpdate(trx, owner);
}

/**
 * Gives the customer a normalized identity; returns true when it was new. Adding one the customer
 * already has is a no-op; one that belongs to another customer is a CONFLICT (whose, it does not say).
 */
async function attachIdentity(
  trx: Transaction<CustomersDatabase>,
  customerId: string,
  type: IdentityType,
  value: string,
  now: Date,
): Promise<boolean> {
  if (await insertIdentityIfAbsent(trx, { customer_id: customerId, type, value, added_at: now })) return true;
  const owner = await findIdentityOwner(trx, type, value);
  if (owner === customerId) return false;
  throw new ConflictError(`The ${type} ${value} already belongs to another customer`, { identityType: type });
}

/** Attaches an identity to an existing customer; idempotent for an identity the customer already has. */
export async function addIdentity(
  db: Kysely<CustomersDatabase>,
  customerId: string,
  type: IdentityType,
  value: string,
  now = new Date(),
  tombstoneKeys: readonly TombstoneKey[] = [],
): Promise<SavedCustomer> {
  const normalized = normalizeIdentity(type, value);
  return db.transaction().execute(async (trx) => {
    const current = await findCustomerForUpdate(trx, customerId);
    if (!current)
      throw new NotFoundError(`No customer with id ${customerId}`, { customerId, argumentName: 'customerId' });
    await refuseUnownedErasedIdentities(trx, tombstoneKeys, [[type, normalized]]);
    if (!(await attachIdentity(trx, customerId, type, normalized, now)))
      return { customer: rowToCustomer(current), identitiesChanged: false };
    const updated = await updateCustomerRow(trx, customerId, { updated_at: now });
    await appendEvents(trx, [identityAdded(customerId, type, now)]);
    return { customer: rowToCustomer(updated ?? current), identitiesChanged: true };
  });
}

export interface CustomerFilterInput {
  country?: string | null;
  city?: string | null;
  createdAfter?: Date | null;
  createdBefore?: Date | null;
  optedIn?: { purpose: ConsentPurpose; channel: ConsentChannel } | null;
  search?: string | null;
}

/** A prefix to search names and emails by: trimmed, lower-cased, 2 to 100 characters. */
export function searchPrefix(search: string): string {
  const prefix = search.trim().toLowerCase();
  if (prefix.length < 2 || prefix.length > 100)
    throw new BadUserInputError(`search must be 2 to 100 characters (got ${prefix.length})`, {
      argumentName: 'filter.search',
    });
  return prefix;
}

/** Turns the customers(filter:) argument into repository terms; a malformed country is a BAD_USER_INPUT. */
export function customerFilter(
  filter: CustomerFilterInput | null | undefined,
): Omit<CustomerPageQuery, 'limit' | 'after'> {
  if (!filter) return {};
  return {
    country: filter.country == null ? undefined : validateCountry(filter.country)!,
    city: filter.city == null ? undefined : filter.city.trim(),
    createdAfter: filter.createdAfter ?? undefined,
    createdBefore: filter.createdBefore ?? undefined,
    optedIn: filter.optedIn ?? undefined,
    search: filter.search == null ? undefined : searchPrefix(filter.search),
  };
}
