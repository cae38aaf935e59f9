import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Read model of inventory's ProductChanged: what cross-sell needs to know about a product. */
export interface ProductStateTable {
  sku: string;
  discontinued: boolean;
  /** Inventory's category of the product; null until a ProductChanged carrying it was applied. */
  category: ColumnType<string | null, string | null | undefined, string | null>;
  /** The event's position in inventory's log; bigint, read back as a string by some drivers. */
  position: ColumnType<number | string, number, number>;
  event_id: string;
  updated_at: Generated<Date>;
}

export type ProductStateRow = Selectable<ProductStateTable>;
export type NewProductStateRow = Insertable<ProductStateTable>;
