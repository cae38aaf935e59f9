import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { findConsentHistoryPages, findCurrentConsents, rowToConsent, type Consent } from './db/consent.repository.js';
import {
  findCurrentPrivacyPreferences,
  rowToPrivacyPreference,
  type PrivacyPreference,
} from './db/privacy-preference.repository.js';
import { CONSENT_CHANNELS, CONSENT_PURPOSES, type ConsentRecordRow } from './db/consent.table.js';
import { findCustomersByIds, rowToCustomer, type Customer } from './db/customer.repository.js';
import type { CustomersDatabase } from './db/database.js';
import { findIdentitiesByCustomerIds, rowToIdentity, type Identity } from './db/identity.repository.js';
import { timeKeyParts, toConnection, type Connection, type TimeKey } from '../../../shared/pagination.js';
import { measureBatches } from '../../../shared/metrics.js';

// Every batch's size goes to /metrics (mesh360_dataloader_batch_size): batches of one mean N+1.
const measured = measureBatches('customers');

/** One page of one customer's consent history: `first` is already validated, `after` already decoded. */
export interface ConsentHistoryKey {
  customerId: string;
  first: number;
  after?: TimeKey<number>;
}

export interface CustomersLoaders {
  customerById: DataLoader<string, Customer | null>;
  /** Every identity of a customer, in the order they were added. */
  identitiesByCustomerId: DataLoader<string, Identity[]>;
  /** The current consent per purpose and channel, in schema order (purpose, then channel). */
  consentsByCustomerId: DataLoader<string, Consent[]>;
  consentHistory: DataLoader<ConsentHistoryKey, Connection<Consent>, string>;
  /** The current privacy preference of each kind (objection, do-not-sell/share) that has a record. */
  privacyPreferencesByCustomerId: DataLoader<string, PrivacyPreference[]>;
}

/** Per-request loaders: one statement per entity type and field, whatever the number of keys. */
export function createLoaders(db: Kysely<CustomersDatabase>): CustomersLoaders {
  return {
    customerById: new DataLoader(
      measured('customerById', async (ids) => {
        const rows = await findCustomersByIds(db, ids);
        const byId = new Map(rows.map((row) => [row.id, rowToCustomer(row)]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    ),
    identitiesByCustomerId: new DataLoader(
      measured('identitiesByCustomerId', async (ids) => {
        const byCustomer = groupBy(
          (await findIdentitiesByCustomerIds(db, ids)).map(rowToIdentity),
          (identity) => identity.customerId,
        );
        return ids.map((id) => byCustomer.get(id) ?? []);
      }),
    ),
    consentsByCustomerId: new DataLoader(
      measured('consentsByCustomerId', async (ids) => {
        const consents = (await findCurrentConsents(db, ids)).map(rowToConsent).sort(bySchemaOrder);
        const byCustomer = groupBy(consents, (consent) => consent.customerId);
        return ids.map((id) => byCustomer.get(id) ?? []);
      }),
    ),
    consentHistory: consentHistoryLoader(db),
    privacyPreferencesByCustomerId: new DataLoader(
      measured('privacyPreferencesByCustomerId', async (ids) => {
        const byCustomer = groupBy(
          (await findCurrentPrivacyPreferences(db, ids)).map(rowToPrivacyPreference),
          (preference) => preference.customerId,
        );
        return ids.map((id) => byCustomer.get(id) ?? []);
      }),
    ),
  };
}

const bySchemaOrder = (a: Consent, b: Consent) =>
  CONSENT_PURPOSES.indexOf(a.purpose) - CONSENT_PURPOSES.indexOf(b.purpose) ||
  CONSENT_CHANNELS.indexOf(a.channel) - CONSENT_CHANNELS.indexOf(b.channel);

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}

/**
 * Pages of consent history for many customers. Keys that ask for the same page (same first and
 * after) share one statement; a request normally has one such group, so a gateway query costs one
 * statement for consentHistory whatever the number of customers.
 */
function consentHistoryLoader(
  db: Kysely<CustomersDatabase>,
): DataLoader<ConsentHistoryKey, Connection<Consent>, string> {
  return new DataLoader(
    measured('consentHistory', async (keys) => {
      const groups = groupBy(keys, pageArgs);
      const pages = new Map<string, Connection<Consent>>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const { first, after } = group[0];
          // first + 1 rows per customer: the extra one only says whether another page exists.
          const rows = await findConsentHistoryPages(
            db,
            [...new Set(group.map((key) => key.customerId))],
            first + 1,
            after,
          );
          const byCustomer = groupBy(rows, (row) => row.customer_id);
          for (const key of group) {
            const customerRows = byCustomer.get(key.customerId) ?? [];
            pages.set(
              pageKey(key),
              toConnection(
                customerRows,
                first,
                (row: ConsentRecordRow) => timeKeyParts(row.recorded_at, row.seq),
                rowToConsent,
              ),
            );
          }
        }),
      );
      return keys.map((key) => pages.get(pageKey(key))!);
    }),
    { cacheKeyFn: pageKey },
  );
}

function pageArgs(key: ConsentHistoryKey): string {
  return JSON.stringify([key.first, key.after ? timeKeyParts(key.after.at, key.after.id) : null]);
}

function pageKey(key: ConsentHistoryKey): string {
  return JSON.stringify([key.customerId, pageArgs(key)]);
}
