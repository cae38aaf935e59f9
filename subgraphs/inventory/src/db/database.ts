import type { EventTables } from '../../../../shared/events/index.js';
import type { ProductTable } from './product.table.js';
import type { LocationTable } from './location.table.js';
import type {
  ReservationAllocationTable,
  ReservationTable,
  StockAdjustmentTable,
  StockLevelTable,
} from './stock.table.js';

/** The domain's tables, and the event tables every domain database has (outbox, processed_events, ...). */
export interface InventoryDatabase extends EventTables {
  products: ProductTable;
  stock_levels: StockLevelTable;
  locations: LocationTable;
  reservations: ReservationTable;
  reservation_allocations: ReservationAllocationTable;
  stock_adjustments: StockAdjustmentTable;
}
