// Item-to-item collaborative filtering (issue 16): each product is a vector over customers whose
// entries are the customer's time-decayed purchase weight, w = exp(−ln 2 · age / half-life) of their
// latest purchase of it; two products are similar by the cosine of their vectors. Trained set-based
// in SQL and stored as a versioned model with the products' popularity and each category's repurchase rate.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { BadUserInputError } from '../../../shared/errors.js';
import { refusedAnalytics } from './consent-state.js';
import type { OrdersDatabase } from './db/database.js';
import { NO_REVENUE_STATUSES } from './db/order.table.js';
import type { RecommendationModelPurpose, RecommendationModelRow } from './db/recommendation.table.js';

export const DEFAULT_SIMILARITY = { halfLifeDays: 180, minCoCustomers: 2, neighbours: 50 };

/**
 * Repeat-purchase categories, from the data: a category is one when, among the (customer, product)
 * pairs of the category, the share bought in two orders or more is at least REPEAT_MIN_RATE and at
 * least REPEAT_FACTOR times the share over all categories, on at least REPEAT_MIN_BUYERS pairs.
 * Products of such a category may be recommended again to a customer who bought them.
 */
export const REPEAT_MIN_RATE = 0.2;
export const REPEAT_FACTOR = 2;
export const REPEAT_MIN_BUYERS = 30;

export interface SimilarityInput {
  halfLifeDays?: number | null;
  minCoCustomers?: number | null;
  neighbours?: number | null;
}

export function validateSimilarity(input: SimilarityInput | null | undefined) {
  const halfLifeDays = input?.halfLifeDays ?? DEFAULT_SIMILARITY.halfLifeDays;
  const minCoCustomers = input?.minCoCustomers ?? DEFAULT_SIMILARITY.minCoCustomers;
  const neighbours = input?.neighbours ?? DEFAULT_SIMILARITY.neighbours;
  if (!(Number.isFinite(halfLifeDays) && halfLifeDays >= 1 && halfLifeDays <= 3650))
    throw new BadUserInputError('halfLifeDays must be between 1 and 3650', { argumentName: 'halfLifeDays' });
  if (!Number.isInteger(minCoCustomers) || minCoCustomers < 1 || minCoCustomers > 1000)
    throw new BadUserInputError('minCoCustomers must be an integer between 1 and 1000', {
      argumentName: 'minCoCustomers',
    });
  if (!Number.isInteger(neighbours) || neighbours < 1 || neighbours > 200)
    throw new BadUserInputError('neighbours must be an integer between 1 and 200', { argumentName: 'neighbours' });
  return { halfLifeDays, minCoCustomers, neighbours };
}

type Db = Kysely<OrdersDatabase> | Transaction<OrdersDatabase>;

export interface TrainingScope {
  asOf: Date;
  halfLifeDays: number;
  /** Leave out each customer's last order (placed_at, then id): the offline evaluation's training set. */
  holdout: boolean;
  /** Serving a customer's own history to them is personalization, not analytics: keep ANALYTICS refusers. */
  includeAnalyticsRefusers?: boolean;
}

/**
 * The orders models learn from: revenue orders of customers who did not refuse ANALYTICS (and are
 * not erased), placed by asOf, each with its place among the customer's orders (1 = the last).
 */
export function trainingOrders(
  asOf: Date,
  includeAnalyticsRefusers = false,
  customerIds?: readonly string[],
): RawBuilder<{ id: string; customer_id: string; placed_at: Date; recency_rank: number }> {
  return sql`(
    select o.id, o.customer_id, o.placed_at,
      row_number() over (partition by o.customer_id order by o.placed_at desc, o.id desc) as recency_rank
    from orders o
    where o.status not in (${sql.join(NO_REVENUE_STATUSES)})
      and o.placed_at <= ${asOf}
      and o.customer_id not like 'erased:%'
      ${customerIds ? sql`and o.customer_id in (${sql.join(customerIds.length > 0 ? customerIds : [''])})` : sql``}
      and ${includeAnalyticsRefusers ? sql`true` : sql`not ${refusedAnalytics(sql.ref('o.customer_id'))}`}
  )`;
}

/**
 * One row per (customer, product) of the training orders: w, the decayed weight of the latest
 * purchase, orders, how many orders held it, and last_at. customerIds restricts it (serving).
 */
export function customerItems(scope: TrainingScope, customerIds?: readonly string[]) {
  const ln2PerSecond = Math.LN2 / (scope.halfLifeDays * 86_400);
  return sql<{ customer_id: string; sku: string; w: number; orders: number; last_at: Date }>`
    select t.customer_id, l.sku,
      exp(-${ln2PerSecond}::float8 * greatest(0, extract(epoch from (${scope.asOf}::timestamptz - max(t.placed_at)))))::float8 as w,
      count(distinct t.id)::int as orders, max(t.placed_at) as last_at
    from ${trainingOrders(scope.asOf, scope.includeAnalyticsRefusers, customerIds)} t
    join order_lines l on l.order_id = t.id
    where ${scope.holdout ? sql`t.recency_rank > 1` : sql`true`}
    group by t.customer_id, l.sku`;
}

/** Trains one model and stores it (with popularity and repurchase rates) in the caller's transaction. */
export async function trainItemSimilarity(
  trx: Transaction<OrdersDatabase>,
  purpose: RecommendationModelPurpose,
  params: ReturnType<typeof validateSimilarity>,
  asOf: Date,
  now = () => new Date(),
): Promise<RecommendationModelRow> {
  const started = performance.now();
  const scope: TrainingScope = { asOf, halfLifeDays: params.halfLifeDays, holdout: purpose === 'HOLDOUT' };
  const { version } = await trx
    .insertInto('recommendation_models')
    .values({
      purpose,
      trained_at: now(),
      as_of: asOf,
      half_life_days: params.halfLifeDays,
      min_co_customers: params.minCoCustomers,
      neighbours: params.neighbours,
      customer_count: 0,
      item_count: 0,
      pair_count: 0,
      duration_ms: 0,
    })
    .returning('version')
    .executeTakeFirstOrThrow();
  // The customer × product weights once, dropped with the transaction; every table below reads them.
  await sql`create temporary table rec_customer_items on commit drop as ${customerItems(scope)}`.execute(trx);
  await sql`create index on rec_customer_items (customer_id)`.execute(trx);
  await sql`analyze rec_customer_items`.execute(trx);
  await sql`
    insert into item_popularity (model_version, sku, score, customers)
    select ${version}, sku, sum(w), count(*) from rec_customer_items group by sku`.execute(trx);
  // Cosine over customers: Σ w_a·w_b / (‖a‖·‖b‖), kept for pairs at least minCoCustomers share, the
  // best `neighbours` per product.
  await sql`
    insert into item_similarities (model_version, sku, neighbour_sku, score, co_customers)
    with norms as (select sku, sqrt(sum(w * w)) as norm from rec_customer_items group by sku),
    pairs as (
      select a.sku, b.sku as neighbour_sku, sum(a.w * b.w) as dot, count(*) as co
      from rec_customer_items a join rec_customer_items b on b.customer_id = a.customer_id and b.sku <> a.sku
      group by a.sku, b.sku
      having count(*) >= ${params.minCoCustomers}
    ),
    scored as (
      select p.sku, p.neighbour_sku, p.dot / (na.norm * nb.norm) as score, p.co,
        row_number() over (partition by p.sku order by p.dot / (na.norm * nb.norm) desc, p.neighbour_sku) as rank
      from pairs p join norms na on na.sku = p.sku join norms nb on nb.sku = p.neighbour_sku
    )
    select ${version}, sku, neighbour_sku, least(1, score), co from scored where rank <= ${params.neighbours}`.execute(
    trx,
  );
  await sql`
    insert into category_repurchase (model_version, category, buyers, repurchasers, rate, repeat_purchase)
    with per_category as (
      select p.category, count(*) as buyers, count(*) filter (where ci.orders >= 2) as repurchasers
      from rec_customer_items ci join product_states p on p.sku = ci.sku
      where p.category is not null
      group by p.category
    ),
    overall as (select sum(repurchasers)::float8 / nullif(sum(buyers), 0) as rate from per_category)
    select ${version}, c.category, c.buyers, c.repurchasers, c.repurchasers::float8 / c.buyers,
      c.buyers >= ${REPEAT_MIN_BUYERS}
        and c.repurchasers::float8 / c.buyers >= greatest(${REPEAT_MIN_RATE}::float8, ${REPEAT_FACTOR}::float8 * coalesce(o.rate, 0))
    from per_category c cross join overall o`.execute(trx);
  const counts = await sql<{ customers: number; items: number }>`
    select count(distinct customer_id)::int as customers, count(distinct sku)::int as items from rec_customer_items`.execute(
    trx,
  );
  const pairs = await trx
    .selectFrom('item_similarities')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('model_version', '=', version)
    .executeTakeFirstOrThrow();
  await sql`drop table rec_customer_items`.execute(trx);
  return trx
    .updateTable('recommendation_models')
    .set({
      customer_count: counts.rows[0].customers,
      item_count: counts.rows[0].items,
      pair_count: Number(pairs.n),
      duration_ms: Math.round(performance.now() - started),
    })
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The latest model of a purpose, or undefined. */
export function findLatestModel(db: Db, purpose: RecommendationModelPurpose) {
  return db
    .selectFrom('recommendation_models')
    .selectAll()
    .where('purpose', '=', purpose)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Models kept per purpose: older ones (and their rows) go when a new one is stored. */
export const MODELS_KEPT = 3;

export async function pruneModels(trx: Transaction<OrdersDatabase>, purpose: RecommendationModelPurpose) {
  await sql`
    delete from recommendation_models where purpose = ${purpose} and version not in (
      select version from recommendation_models where purpose = ${purpose} order by version desc limit ${MODELS_KEPT})`.execute(
    trx,
  );
}
