import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { InventoryDatabase } from './db/database.js';
import { findProductsBySkus, rowToProduct, type Product } from './db/product.repository.js';
import { findStockBySkus, rowToStockLevel, type StockLevel } from './db/stock.repository.js';
import { measureBatches } from '../../../shared/metrics.js';

// Every batch's size goes to /metrics (mesh360_dataloader_batch_size): batches of one mean N+1.
const measured = measureBatches('inventory');

export interface InventoryLoaders {
  productBySku: DataLoader<string, Product | null>;
  stockBySku: DataLoader<string, StockLevel[]>;
}

/** Per-request loaders: one statement per entity type and field, whatever the number of keys. */
export function createLoaders(db: Kysely<InventoryDatabase>): InventoryLoaders {
  return {
    productBySku: new DataLoader(
      measured('productBySku', async (skus) => {
        const rows = await findProductsBySkus(db, skus);
        const bySku = new Map(rows.map((row) => [row.sku, rowToProduct(row)]));
        return skus.map((sku) => bySku.get(sku) ?? null);
      }),
    ),
    stockBySku: new DataLoader(
      measured('stockBySku', async (skus) => {
        const rows = await findStockBySkus(db, skus);
        const bySku = new Map<string, StockLevel[]>();
        for (const row of rows) {
          const levels = bySku.get(row.sku) ?? [];
          levels.push(rowToStockLevel(row));
          bySku.set(row.sku, levels);
        }
        return skus.map((sku) => bySku.get(sku) ?? []);
      }),
    ),
  };
}
