import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export interface StockLevelTable {
  sku: string;
  location: string;
  on_hand: number;
  reserved: ColumnType<number, number | undefined, number>;
  updated_at: Generated<Date>;
}

export interface ReservationTable {
  id: string;
  sku: string;
  location: string;
  quantity: number;
  status: 'ACTIVE' | 'RELEASED';
  reference: string | null;
  created_at: Generated<Date>;
  released_at: Date | null;
}

/** The units one location gave to a reservation; release returns them there. */
export interface ReservationAllocationTable {
  reservation_id: string;
  location: string;
  quantity: number;
}

export interface StockAdjustmentTable {
  id: Generated<string>;
  sku: string;
  location: string;
  delta: number;
  reason: string | null;
  created_at: Generated<Date>;
}

export type StockLevelRow = Selectable<StockLevelTable>;
export type NewStockLevelRow = Insertable<StockLevelTable>;
export type ReservationRow = Selectable<ReservationTable>;
export type ReservationAllocationRow = Selectable<ReservationAllocationTable>;
