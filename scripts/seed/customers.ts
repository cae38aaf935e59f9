import type { Insertable, Kysely, Transaction } from 'kysely';
import type { ConsentRecordRow, NewConsentRecordRow } from '../../subgraphs/customers/src/db/consent.table.js';
import type { NewCustomerRow } from '../../subgraphs/customers/src/db/customer.table.js';
import type { CustomersDatabase } from '../../subgraphs/customers/src/db/database.js';
import type { NewCustomerIdentityRow } from '../../subgraphs/customers/src/db/identity.table.js';
import { normalizeEmail, normalizeLoyaltyId, normalizePhone } from '../../subgraphs/customers/src/identity.js';
import { appendEvents } from '../../shared/events/index.js';
import { consentChanged, customerUpserted, identityAdded } from '../../subgraphs/customers/src/events/published.js';
import { batches, type DemoWorld } from './world.js';

// 2,000 customers per transaction. A customer has up to 3 identities and 10 consent records, so
// the rows of a batch go out in chunks that stay under Postgres' 65,535 bind parameters per statement.
const CUSTOMER_BATCH = 2000;
const MAX_PARAMETERS = 60_000;

/** Writes the world's customers, their identities (email always, phone and loyalty id when present) and consent history into the customers database only. */
export async function seedCustomers(
  db: Kysely<CustomersDatabase>,
  world: DemoWorld,
  progress?: (done: number, total: number) => void,
): Promise<void> {
  const total = world.sizes.customers;
  let done = 0;
  for (const [start, end] of batches(total, CUSTOMER_BATCH)) {
    const customers: NewCustomerRow[] = [];
    const identities: NewCustomerIdentityRow[] = [];
    const consents: NewConsentRecordRow[] = [];
    for (let i = start; i < end; i++) {
      const c = world.customer(i);
      customers.push({
        id: c.id,
        first_name: c.firstName,
        last_name: c.lastName,
        birth_date: c.birthDate,
        country: c.country,
        city: c.city,
        created_at: c.createdAt,
        updated_at: c.createdAt,
      });
      // Through the same normalizers as the API, so customerByIdentity finds seeded values too.
      identities.push({ customer_id: c.id, type: 'EMAIL', value: normalizeEmail(c.email), added_at: c.createdAt });
      if (c.phone)
        identities.push({ customer_id: c.id, type: 'PHONE', value: normalizePhone(c.phone), added_at: c.createdAt });
      if (c.loyaltyId)
        identities.push({
          customer_id: c.id,
          type: 'LOYALTY_ID',
          value: normalizeLoyaltyId(c.loyaltyId),
          added_at: c.createdAt,
        });
      // Per purpose and channel the world lists records in capture order; their captured_at differ, so order within a batch does not matter.
      for (const [j, consent] of c.consents.entries())
        consents.push({
          id: `${c.id}-consent-${j + 1}`,
          customer_id: c.id,
          purpose: consent.purpose,
          channel: consent.channel,
          status: consent.status,
          source: consent.source,
          captured_at: consent.capturedAt,
          recorded_at: consent.capturedAt,
        });
    }
    // Seeded facts are published like any other write, in the same transaction, so consumers'
    // read models fill from the outbox (the relay positions them once the service starts).
    await db.transaction().execute(async (trx) => {
      await insertChunked(trx, 'customers', customers, 8);
      await insertChunked(trx, 'customer_identities', identities, 4);
      const consentRows = await insertChunked(trx, 'consent_records', consents, 8);
      await appendEvents(trx, [
        ...customers.map((customer) =>
          customerUpserted(
            {
              id: customer.id,
              country: customer.country ?? null,
              city: customer.city ?? null,
              created_at: customer.created_at as Date,
              updated_at: customer.updated_at as Date,
            },
            true,
          ),
        ),
        ...identities.map((identity) => identityAdded(identity.customer_id, identity.type, identity.added_at as Date)),
        ...consentRows.map((row) => consentChanged(row as ConsentRecordRow)),
      ]);
    });
    done = end;
    progress?.(done, total);
  }
}

async function insertChunked<T extends keyof CustomersDatabase>(
  trx: Transaction<CustomersDatabase>,
  table: T,
  rows: Insertable<CustomersDatabase[T]>[],
  parametersPerRow: number,
): Promise<unknown[]> {
  const size = Math.floor(MAX_PARAMETERS / parametersPerRow);
  const inserted: unknown[] = [];
  for (let start = 0; start < rows.length; start += size) {
    inserted.push(
      ...(await trx
        .insertInto(table)
        .values(rows.slice(start, start + size) as never)
        .returningAll()
        .execute()),
    );
  }
  return inserted;
}
