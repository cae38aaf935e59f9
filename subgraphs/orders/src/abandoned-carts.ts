// Abandoned carts: open carts idle for a while whose customer has not ordered since.
import type { Kysely } from 'kysely';
import { BadUserInputError } from '../../../shared/errors.js';
import { decodeTimeKey, pageSize, timeKeyParts, toConnection } from '../../../shared/pagination.js';
import { findAbandonedCarts, rowToCart, type Cart } from './db/cart.repository.js';
import type { OrdersDatabase } from './db/database.js';

export const MAX_IDLE_MINUTES = 43_200;

/** An abandoned cart as AbandonedCart's resolvers receive it: the customer as an id, resolved to a reference. */
export interface AbandonedCartModel {
  cart: Cart;
  value: number;
  lastActivityAt: Date;
  customerId: string;
  idleMinutes: number;
}

export async function abandonedCarts(
  db: Kysely<OrdersDatabase>,
  args: { idleMinutes?: number | null; first?: number | null; after?: string | null },
  now = new Date(),
) {
  const idleMinutes = args.idleMinutes ?? 30;
  if (!Number.isInteger(idleMinutes) || idleMinutes < 1 || idleMinutes > MAX_IDLE_MINUTES) {
    throw new BadUserInputError(`idleMinutes must be an integer between 1 and ${MAX_IDLE_MINUTES}`, {
      argumentName: 'idleMinutes',
    });
  }
  const first = pageSize(args.first);
  const rows = await findAbandonedCarts(
    db,
    new Date(now.getTime() - idleMinutes * 60_000),
    first + 1,
    decodeTimeKey(args.after),
  );
  return toConnection(
    rows,
    first,
    (row) => timeKeyParts(row.last_activity_at, row.id),
    (row): AbandonedCartModel => {
      const cart = rowToCart(row);
      return {
        cart,
        value: cart.value,
        lastActivityAt: cart.lastActivityAt,
        customerId: cart.customerId,
        idleMinutes: Math.floor((now.getTime() - cart.lastActivityAt.getTime()) / 60_000),
      };
    },
  );
}
