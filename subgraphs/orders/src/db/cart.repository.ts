import { sql, type Kysely, type Transaction } from 'kysely';
import type { CartRow, NewCartRow } from './cart.table.js';
import type { OrdersDatabase } from './database.js';

type Db = Kysely<OrdersDatabase> | Transaction<OrdersDatabase>;

/** A cart row with the value of its lines, computed in the statement that reads the cart. */
export type CartWithValueRow = CartRow & { value: number };

export interface Cart {
  id: string;
  customerId: string;
  lastActivityAt: Date;
  value: number;
}

export function rowToCart(row: CartWithValueRow): Cart {
  return { id: row.id, customerId: row.customer_id, lastActivityAt: row.last_activity_at, value: row.value };
}

/** Carts with the value of their lines, computed in the same statement. */
function cartsWithValue(db: Db) {
  return db
    .selectFrom('carts')
    .select(['carts.id', 'carts.customer_id', 'carts.last_activity_at', 'carts.updated_at'])
    .select((eb) =>
      eb.fn
        .coalesce(
          eb
            .selectFrom('cart_lines')
            .select(sql<number>`sum(cart_lines.quantity * cart_lines.unit_price)`.as('value'))
            .whereRef('cart_lines.cart_id', '=', 'carts.id'),
          sql<number>`0`,
        )
        .as('value'),
    );
}

/** The carts of many customers, each with its value, in one statement. */
export async function findCartsByCustomerIds(db: Db, customerIds: readonly string[]): Promise<CartWithValueRow[]> {
  if (customerIds.length === 0) return [];
  return cartsWithValue(db)
    .where('carts.customer_id', 'in', [...customerIds])
    .execute() as Promise<CartWithValueRow[]>;
}

/** Carts by id, each with its value, in one statement. */
export async function findCartsByIds(db: Db, ids: readonly string[]): Promise<CartWithValueRow[]> {
  if (ids.length === 0) return [];
  return cartsWithValue(db)
    .where('carts.id', 'in', [...ids])
    .execute() as Promise<CartWithValueRow[]>;
}

/**
 * One page of abandoned carts: with at least one line, idle since `idleSince`, and no order of
 * their customer placed at or after their last activity (a cancelled one included: the customer
 * came back). Longest idle first, keyset on (last_activity_at, id).
 */
export async function findAbandonedCarts(
  db: Db,
  idleSince: Date,
  limit: number,
  after?: { at: Date; id: string },
): Promise<CartWithValueRow[]> {
  let query = cartsWithValue(db)
    .where('carts.last_activity_at', '<=', idleSince)
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('cart_lines').select('cart_lines.cart_id').whereRef('cart_lines.cart_id', '=', 'carts.id')),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('orders')
            .select('orders.id')
            .whereRef('orders.customer_id', '=', 'carts.customer_id')
            .whereRef('orders.placed_at', '>=', 'carts.last_activity_at'),
        ),
      ),
    );
  if (after)
    query = query.where(({ eb, refTuple, tuple }) =>
      eb(refTuple('carts.last_activity_at', 'carts.id'), '>', tuple(after.at, after.id)),
    );
  return query.orderBy('carts.last_activity_at').orderBy('carts.id').limit(limit).execute() as Promise<
    CartWithValueRow[]
  >;
}

/**
 * Creates the customer's cart or touches the existing one (its id stays). The upsert locks the cart
 * row until the transaction ends, so two updates of one customer's cart apply one after the other.
 */
export async function upsertCart(trx: Transaction<OrdersDatabase>, cart: NewCartRow): Promise<CartRow> {
  return trx
    .insertInto('carts')
    .values(cart)
    .onConflict((oc) =>
      oc.column('customer_id').doUpdateSet((eb) => ({
        last_activity_at: eb.ref('excluded.last_activity_at'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .returning(['id', 'customer_id', 'last_activity_at', 'updated_at'])
    .executeTakeFirstOrThrow();
}
