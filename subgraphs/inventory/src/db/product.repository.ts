import { sql, type Kysely, type Transaction } from 'kysely';
import type { InventoryDatabase } from './database.js';
import type { ProductWithAvailability } from './product.table.js';

type Db = Kysely<InventoryDatabase> | Transaction<InventoryDatabase>;

export interface Product {
  sku: string;
  name: string;
  category: string;
  price: number;
  availableQuantity: number;
}

export function rowToProduct(row: ProductWithAvailability): Product {
  return {
    sku: row.sku,
    name: row.name,
    category: row.category,
    price: row.price,
    availableQuantity: row.available_quantity,
  };
}

/** Sum of on hand − reserved over every location of each product; 0 for a product without stock rows. */
function productsWithAvailability(db: Db) {
  return db
    .selectFrom('products as p')
    .leftJoin('stock_levels as s', 's.sku', 'p.sku')
    .select(['p.sku', 'p.name', 'p.category', 'p.price', 'p.created_at'])
    .select(sql<number>`coalesce(sum(s.on_hand - s.reserved), 0)::int`.as('available_quantity'))
    .groupBy('p.sku');
}

/** Products with availability for many skus in one statement (the product loader's batch). */
export async function findProductsBySkus(db: Db, skus: readonly string[]): Promise<ProductWithAvailability[]> {
  if (skus.length === 0) return [];
  return productsWithAvailability(db)
    .where('p.sku', 'in', [...skus])
    .execute();
}

export interface ProductPageQuery {
  limit: number;
  afterSku?: string;
  category?: string | null;
  inStock?: boolean | null;
}

/** A page of products ordered by sku; the in-stock filter runs in SQL before the limit. */
export async function listProducts(db: Db, query: ProductPageQuery): Promise<ProductWithAvailability[]> {
  let select = productsWithAvailability(db).orderBy('p.sku').limit(query.limit);
  if (query.afterSku !== undefined) select = select.where('p.sku', '>', query.afterSku);
  if (query.category) select = select.where('p.category', '=', query.category);
  if (query.inStock === true) select = select.having(sql`coalesce(sum(s.on_hand - s.reserved), 0)`, '>', 0);
  if (query.inStock === false) select = select.having(sql`coalesce(sum(s.on_hand - s.reserved), 0)`, '<=', 0);
  return select.execute();
}

export async function productExists(db: Db, sku: string): Promise<boolean> {
  const row = await db.selectFrom('products').select('sku').where('sku', '=', sku).executeTakeFirst();
  return row !== undefined;
}
