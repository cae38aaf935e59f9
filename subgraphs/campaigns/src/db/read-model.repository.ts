// The read models of other domains' facts (order facts, cart facts, consent and privacy state): written only
// by this domain's event handlers, each write idempotent and safe against out-of-order delivery.
import { createHash } from 'node:crypto';
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { CampaignsDatabase } from './database.js';
import type {
  CartActivityFactTable,
  CartFactRow,
  ConsentStateRow,
  OrderFactLineTable,
  OrderFactTable,
  PrivacyStateRow,
} from './read-model.table.js';

type Db = Kysely<CampaignsDatabase> | Transaction<CampaignsDatabase>;

/** Stores an order fact with its lines; an order already stored is left as it is (an order is recorded once). */
export async function insertOrderFact(
  trx: Transaction<CampaignsDatabase>,
  fact: Insertable<OrderFactTable>,
  lines: readonly OrderFactLineTable[],
): Promise<boolean> {
  const inserted = await trx
    .insertInto('order_facts')
    .values(fact)
    .onConflict((oc) => oc.column('order_id').doNothing())
    .returning('order_id')
    .executeTakeFirst();
  if (inserted && lines.length > 0)
    await trx
      .insertInto('order_fact_lines')
      .values([...lines])
      .execute();
  return Boolean(inserted);
}

/**
 * Sets an order fact's status from an OrderStatusChanged unless the fact already holds that version or
 * a later one (a redelivered or overtaken change is a no-op). Answers false when no fact was updated.
 */
export async function updateOrderFactStatus(
  db: Db,
  change: { orderId: string; status: string; version: number },
): Promise<boolean> {
  const result = await db
    .updateTable('order_facts')
    .set({ status: change.status, status_version: change.version })
    .where('order_id', '=', change.orderId)
    .where('status_version', '<', change.version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Whether the order fact exists (it is written by OrderRecorded). */
export async function orderFactExists(db: Db, orderId: string): Promise<boolean> {
  return Boolean(
    await db.selectFrom('order_facts').select('order_id').where('order_id', '=', orderId).executeTakeFirst(),
  );
}

/** Replaces a customer's cart fact unless a later cart event (by position in the orders log) is already stored. */
export async function upsertCartFact(db: Db, fact: CartFactRow): Promise<void> {
  await db
    .insertInto('cart_facts')
    .values({ ...fact, lines: JSON.stringify(fact.lines) as never })
    .onConflict((oc) =>
      oc
        .column('customer_id')
        .doUpdateSet({
          cart_id: sql`excluded.cart_id`,
          last_activity_at: sql`excluded.last_activity_at`,
          value: sql`excluded.value`,
          lines: sql`excluded.lines`,
          event_id: sql`excluded.event_id`,
          source_position: sql`excluded.source_position`,
        })
        .where('cart_facts.source_position', '<', sql<number>`excluded.source_position`),
    )
    .execute();
}

/** Appends one cart activity; a redelivered event (same id) is a no-op. */
export async function insertCartActivity(db: Db, activity: Insertable<CartActivityFactTable>): Promise<void> {
  await db
    .insertInto('cart_activity_facts')
    .values(activity)
    .onConflict((oc) => oc.column('event_id').doNothing())
    .execute();
}

/** Records a consent unless the stored one was received later (higher seq): the customers domain orders decisions by receipt. */
export async function upsertConsentState(db: Db, state: ConsentStateRow): Promise<void> {
  await db
    .insertInto('consent_state')
    .values(state)
    .onConflict((oc) =>
      oc
        .columns(['customer_id', 'purpose', 'channel'])
        .doUpdateSet({
          status: sql`excluded.status`,
          captured_at: sql`excluded.captured_at`,
          seq: sql`excluded.seq`,
          event_id: sql`excluded.event_id`,
        })
        .where(sql<boolean>`consent_state.seq < excluded.seq`),
    )
    .execute();
}

/** Records a privacy preference unless the stored one of that kind was received later (higher seq). */
export async function upsertPrivacyState(db: Db, state: PrivacyStateRow): Promise<void> {
  await db
    .insertInto('privacy_state')
    .values(state)
    .onConflict((oc) =>
      oc
        .columns(['customer_id', 'kind'])
        .doUpdateSet({ active: sql`excluded.active`, seq: sql`excluded.seq`, event_id: sql`excluded.event_id` })
        .where(sql<boolean>`privacy_state.seq < excluded.seq`),
    )
    .execute();
}

/**
 * Serialises, per customer, queueing a message with cancelling that customer's messages: the
 * consumer applying a withdrawal and a trigger queueing a reminder take this lock first, so a
 * reminder is either committed before the cancellation (and cancelled by it) or sees the withdrawal.
 */
export async function lockCustomerMessages(db: Db, customerId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`campaigns-messages:${customerId}`}))`.execute(db);
}

/**
 * The ids among `customerIds` that the read models do not suppress for marketing on `channel`:
 * no active objection to direct marketing, and no current MARKETING opt-out on the channel.
 * A second line of defence behind the live consent check through the graph, in input order.
 */
export async function withoutMarketingSuppressed(
  db: Db,
  customerIds: readonly string[],
  channel: string,
): Promise<string[]> {
  if (customerIds.length === 0) return [];
  const { rows } = await sql<{ customer_id: string }>`
    select ids.customer_id
    from unnest(cast(${[...customerIds]} as text[])) with ordinality as ids(customer_id, n)
    where not exists (select 1 from privacy_state p where p.customer_id = ids.customer_id and p.kind = 'OBJECT_TO_DIRECT_MARKETING' and p.active)
      and not exists (select 1 from consent_state c where c.customer_id = ids.customer_id and c.purpose = 'MARKETING' and c.channel = ${channel} and c.status = 'OPT_OUT')
    order by ids.n`.execute(db);
  return rows.map((row) => row.customer_id);
}

/** How erasures_in_progress names a customer: an unkeyed SHA-256 of the id, never the id. */
const customerHash = (customerId: string) => createHash('sha256').update(customerId).digest('hex');

/** Remembers that `customerId` is being erased by `requestId`, until the request closes. */
export async function startErasure(db: Db, customerId: string, requestId: string): Promise<void> {
  await db
    .insertInto('erasures_in_progress')
    .values({ customer_hash: customerHash(customerId), request_id: requestId })
    .onConflict((oc) => oc.column('customer_hash').doNothing())
    .execute();
}

/** Forgets the erasures of a closed request. */
export async function endErasure(db: Db, requestId: string): Promise<void> {
  await db.deleteFrom('erasures_in_progress').where('request_id', '=', requestId).execute();
}

/** Whether `customerId` is being erased: the read models then skip events about them. */
export async function isBeingErased(db: Db, customerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('erasures_in_progress')
    .select('request_id')
    .where('customer_hash', '=', customerHash(customerId))
    .executeTakeFirst();
  return row !== undefined;
}
