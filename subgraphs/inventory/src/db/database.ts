import type { ProductTable } from './product.table.js';
import type { ReservationTable, StockAdjustmentTable, StockLevelTable } from './stock.table.js';

export interface InventoryDatabase {
  products: ProductTable;
  stock_levels: StockLevelTable;
  reservations: ReservationTable;
  stock_adjustments: StockAdjustmentTable;
}
