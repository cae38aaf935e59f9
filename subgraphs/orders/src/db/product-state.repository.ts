import { sql, type Expression, type Kysely, type Transaction } from 'kysely';
import type { OrdersDatabase } from './database.js';
import type { NewProductStateRow } from './product-state.table.js';

type Db = Kysely<OrdersDatabase> | Transaction<OrdersDatabase>;

/**
 * Records a product's state from a ProductChanged event unless a later event (higher position in
 * inventory's log) was applied already: redeliveries and out-of-order deliveries change nothing.
 */
export async function upsertProductState(db: Db, state: NewProductStateRow): Promise<void> {
  await db
    .insertInto('product_states')
    .values(state)
    .onConflict((oc) =>
      oc
        .column('sku')
        .doUpdateSet({
          discontinued: (eb) => eb.ref('excluded.discontinued'),
          category: (eb) => eb.ref('excluded.category'),
          position: (eb) => eb.ref('excluded.position'),
          event_id: (eb) => eb.ref('excluded.event_id'),
          updated_at: sql`now()`,
        })
        .where(sql.ref('product_states.position'), '<', sql.ref('excluded.position')),
    )
    .execute();
}

/** SQL true when any sku of the text[] expression is a discontinued product (per product_states). */
export const anyDiscontinued = (skus: Expression<string[]>) =>
  sql<boolean>`exists (select 1 from product_states where product_states.discontinued and product_states.sku = any(${skus}))`;
