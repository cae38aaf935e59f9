import { sql, type Kysely, type Transaction } from 'kysely';
import type {
  AssociationRuleRow,
  AssociationRuleRunRow,
  NewAssociationRuleRow,
  NewAssociationRuleRunRow,
} from './association-rule.table.js';
import type { OrdersDatabase } from './database.js';
import { anyDiscontinued } from './product-state.repository.js';

type Db = Kysely<OrdersDatabase> | Transaction<OrdersDatabase>;

export interface AssociationRule {
  antecedentSkus: string[];
  consequentSkus: string[];
  support: number;
  supportCount: number;
  confidence: number;
  lift: number;
}

export function rowToAssociationRule(
  row: Pick<
    AssociationRuleRow,
    'antecedent_skus' | 'consequent_skus' | 'support' | 'support_count' | 'confidence' | 'lift'
  >,
): AssociationRule {
  return {
    antecedentSkus: row.antecedent_skus,
    consequentSkus: row.consequent_skus,
    support: row.support,
    supportCount: row.support_count,
    confidence: row.confidence,
    lift: row.lift,
  };
}

const ruleColumns = [
  'id',
  'run_id',
  'antecedent_skus',
  'consequent_skus',
  'support',
  'support_count',
  'confidence',
  'lift',
] as const;

/**
 * One page of baskets (an order's distinct skus) after order id `after`, oldest id first. The page
 * of order ids is chosen first on the primary key, so a page costs the same at the end as at the start.
 * Cancelled orders are not baskets: they never happened.
 */
/** Orders the basket scan reads (not cancelled): what mining's progress is measured against. */
export async function countOrders(db: Db): Promise<number> {
  const row = await db
    .selectFrom('orders')
    .select(sql<number>`count(*)`.as('n'))
    .where('status', '<>', 'CANCELLED')
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function findBasketPage(db: Db, limit: number, after?: string): Promise<{ id: string; skus: string[] }[]> {
  const afterFilter = after === undefined ? sql`` : sql`and id > ${after}`;
  const result = await sql<{ id: string; skus: string[] }>`
    with page as (
      select id from orders where status <> 'CANCELLED' ${afterFilter} order by id limit ${limit}
    )
    select page.id, array_agg(distinct order_lines.sku) as skus
      from page join order_lines on order_lines.order_id = page.id
     group by page.id
     order by page.id`.execute(db);
  return result.rows;
}

/** Replaces the stored run and its rules with a new one: the caller runs this in a transaction. */
export async function replaceAssociationRules(
  db: Db,
  run: NewAssociationRuleRunRow,
  rules: Omit<NewAssociationRuleRow, 'run_id'>[],
): Promise<AssociationRuleRunRow> {
  await db.deleteFrom('association_rule_runs').execute();
  const saved = await db.insertInto('association_rule_runs').values(run).returningAll().executeTakeFirstOrThrow();
  for (let i = 0; i < rules.length; i += 1000) {
    await db
      .insertInto('association_rules')
      .values(rules.slice(i, i + 1000).map((rule) => ({ ...rule, run_id: saved.id })))
      .execute();
  }
  return saved;
}

export async function findLatestAssociationRuleRun(db: Db): Promise<AssociationRuleRunRow | undefined> {
  return db.selectFrom('association_rule_runs').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
}

const latestRun = sql<number>`(select max(id) from association_rule_runs)`;

export interface RuleFilter {
  minSupport: number;
  minConfidence: number;
  minLift: number;
  /** Sorted; the antecedent must be exactly these skus. */
  antecedentSkus?: string[];
  /** Keep rules that recommend a discontinued product (history); cross-sell never does. */
  includeDiscontinued: boolean;
  limit: number;
}

/** Rules of the latest run that pass the thresholds, by lift, then confidence. */
export async function findAssociationRules(db: Db, filter: RuleFilter): Promise<AssociationRuleRow[]> {
  let query = db
    .selectFrom('association_rules')
    .select(ruleColumns)
    .where('run_id', '=', latestRun)
    .where('support', '>=', filter.minSupport)
    .where('confidence', '>=', filter.minConfidence)
    .where('lift', '>=', filter.minLift);
  if (filter.antecedentSkus)
    query = query.where('antecedent_skus', '=', sql<string[]>`cast(${filter.antecedentSkus} as text[])`);
  if (!filter.includeDiscontinued)
    query = query.where(sql<boolean>`not ${anyDiscontinued(sql.ref('consequent_skus'))}`);
  return query.orderBy('lift', 'desc').orderBy('confidence', 'desc').orderBy('id').limit(filter.limit).execute();
}

/**
 * For each sku, the best `limit` rules of the latest run whose antecedent contains it, in one
 * statement. Rules recommending a discontinued product (product_states) are left out before the
 * limit, so a page holds `limit` rules whenever that many recommend products still sold.
 */
export async function findRulesByAntecedentSkus(
  db: Db,
  skus: readonly string[],
  limit: number,
): Promise<(AssociationRuleRow & { sku: string })[]> {
  if (skus.length === 0 || limit === 0) return [];
  const result = await sql<AssociationRuleRow & { sku: string }>`
    select wanted.sku, rule.*
      from unnest(cast(${[...skus]} as text[])) as wanted(sku)
      cross join lateral (
        select ${sql.join(ruleColumns.map((c) => sql.ref(c)))}
          from association_rules
         where run_id = ${latestRun} and antecedent_skus @> array[wanted.sku]
           and not ${anyDiscontinued(sql.ref('consequent_skus'))}
         order by lift desc, confidence desc, id
         limit ${limit}
      ) as rule
     order by wanted.sku, rule.lift desc, rule.confidence desc, rule.id`.execute(db);
  return result.rows;
}

/**
 * Cross-sell candidates for many customers in one statement: the consequents of rules whose
 * antecedent the customer has bought entirely, minus what they bought and what is discontinued,
 * best lift (then confidence) first, at most `limit` per customer.
 */
export async function findRecommendationCandidates(
  db: Db,
  customerIds: readonly string[],
  limit: number,
): Promise<{ customer_id: string; sku: string }[]> {
  if (customerIds.length === 0) return [];
  const result = await sql<{ customer_id: string; sku: string }>`
    with bought as (
      select orders.customer_id, array_agg(distinct order_lines.sku) as skus
        from orders join order_lines on order_lines.order_id = orders.id
       where orders.customer_id in (${sql.join(customerIds.map((id) => sql`${id}`))}) and orders.status <> 'CANCELLED'
       group by orders.customer_id
    ), candidates as (
      select bought.customer_id, consequent.sku, max(rule.lift) as lift, max(rule.confidence) as confidence
        from bought
        join association_rules as rule on rule.run_id = ${latestRun} and rule.antecedent_skus <@ bought.skus
        cross join lateral unnest(rule.consequent_skus) as consequent(sku)
       where not (consequent.sku = any(bought.skus)) and not ${anyDiscontinued(sql`array[consequent.sku]`)}
       group by bought.customer_id, consequent.sku
    ), ranked as (
      select customer_id, sku, row_number() over (partition by customer_id order by lift desc, confidence desc, sku) as rank
        from candidates
    )
    select customer_id, sku from ranked where rank <= ${limit} order by customer_id, rank`.execute(db);
  return result.rows;
}
