// Cart writes: the customer's one open cart, replaced line by line in one transaction.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { rowToCartLine, replaceCartLines, type CartLine } from './db/cart-line.repository.js';
import { rowToCart, upsertCart, type Cart } from './db/cart.repository.js';
import type { OrdersDatabase } from './db/database.js';
import { normalizeKey, normalizeLines, totalCents, type LineInput } from './lines.js';
import { appendEvent } from '../../../shared/events/index.js';
import { cartUpdated } from './events/published.js';
import type { ReferenceCheck } from './references.js';

export interface UpdateCartInput {
  customerId: string;
  lines: LineInput[];
}

export interface SavedCart {
  cart: Cart;
  lines: CartLine[];
}

/**
 * Replaces the customer's cart lines (an empty list empties the cart but keeps the cart and its
 * activity time). Upsert, delete and insert share one transaction: a reader never sees half a cart.
 */
export async function updateCart(
  db: Kysely<OrdersDatabase>,
  checkReferences: ReferenceCheck,
  input: UpdateCartInput,
): Promise<SavedCart> {
  const customerId = normalizeKey(input.customerId, 'customerId');
  const lines = normalizeLines(input.lines, { allowEmpty: true });
  // The owners answer before the transaction opens: a refused reference writes nothing.
  await checkReferences(
    customerId,
    lines.map((line) => line.sku),
  );
  const value = totalCents(lines) / 100;
  const now = new Date();
  return db.transaction().execute(async (trx) => {
    const cart = await upsertCart(trx, {
      id: randomUUID(),
      customer_id: customerId,
      last_activity_at: now,
      updated_at: now,
    });
    const rows = lines.map((line, index) => ({
      cart_id: cart.id,
      line_no: index + 1,
      sku: line.sku,
      quantity: line.quantity,
      unit_price: line.unitPriceCents / 100,
    }));
    await replaceCartLines(trx, cart.id, rows);
    await appendEvent(trx, cartUpdated(cart, value, rows));
    return { cart: rowToCart({ ...cart, value }), lines: rows.map(rowToCartLine) };
  });
}
