import type { Insertable, Selectable } from 'kysely';

/** One line of a cart; a sku appears at most once per cart. */
export interface CartLineTable {
  cart_id: string;
  line_no: number;
  sku: string;
  quantity: number;
  unit_price: number;
}

export type CartLineRow = Selectable<CartLineTable>;
export type NewCartLineRow = Insertable<CartLineTable>;
