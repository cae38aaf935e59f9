// The read models of other domains' facts (order facts, cart facts, consent state): written only
// by this domain's event handlers, each write idempotent and safe against out-of-order delivery.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { CampaignsDatabase } from './database.js';
import type { CartFactRow, ConsentStateRow, OrderFactLineTable, OrderFactRow } from './read-model.table.js';

type Db = Kysely<CampaignsDatabase> | Transaction<CampaignsDatabase>;

/** Stores an order fact with its lines; an order already stored is left as it is (an order is recorded once). */
export async function insertOrderFact(trx: Transaction<CampaignsDatabase>, fact: OrderFactRow, lines: readonly OrderFactLineTable[]): Promise<boolean> {
  const inserted = await trx.insertInto('order_facts').values(fact).onConflict((oc) => oc.column('order_id').doNothing()).returning('order_id').executeTakeFirst();
  if (inserted && lines.length > 0) await trx.insertInto('order_fact_lines').values([...lines]).execute();
  return Boolean(inserted);
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

/** Records a consent unless the stored one was captured later (ties: higher seq), as the customers domain decides. */
export async function upsertConsentState(db: Db, state: ConsentStateRow): Promise<void> {
  await db
    .insertInto('consent_state')
    .values(state)
    .onConflict((oc) =>
      oc
        .columns(['customer_id', 'purpose', 'channel'])
        .doUpdateSet({ status: sql`excluded.status`, captured_at: sql`excluded.captured_at`, seq: sql`excluded.seq`, event_id: sql`excluded.event_id` })
        .where(sql<boolean>`(consent_state.captured_at, consent_state.seq) < (excluded.captured_at, excluded.seq)`),
    )
    .execute();
}
