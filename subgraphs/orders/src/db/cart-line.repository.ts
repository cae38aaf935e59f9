import type { Kysely, Transaction } from 'kysely';
import type { CartLineRow, NewCartLineRow } from './cart-line.table.js';
import type { OrdersDatabase } from './database.js';

type Db = Kysely<OrdersDatabase> | Transaction<OrdersDatabase>;

export interface CartLine {
  cartId: string;
  sku: string;
  quantity: number;
  unitPrice: number;
}

export function rowToCartLine(row: CartLineRow): CartLine {
  return { cartId: row.cart_id, sku: row.sku, quantity: row.quantity, unitPrice: row.unit_price };
}

/** The lines of many carts in one statement, grouped by cart and in line order. */
export async function findCartLines(db: Db, cartIds: readonly string[]): Promise<CartLineRow[]> {
  if (cartIds.length === 0) return [];
  return db
    .selectFrom('cart_lines')
    .select(['cart_id', 'line_no', 'sku', 'quantity', 'unit_price'])
    .where('cart_id', 'in', [...cartIds])
    .orderBy('cart_id')
    .orderBy('line_no')
    .execute();
}

/** Replaces every line of a cart: delete, then one multi-row insert. Call inside the cart's transaction. */
export async function replaceCartLines(
  trx: Transaction<OrdersDatabase>,
  cartId: string,
  lines: NewCartLineRow[],
): Promise<void> {
  await trx.deleteFrom('cart_lines').where('cart_id', '=', cartId).execute();
  if (lines.length > 0) await trx.insertInto('cart_lines').values(lines).execute();
}
