import type { Insertable, Selectable } from 'kysely';

/** A customer's open cart: at most one per customer. */
export interface CartTable {
  id: string;
  customer_id: string;
  last_activity_at: Date;
  updated_at: Date;
}

export type CartRow = Selectable<CartTable>;
export type NewCartRow = Insertable<CartTable>;
