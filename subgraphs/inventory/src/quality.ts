// The inventory domain's data-quality checks (shared/quality.ts): on its own tables only.
import { sql } from 'kysely';
import { countCheck, duplicateCheck, type DomainQualityDefinition } from '../../../shared/quality.js';

export const inventoryQuality: DomainQualityDefinition = {
  rows: { table: 'products', changedAt: 'created_at' },
  checks: [
    countCheck(
      'product is stocked somewhere',
      'COMPLETENESS',
      'Products with a stock level at one location at least.',
      'products',
      sql`not exists (select 1 from stock_levels s where s.sku = products.sku)`,
    ),
    countCheck('product has a price', 'VALIDITY', 'Products with a price above zero.', 'products', sql`price <= 0`),
    countCheck(
      'reserved within on hand',
      'VALIDITY',
      'Stock levels whose reserved units do not exceed the units on hand.',
      'stock_levels',
      sql`reserved > on_hand or reserved < 0`,
    ),
    duplicateCheck(
      'product name is unique',
      'Products whose name (case-insensitive) no other product has.',
      'products',
      sql`lower(name)`,
    ),
  ],
};
