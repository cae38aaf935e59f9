import { sql, type Kysely, type Transaction } from 'kysely';
import type { ClvModelRow, NewClvModelRow } from './clv.table.js';
import type { OrdersDatabase } from './database.js';

type Db = Kysely<OrdersDatabase> | Transaction<OrdersDatabase>;

export interface PurchaseSummaryRow {
  customer_id: string;
  /** Repeat purchases: purchases after the first. */
  x: number;
  /** Weeks from the first to the last purchase. */
  tx: number;
  /** Weeks from the first purchase to the end of the period. */
  t_cal: number;
  /** Mean value of the repeat purchases; 0 without repeats. */
  mean_repeat_value: number;
  /** Net revenue: every purchase's value. */
  revenue: number;
}

/**
 * Each customer's BG/NBD / Gamma-Gamma summary up to `until`, in one statement. A purchase is an
 * order that was neither cancelled nor refunded (a refunded order is no revenue and, for the value
 * model, no purchase). With customerIds, only those customers.
 */
export async function findPurchaseSummaries(
  db: Db,
  until: Date,
  customerIds?: readonly string[],
): Promise<PurchaseSummaryRow[]> {
  if (customerIds && customerIds.length === 0) return [];
  const filter = customerIds ? sql`and customer_id in (${sql.join(customerIds.map((id) => sql`${id}`))})` : sql``;
  const result = await sql<PurchaseSummaryRow>`
    select customer_id,
           (count(*) - 1)::int as x,
           extract(epoch from (max(placed_at) - min(placed_at)))::float8 / 604800 as tx,
           extract(epoch from (${until}::timestamptz - min(placed_at)))::float8 / 604800 as t_cal,
           coalesce((sum(total) - (array_agg(total order by placed_at, id))[1]) / nullif(count(*) - 1, 0), 0)::float8 as mean_repeat_value,
           sum(total)::float8 as revenue
      from orders
     where placed_at <= ${until}::timestamptz and status not in ('CANCELLED', 'REFUNDED') ${filter}
     group by customer_id`.execute(db);
  return result.rows;
}

/** Each customer's purchases after `from` up to `until`, for customers with any (the holdout of the CLV check). */
export async function countPurchasesBetween(db: Db, from: Date, until: Date): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('orders')
    .select(['customer_id', sql<number>`count(*)::int`.as('purchases')])
    .where('placed_at', '>', from)
    .where('placed_at', '<=', until)
    .where('status', 'not in', ['CANCELLED', 'REFUNDED'])
    .groupBy('customer_id')
    .execute();
  return new Map(rows.map((row) => [row.customer_id, row.purchases]));
}

export async function insertClvModel(db: Db, model: NewClvModelRow): Promise<ClvModelRow> {
  return db.insertInto('clv_models').values(model).returningAll().executeTakeFirstOrThrow();
}

/** The most recent fits whatever their status, newest first: the place to see why a fit was not served. */
export async function findRecentClvFits(db: Db, first: number): Promise<ClvModelRow[]> {
  return db
    .selectFrom('clv_models')
    .selectAll()
    .orderBy('fitted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(first)
    .execute();
}

/**
 * The served model: the CONVERGED fit with the latest calibration end (asOf). A refit of an old
 * period does not displace it, nor does a fit that did not converge or ended at a bound.
 */
export async function findLatestClvModel(db: Db): Promise<ClvModelRow | undefined> {
  return db
    .selectFrom('clv_models')
    .selectAll()
    .where('status', '=', 'CONVERGED')
    .orderBy('as_of', 'desc')
    .orderBy('fitted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
