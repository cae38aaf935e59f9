// What an erasure does to a domain's own event tables: the events that name the customer (by key
// or by a customerId in the payload) leave the outbox and the dead letters, so the erased id is not
// kept, replayed to a new consumer's backfill, or published late.
import { sql, type Transaction } from 'kysely';

/**
 * Deletes the outbox rows and dead letters about `customerId` (key or `payload.customerId`), except
 * the event types in `keep` (the erasure request itself, which other domains may still have to read).
 */
export async function forgetCustomerEvents<DB>(
  trx: Transaction<DB>,
  customerId: string,
  keep: readonly string[] = [],
): Promise<void> {
  const kept = keep.length > 0 ? sql`and type not in (${sql.join(keep)})` : sql``;
  await sql`delete from outbox where (key = ${customerId} or payload->>'customerId' = ${customerId}) ${kept}`.execute(
    trx,
  );
  await sql`delete from dead_letters where event->>'key' = ${customerId} or event->'payload'->>'customerId' = ${customerId}`.execute(
    trx,
  );
}
