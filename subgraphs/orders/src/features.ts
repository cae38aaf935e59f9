// Customer features as of a date, for the churn model and the behavioural clusters: one set-based
// statement for every customer (or a given few), never a query per customer. Customers who refused
// ANALYTICS or object to direct marketing (this domain's consent read model, fed by customers'
// ConsentChanged and PrivacyPreferenceChanged) are left out here, so no model is trained on them or
// scores them; the statement counts them instead.
import { sql, type Kysely } from 'kysely';
import type { OrdersDatabase } from './db/database.js';

const DAY_SECONDS = 86_400;

/** One customer's purchases up to asOf, summarized (orders that were cancelled or refunded are no purchase). */
export interface CustomerFeatureRow {
  customer_id: string;
  /** Days since the last purchase. */
  recency_days: number;
  /** Purchases. */
  orders: number;
  average_order_value: number;
  /** Days since the first purchase. */
  tenure_days: number;
  /** Purchases in the window (the churn horizon) before asOf. */
  recent_orders: number;
  /** Mean days between consecutive purchases; null with one purchase. */
  mean_gap_days: number | null;
  /** Days between the last two purchases; null with one purchase. */
  last_gap_days: number | null;
  /** Distinct products bought (category breadth needs inventory's categories, which orders does not keep yet). */
  distinct_products: number;
  share_web: number;
  share_app: number;
  share_store: number;
  /** Channels with a MARKETING opt-in in force. */
  marketing_opt_ins: number;
}

/** Who the models leave out: a refused ANALYTICS consent on any channel, or an active objection to direct marketing. */
const excludedCustomers = sql`
  select customer_id from consent_states where purpose = 'ANALYTICS' and status = 'OPT_OUT'
  union
  select customer_id from privacy_states where kind = 'OBJECT_TO_DIRECT_MARKETING' and active`;

export async function customerFeatures(
  db: Kysely<OrdersDatabase>,
  asOf: Date,
  windowDays: number,
  customerIds?: readonly string[],
): Promise<{ rows: CustomerFeatureRow[]; excluded: number }> {
  if (customerIds && customerIds.length === 0) return { rows: [], excluded: 0 };
  const only = customerIds ? sql`and customer_id in (${sql.join(customerIds.map((id) => sql`${id}`))})` : sql``;
  const windowStart = new Date(asOf.getTime() - windowDays * DAY_SECONDS * 1000);
  const result = await sql<CustomerFeatureRow & { excluded: boolean }>`
    with purchases as (
      select id, customer_id, channel, placed_at, total::float8 as total,
             extract(epoch from (placed_at - lag(placed_at) over (partition by customer_id order by placed_at, id)))::float8
               / ${DAY_SECONDS} as gap_days
        from orders
       where placed_at <= ${asOf}::timestamptz and status not in ('CANCELLED', 'REFUNDED')
         and customer_id not like 'erased:%' ${only}
    ),
    summary as (
      select customer_id,
             extract(epoch from (${asOf}::timestamptz - max(placed_at)))::float8 / ${DAY_SECONDS} as recency_days,
             count(*)::int as orders,
             avg(total)::float8 as average_order_value,
             extract(epoch from (${asOf}::timestamptz - min(placed_at)))::float8 / ${DAY_SECONDS} as tenure_days,
             (count(*) filter (where placed_at > ${windowStart}::timestamptz))::int as recent_orders,
             avg(gap_days)::float8 as mean_gap_days,
             ((array_agg(gap_days order by placed_at desc, id desc))[1])::float8 as last_gap_days,
             (count(*) filter (where channel = 'WEB'))::float8 / count(*) as share_web,
             (count(*) filter (where channel = 'MOBILE_APP'))::float8 / count(*) as share_app,
             (count(*) filter (where channel = 'STORE'))::float8 / count(*) as share_store
        from purchases
       group by customer_id
    ),
    breadth as (
      select p.customer_id, count(distinct l.sku)::int as distinct_products
        from purchases p join order_lines l on l.order_id = p.id
       group by p.customer_id
    ),
    opt_ins as (
      select customer_id, count(*)::int as marketing_opt_ins
        from consent_states
       where purpose = 'MARKETING' and status = 'OPT_IN'
       group by customer_id
    )
    select s.*, coalesce(b.distinct_products, 0) as distinct_products,
           coalesce(o.marketing_opt_ins, 0) as marketing_opt_ins,
           s.customer_id in (${excludedCustomers}) as excluded
      from summary s
      left join breadth b on b.customer_id = s.customer_id
      left join opt_ins o on o.customer_id = s.customer_id
     order by s.customer_id`.execute(db);
  const rows: CustomerFeatureRow[] = [];
  let excluded = 0;
  for (const { excluded: out, ...row } of result.rows) {
    if (out) excluded++;
    else rows.push(row);
  }
  return { rows, excluded };
}

/** The churn model's inputs, in this order (GraphQL's ChurnFeature names them). */
export const CHURN_FEATURES = [
  'RECENCY',
  'FREQUENCY',
  'MONETARY',
  'TENURE',
  'RECENT_ORDERS',
  'INTERVAL_TREND',
  'OVERDUE',
  'PRODUCT_BREADTH',
  'WEB_SHARE',
  'APP_SHARE',
  'STORE_SHARE',
  'MARKETING_CONSENT',
] as const;
export type ChurnFeature = (typeof CHURN_FEATURES)[number];

/**
 * The model's view of a row: skewed counts and durations log-scaled. INTERVAL_TREND is the log ratio
 * of the last gap to the mean gap (lengthening gaps: positive), OVERDUE the log ratio of the time
 * since the last purchase to the mean gap; both 0 for a single purchase.
 */
export function churnVector(row: CustomerFeatureRow): number[] {
  const gap = row.mean_gap_days;
  return [
    Math.log1p(row.recency_days),
    Math.log(row.orders),
    Math.log1p(row.average_order_value),
    Math.log1p(row.tenure_days),
    Math.log1p(row.recent_orders),
    gap === null || row.last_gap_days === null ? 0 : Math.log((1 + row.last_gap_days) / (1 + gap)),
    gap === null ? 0 : Math.log((1 + row.recency_days) / (1 + gap)),
    Math.log1p(row.distinct_products),
    row.share_web,
    row.share_app,
    row.share_store,
    row.marketing_opt_ins,
  ];
}

/** Each churn feature's value in its original units (what a contributing factor shows). */
export function churnFeatureValues(row: CustomerFeatureRow): number[] {
  const gap = row.mean_gap_days;
  return [
    row.recency_days,
    row.orders,
    row.average_order_value,
    row.tenure_days,
    row.recent_orders,
    gap === null || row.last_gap_days === null ? 1 : row.last_gap_days / Math.max(gap, 1e-9),
    gap === null ? 0 : row.recency_days / Math.max(gap, 1e-9),
    row.distinct_products,
    row.share_web,
    row.share_app,
    row.share_store,
    row.marketing_opt_ins,
  ];
}

/** The clustering features (log-scaled RFM plus tenure and breadth), with their original-unit names for centroids. */
export const CLUSTER_FEATURES = [
  'recencyDays',
  'orders',
  'averageOrderValue',
  'tenureDays',
  'distinctProducts',
] as const;

export const clusterRawValues = (row: CustomerFeatureRow): number[] => [
  row.recency_days,
  row.orders,
  row.average_order_value,
  row.tenure_days,
  row.distinct_products,
];

export const clusterVector = (row: CustomerFeatureRow): number[] => clusterRawValues(row).map((v) => Math.log1p(v));
