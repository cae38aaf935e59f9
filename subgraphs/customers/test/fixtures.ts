import type { Kysely } from 'kysely';
import type { NewConsentRecordRow } from '../src/db/consent.table.js';
import type { CustomersDatabase } from '../src/db/database.js';
import type { NewCustomerIdentityRow } from '../src/db/identity.table.js';

export const BASE = Date.UTC(2026, 0, 1);
export const MINUTE = 60_000;
export const DAY = 86_400_000;
export const COUNT = 60;

export const pad2 = (n: number) => String(n).padStart(2, '0');
export const customerId = (i: number) => `cus-${pad2(i)}`;
export const emailOf = (i: number) => `c${i}@example.com`;
export const phoneOf = (i: number) => `+491510000${pad2(i)}`;
export const countryOf = (i: number) => (i % 3 === 0 ? 'FR' : 'DE');
export const cityOf = (i: number) => (i % 3 === 0 ? 'Paris' : i % 2 === 0 ? 'Hamburg' : 'Berlin');
/** Customers 10 and 20 have no name; 20 has no email either. */
export const hasName = (i: number) => i !== 10 && i !== 20;
export const hasEmail = (i: number) => i !== 20;
/** MARKETING/EMAIL: every customer opted in on day 1; every fourth opted out again on day 2. */
export const marketingEmailStatus = (i: number) => (i % 4 === 0 ? 'OPT_OUT' : 'OPT_IN');

/**
 * 60 customers created one minute apart (cus-01 oldest), with an email (customers 5, 15, ... also
 * a later second email), a phone for even ones, and consent histories:
 * - MARKETING/EMAIL OPT_IN on day 1 for all, OPT_OUT on day 2 for every fourth;
 * - ANALYTICS/EMAIL OPT_IN for odd customers;
 * - cus-03 MARKETING/SMS: OPT_IN captured on day 3 received first, OPT_OUT captured on day 5 received after it.
 */
export async function resetFixtures(db: Kysely<CustomersDatabase>): Promise<void> {
  await db.deleteFrom('consent_records').execute();
  await db.deleteFrom('privacy_preferences').execute();
  await db.deleteFrom('customer_identities').execute();
  await db.deleteFrom('customers').execute();
  const indexes = Array.from({ length: COUNT }, (_, n) => n + 1);
  await db
    .insertInto('customers')
    .values(
      indexes.map((i) => ({
        id: customerId(i),
        first_name: hasName(i) ? `First${i}` : null,
        last_name: hasName(i) ? `Last${i}` : null,
        birth_date: `19${pad2(50 + (i % 40))}-0${1 + (i % 9)}-${pad2(1 + (i % 28))}`,
        country: countryOf(i),
        city: cityOf(i),
        created_at: new Date(BASE + i * MINUTE),
        updated_at: new Date(BASE + i * MINUTE),
      })),
    )
    .execute();
  const identities: NewCustomerIdentityRow[] = [];
  const consents: NewConsentRecordRow[] = [];
  const consent = (i: number, n: number, record: Omit<NewConsentRecordRow, 'id' | 'customer_id' | 'recorded_at'>) =>
    consents.push({
      id: `con-${pad2(i)}-${n}`,
      customer_id: customerId(i),
      recorded_at: new Date(BASE + 10 * DAY),
      ...record,
    });
  for (const i of indexes) {
    const createdAt = new Date(BASE + i * MINUTE);
    if (hasEmail(i))
      identities.push({ customer_id: customerId(i), type: 'EMAIL', value: emailOf(i), added_at: createdAt });
    if (i % 5 === 0 && hasEmail(i))
      identities.push({
        customer_id: customerId(i),
        type: 'EMAIL',
        value: `alt${i}@example.com`,
        added_at: new Date(createdAt.getTime() + DAY),
      });
    if (i % 2 === 0)
      identities.push({ customer_id: customerId(i), type: 'PHONE', value: phoneOf(i), added_at: createdAt });
    consent(i, 1, {
      purpose: 'MARKETING',
      channel: 'EMAIL',
      status: 'OPT_IN',
      source: 'checkout',
      captured_at: new Date(BASE + DAY),
    });
    if (i % 4 === 0)
      consent(i, 2, {
        purpose: 'MARKETING',
        channel: 'EMAIL',
        status: 'OPT_OUT',
        source: 'unsubscribe-link',
        captured_at: new Date(BASE + 2 * DAY),
      });
    if (i % 2 === 1)
      consent(i, 3, {
        purpose: 'ANALYTICS',
        channel: 'EMAIL',
        status: 'OPT_IN',
        source: 'cookie-banner',
        captured_at: new Date(BASE + DAY),
      });
  }
  // Received in this order (seq): the opt-in first, the withdrawal after it; the withdrawal is current.
  consent(3, 4, {
    purpose: 'MARKETING',
    channel: 'SMS',
    status: 'OPT_IN',
    source: 'import',
    captured_at: new Date(BASE + 3 * DAY),
  });
  consent(3, 5, {
    purpose: 'MARKETING',
    channel: 'SMS',
    status: 'OPT_OUT',
    source: 'store',
    captured_at: new Date(BASE + 5 * DAY),
  });
  await db.insertInto('customer_identities').values(identities).execute();
  await db.insertInto('consent_records').values(consents).execute();
}
