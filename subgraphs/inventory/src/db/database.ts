import type { EventTables } from '../../../../shared/events/index.js';
import type { ProductTable } from './product.table.js';
import type { ReservationTable, StockAdjustmentTable, StockLevelTable } from './stock.table.js';

/** The domain's tables, and the event tables every domain database has (outbox, processed_events, ...). */
export interface InventoryDatabase extends EventTables {
  products: ProductTable;
  stock_levels: StockLevelTable;
  reservations: ReservationTable;
  stock_adjustments: StockAdjustmentTable;
}
