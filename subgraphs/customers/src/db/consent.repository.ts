import type { Kysely, Transaction } from 'kysely';
import type { TimeKey } from '../../../../shared/pagination.js';
import type { ConsentChannel, ConsentPurpose, ConsentRecordRow, ConsentStatus } from './consent.table.js';
import type { CustomersDatabase } from './database.js';

type Db = Kysely<CustomersDatabase> | Transaction<CustomersDatabase>;

export interface Consent {
  id: string;
  customerId: string;
  purpose: ConsentPurpose;
  channel: ConsentChannel;
  status: ConsentStatus;
  source: string;
  capturedAt: Date;
  recordedAt: Date;
}

export function rowToConsent(row: ConsentRecordRow): Consent {
  return {
    id: row.id,
    customerId: row.customer_id,
    purpose: row.purpose,
    channel: row.channel,
    status: row.status,
    source: row.source,
    capturedAt: row.captured_at,
    recordedAt: row.recorded_at,
  };
}

/**
 * The current consent of many customers in one statement: per (customer, purpose, channel) the
 * record the server received last (highest seq). captured_at is evidence only: a client clock or a
 * delayed sync cannot reorder a customer's decisions.
 */
export async function findCurrentConsents(db: Db, customerIds: readonly string[]): Promise<ConsentRecordRow[]> {
  if (customerIds.length === 0) return [];
  return db
    .selectFrom('consent_records')
    .selectAll()
    .distinctOn(['customer_id', 'purpose', 'channel'])
    .where('customer_id', 'in', [...customerIds])
    .orderBy('customer_id')
    .orderBy('purpose')
    .orderBy('channel')
    .orderBy('seq', 'desc')
    .execute();
}

/**
 * The first `limit` consent records (newest first) after `after` of every customer, in one statement:
 * row_number() over (partition by customer_id) numbers each customer's records and the outer query
 * keeps the first `limit` of each. Rows come back grouped by customer, newest first within one.
 */
export async function findConsentHistoryPages(
  db: Db,
  customerIds: readonly string[],
  limit: number,
  after?: TimeKey<number>,
): Promise<ConsentRecordRow[]> {
  if (customerIds.length === 0 || limit === 0) return [];
  const columns = [
    'id',
    'seq',
    'customer_id',
    'purpose',
    'channel',
    'status',
    'source',
    'captured_at',
    'recorded_at',
  ] as const;
  let ranked = db
    .selectFrom('consent_records')
    .select(columns)
    .select((eb) =>
      eb.fn
        .agg<number>('row_number')
        .over((over) => over.partitionBy('customer_id').orderBy('recorded_at', 'desc').orderBy('seq', 'desc'))
        .as('rank'),
    )
    .where('customer_id', 'in', [...customerIds]);
  if (after)
    ranked = ranked.where(({ eb, refTuple, tuple }) =>
      eb(refTuple('recorded_at', 'seq'), '<', tuple(after.at, after.id)),
    );
  return db
    .selectFrom(ranked.as('ranked'))
    .select(columns)
    .where('rank', '<=', limit)
    .orderBy('customer_id')
    .orderBy('recorded_at', 'desc')
    .orderBy('seq', 'desc')
    .execute();
}

/** A consent record to append: the same shape as one read back. */
export type NewConsentRecord = Consent;

/**
 * Appends a consent record of an existing customer in one statement (insert ... select from customers),
 * so the existence check and the write cannot be split by a concurrent erasure. Returns undefined
 * when the customer does not exist.
 */
export async function insertConsentRecord(db: Db, record: NewConsentRecord): Promise<ConsentRecordRow | undefined> {
  return db
    .insertInto('consent_records')
    .columns(['id', 'customer_id', 'purpose', 'channel', 'status', 'source', 'captured_at', 'recorded_at'])
    .expression(
      db
        .selectFrom('customers')
        .select((eb) => [
          // Parameters in a select list have no type of their own: cast them to the column types.
          eb.cast<string>(eb.val(record.id), 'text').as('id'),
          'customers.id as customer_id',
          eb.cast<ConsentPurpose>(eb.val(record.purpose), 'text').as('purpose'),
          eb.cast<ConsentChannel>(eb.val(record.channel), 'text').as('channel'),
          eb.cast<ConsentStatus>(eb.val(record.status), 'text').as('status'),
          eb.cast<string>(eb.val(record.source), 'text').as('source'),
          eb.cast<Date>(eb.val(record.capturedAt), 'timestamptz').as('captured_at'),
          eb.cast<Date>(eb.val(record.recordedAt), 'timestamptz').as('recorded_at'),
        ])
        .where('customers.id', '=', record.customerId),
    )
    .returningAll()
    .executeTakeFirst();
}

/** The current consent record of one pair, read inside the transaction that appends the next one. */
export async function findCurrentConsent(
  db: Db,
  customerId: string,
  purpose: ConsentPurpose,
  channel: ConsentChannel,
): Promise<ConsentRecordRow | undefined> {
  return db
    .selectFrom('consent_records')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('purpose', '=', purpose)
    .where('channel', '=', channel)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}
