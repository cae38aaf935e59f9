import type { Kysely, Transaction } from 'kysely';
import type { CustomersDatabase } from './database.js';
import type { PrivacyPreferenceKind, PrivacyPreferenceRow } from './privacy-preference.table.js';

type Db = Kysely<CustomersDatabase> | Transaction<CustomersDatabase>;

export interface PrivacyPreference {
  customerId: string;
  kind: PrivacyPreferenceKind;
  active: boolean;
  source: string;
  capturedAt: Date;
  recordedAt: Date;
}

export function rowToPrivacyPreference(row: PrivacyPreferenceRow): PrivacyPreference {
  return {
    customerId: row.customer_id,
    kind: row.kind,
    active: row.active,
    source: row.source,
    capturedAt: row.captured_at,
    recordedAt: row.recorded_at,
  };
}

/** The current preference of each kind of many customers in one statement: the record received last. */
export async function findCurrentPrivacyPreferences(
  db: Db,
  customerIds: readonly string[],
): Promise<PrivacyPreferenceRow[]> {
  if (customerIds.length === 0) return [];
  return db
    .selectFrom('privacy_preferences')
    .selectAll()
    .distinctOn(['customer_id', 'kind'])
    .where('customer_id', 'in', [...customerIds])
    .orderBy('customer_id')
    .orderBy('kind')
    .orderBy('seq', 'desc')
    .execute();
}

/** Appends a preference record (the caller has checked the customer exists, in the same transaction). */
export async function insertPrivacyPreference(
  db: Db,
  record: PrivacyPreference & { id: string },
): Promise<PrivacyPreferenceRow> {
  return db
    .insertInto('privacy_preferences')
    .values({
      id: record.id,
      customer_id: record.customerId,
      kind: record.kind,
      active: record.active,
      source: record.source,
      captured_at: record.capturedAt,
      recorded_at: record.recordedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
