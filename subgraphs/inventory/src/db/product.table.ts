import type { Generated, Insertable, Selectable } from 'kysely';

export interface ProductTable {
  sku: string;
  name: string;
  category: string;
  price: number;
  created_at: Generated<Date>;
}

export type ProductRow = Selectable<ProductTable>;
export type NewProductRow = Insertable<ProductTable>;

/** A product row joined with its availability summed over every location. */
export interface ProductWithAvailability extends ProductRow {
  available_quantity: number;
}
