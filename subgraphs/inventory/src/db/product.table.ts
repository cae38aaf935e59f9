import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface ProductTable {
  sku: string;
  name: string;
  category: string;
  /** numeric(12,2): read back as a JS number, exact for two decimals (see shared/money.ts). */
  price: ColumnType<number, number | string, number | string>;
  currency: Generated<string>;
  /** Set once the product is discontinued: never promoted, recommended or reserved again. */
  discontinued_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type ProductRow = Selectable<ProductTable>;
export type NewProductRow = Insertable<ProductTable>;
export type ProductUpdate = Updateable<ProductTable>;

/** A product row joined with its availability summed over every location. */
export interface ProductWithAvailability extends ProductRow {
  available_quantity: number;
}
