import { sql, type Kysely, type Transaction } from 'kysely';
import { money, toCents, type Money } from '../../../../shared/money.js';
import type { InventoryDatabase } from './database.js';
import type { NewProductRow, ProductRow, ProductUpdate, ProductWithAvailability } from './product.table.js';

type Db = Kysely<InventoryDatabase> | Transaction<InventoryDatabase>;

export interface Product {
  sku: string;
  name: string;
  category: string;
  price: number;
  priceMoney: Money;
  discontinued: boolean;
  discontinuedAt: Date | null;
  availableQuantity: number;
}

export function rowToProduct(row: ProductWithAvailability): Product {
  return {
    sku: row.sku,
    name: row.name,
    category: row.category,
    price: Number(row.price),
    priceMoney: money(toCents(row.price), row.currency),
    discontinued: row.discontinued_at !== null,
    discontinuedAt: row.discontinued_at,
    availableQuantity: row.available_quantity,
  };
}

const productColumns = [
  'p.sku',
  'p.name',
  'p.category',
  'p.price',
  'p.currency',
  'p.discontinued_at',
  'p.created_at',
  'p.updated_at',
] as const;

/** Sum of on hand − reserved over every location of each product; 0 for a product without stock rows. */
function productsWithAvailability(db: Db) {
  return db
    .selectFrom('products as p')
    .leftJoin('stock_levels as s', 's.sku', 'p.sku')
    .select(productColumns)
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
  discontinued?: boolean | null;
}

/** A page of products ordered by sku; every filter runs in SQL before the limit. */
export async function listProducts(db: Db, query: ProductPageQuery): Promise<ProductWithAvailability[]> {
  let select = productsWithAvailability(db).orderBy('p.sku').limit(query.limit);
  if (query.afterSku !== undefined) select = select.where('p.sku', '>', query.afterSku);
  if (query.category) select = select.where('p.category', '=', query.category);
  if (query.discontinued === true) select = select.where('p.discontinued_at', 'is not', null);
  if (query.discontinued === false) select = select.where('p.discontinued_at', 'is', null);
  if (query.inStock === true) select = select.having(sql`coalesce(sum(s.on_hand - s.reserved), 0)`, '>', 0);
  if (query.inStock === false) select = select.having(sql`coalesce(sum(s.on_hand - s.reserved), 0)`, '<=', 0);
  return select.execute();
}

export async function productExists(db: Db, sku: string): Promise<boolean> {
  const row = await db.selectFrom('products').select('sku').where('sku', '=', sku).executeTakeFirst();
  return row !== undefined;
}

/**
 * The product row under a share lock: a reservation holds it until commit, so a concurrent
 * discontinueProduct (an UPDATE of the row) waits for the reservation, or the reservation sees
 * the product discontinued. Taken before any stock row, always in that order.
 */
export async function lockProductForReservation(
  trx: Transaction<InventoryDatabase>,
  sku: string,
): Promise<ProductRow | undefined> {
  return trx.selectFrom('products').selectAll().where('sku', '=', sku).forShare().executeTakeFirst();
}

/** Inserts a product; undefined when the sku is taken (the primary key decides, even under concurrency). */
export async function insertProduct(
  trx: Transaction<InventoryDatabase>,
  product: NewProductRow,
): Promise<ProductRow | undefined> {
  return trx
    .insertInto('products')
    .values(product)
    .onConflict((oc) => oc.column('sku').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/**
 * Updates a product's catalogue fields; undefined when no such sku, or, with `onlyIfSold`, when it
 * is already discontinued (so discontinuing twice changes nothing and publishes nothing).
 */
export async function updateProductRow(
  trx: Transaction<InventoryDatabase>,
  sku: string,
  changes: ProductUpdate,
  { onlyIfSold = false } = {},
): Promise<ProductRow | undefined> {
  let update = trx
    .updateTable('products')
    .set({ ...changes, updated_at: sql`now()` })
    .where('sku', '=', sku);
  if (onlyIfSold) update = update.where('discontinued_at', 'is', null);
  return update.returningAll().executeTakeFirst();
}
