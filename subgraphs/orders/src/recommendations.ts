// Recommendations that beat popularity (issue 16): item-to-item collaborative filtering
// (item-similarity.ts) blended with the association rules and popularity, personalised by the
// customer's time-decayed history; an offline evaluation that holds out each customer's last order.
//
// Blend score of a candidate c for a customer with history H (weights w_h, decayed by age):
//   similarity(c) = Σ_h w_h · cos(h, c) / Σ_h w_h               (in [0, 1])
//   rules(c)      = max confidence of a rule A → C with A ⊆ H and c ∈ C
//   popularity(c) = decayed buyers of c / those of the most popular product
//   score = 0.6 · similarity + 0.3 · rules + 0.1 · popularity; the reason is the largest term.
// Never a product the customer bought unless its category is repeat-purchase (item-similarity.ts),
// never a discontinued one (product_states); inventory then drops what is out of stock.
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import { associationRules, frequentItemsets } from './association-rules.js';
import { consentRefusals } from './consent-state.js';
import { DEFAULT_MINING, RECOMMENDATION_CANDIDATES } from './cross-sell.js';
import type { OrdersDatabase } from './db/database.js';
import type { RecommendationEvaluationRow, RecommendationStrategy } from './db/recommendation.table.js';
import {
  customerItems,
  findLatestModel,
  pruneModels,
  trainItemSimilarity,
  trainingOrders,
  validateSimilarity,
  type SimilarityInput,
} from './item-similarity.js';

type Db = Kysely<OrdersDatabase> | Transaction<OrdersDatabase>;

/** The map's value for key, made and stored first when absent. */
function entry<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

export type RecommendationReason = 'SIMILAR_ITEMS' | 'BOUGHT_TOGETHER' | 'POPULAR';

export interface Weights {
  similarity: number;
  rules: number;
  popularity: number;
}

export const BLEND_WEIGHTS: Weights = { similarity: 0.6, rules: 0.3, popularity: 0.1 };
/** The strategies the offline evaluation compares, each a weighting of the same three terms. */
export const STRATEGY_WEIGHTS: Record<RecommendationStrategy, Weights> = {
  BLEND: BLEND_WEIGHTS,
  ITEM_SIMILARITY: { similarity: 1, rules: 0, popularity: 0 },
  ASSOCIATION_RULES: { similarity: 0, rules: 1, popularity: 0 },
  POPULARITY: { similarity: 0, rules: 0, popularity: 1 },
};

export interface ScoredItem {
  sku: string;
  score: number;
  reason: RecommendationReason;
  /** The bought product that led to it (SIMILAR_ITEMS, BOUGHT_TOGETHER); null for POPULAR. */
  basedOnSku: string | null;
}

export interface ScoringModel {
  /** Each product's nearest neighbours: sku → [(neighbour, cosine)]. */
  neighbours: ReadonlyMap<string, readonly { sku: string; score: number }[]>;
  rules: readonly { antecedent: readonly string[]; consequent: readonly string[]; confidence: number }[];
  /** Products by decayed buyers, most popular first. */
  popular: readonly { sku: string; score: number }[];
}

/**
 * The best `limit` products for one history under the weights, best first (ties by sku), leaving out
 * what `excluded` says and anything scoring 0.
 */
export function scoreCandidates(
  history: readonly { sku: string; w: number }[],
  model: ScoringModel,
  weights: Weights,
  excluded: (sku: string) => boolean,
  limit: number,
): ScoredItem[] {
  const terms = new Map<
    string,
    {
      similarity: number;
      simFrom: string | null;
      simBest: number;
      rules: number;
      ruleFrom: string | null;
      popularity: number;
    }
  >();
  const term = (sku: string) =>
    entry(terms, sku, () => ({ similarity: 0, simFrom: null, simBest: 0, rules: 0, ruleFrom: null, popularity: 0 }));
  const totalW = history.reduce((sum, h) => sum + h.w, 0);
  if (weights.similarity > 0 && totalW > 0) {
    for (const h of history) {
      for (const n of model.neighbours.get(h.sku) ?? []) {
        const t = term(n.sku);
        const part = (h.w * n.score) / totalW;
        t.similarity += part;
        if (part > t.simBest) {
          t.simBest = part;
          t.simFrom = h.sku;
        }
      }
    }
  }
  if (weights.rules > 0 && history.length > 0) {
    const bought = new Set(history.map((h) => h.sku));
    for (const rule of model.rules) {
      if (!rule.antecedent.every((sku) => bought.has(sku))) continue;
      for (const sku of rule.consequent) {
        const t = term(sku);
        if (rule.confidence > t.rules) {
          t.rules = rule.confidence;
          t.ruleFrom = rule.antecedent[0];
        }
      }
    }
  }
  if (weights.popularity > 0 && model.popular.length > 0) {
    const top = model.popular[0].score;
    if (top > 0) for (const p of model.popular) term(p.sku).popularity = p.score / top;
  }
  const scored: ScoredItem[] = [];
  for (const [sku, t] of terms) {
    if (excluded(sku)) continue;
    const parts = [weights.similarity * t.similarity, weights.rules * t.rules, weights.popularity * t.popularity];
    const score = parts[0] + parts[1] + parts[2];
    if (!(score > 0)) continue;
    const best = parts.indexOf(Math.max(...parts));
    scored.push(
      best === 0
        ? { sku, score, reason: 'SIMILAR_ITEMS', basedOnSku: t.simFrom }
        : best === 1
          ? { sku, score, reason: 'BOUGHT_TOGETHER', basedOnSku: t.ruleFrom }
          : { sku, score, reason: 'POPULAR', basedOnSku: null },
    );
  }
  scored.sort((a, b) => b.score - a.score || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  return scored.slice(0, limit);
}

/** Hit rate@5 (share of customers with a held-out product in their top 5) and recall@10 (mean share of their held-out products in the top 10). */
export function rankingMetrics(cases: readonly { recommended: readonly string[]; heldOut: ReadonlySet<string> }[]) {
  let hits = 0;
  let recall = 0;
  let customers = 0;
  for (const { recommended, heldOut } of cases) {
    if (heldOut.size === 0) continue;
    customers += 1;
    if (recommended.slice(0, 5).some((sku) => heldOut.has(sku))) hits += 1;
    recall += recommended.slice(0, 10).filter((sku) => heldOut.has(sku)).length / heldOut.size;
  }
  return {
    customerCount: customers,
    hitRateAt5: customers > 0 ? hits / customers : 0,
    recallAt10: customers > 0 ? recall / customers : 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Model data from the database

async function loadNeighbours(db: Db, version: number, skus?: readonly string[]) {
  if (skus && skus.length === 0) return new Map<string, { sku: string; score: number }[]>();
  let query = db
    .selectFrom('item_similarities')
    .select(['sku', 'neighbour_sku', 'score'])
    .where('model_version', '=', version);
  if (skus) query = query.where('sku', 'in', [...skus]);
  const neighbours = new Map<string, { sku: string; score: number }[]>();
  for (const row of await query.orderBy('sku').orderBy('score', 'desc').orderBy('neighbour_sku').execute()) {
    entry(neighbours, row.sku, () => []).push({ sku: row.neighbour_sku, score: Number(row.score) });
  }
  return neighbours;
}

async function loadPopular(db: Db, version: number, limit?: number) {
  let query = db
    .selectFrom('item_popularity')
    .select(['sku', 'score'])
    .where('model_version', '=', version)
    .orderBy('score', 'desc')
    .orderBy('sku');
  if (limit) query = query.limit(limit);
  return (await query.execute()).map((row) => ({ sku: row.sku, score: Number(row.score) }));
}

async function loadRepeatCategories(db: Db, version: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom('category_repurchase')
    .select('category')
    .where('model_version', '=', version)
    .where('repeat_purchase', '=', true)
    .execute();
  return new Set(rows.map((row) => row.category));
}

/** Category and discontinued flag of the products product_states knows, for these skus (or all). */
async function loadProductStates(db: Db, skus?: readonly string[]) {
  if (skus && skus.length === 0) return new Map<string, { category: string | null; discontinued: boolean }>();
  let query = db.selectFrom('product_states').select(['sku', 'category', 'discontinued']);
  if (skus) query = query.where('sku', 'in', [...skus]);
  return new Map(
    (await query.execute()).map((row) => [row.sku, { category: row.category, discontinued: row.discontinued }]),
  );
}

/** Histories per customer (sku, decayed weight). */
async function loadHistories(db: Db, scope: Parameters<typeof customerItems>[0], customerIds?: readonly string[]) {
  const rows = await customerItems(scope, customerIds).execute(db);
  const histories = new Map<string, { sku: string; w: number }[]>();
  for (const row of rows.rows) {
    entry(histories, row.customer_id, () => []).push({ sku: row.sku, w: Number(row.w) });
  }
  return histories;
}

/** Leaves out what the customer bought unless its category is repeat-purchase. */
function alreadyBought(
  history: readonly { sku: string }[],
  categoryOf: (sku: string) => string | null | undefined,
  repeatCategories: ReadonlySet<string>,
) {
  const bought = new Set(history.map((h) => h.sku));
  return (sku: string) => {
    if (!bought.has(sku)) return false;
    const category = categoryOf(sku);
    return !(category && repeatCategories.has(category));
  };
}

// ---------------------------------------------------------------------------------------------
// Serving

/**
 * Up to `limit` candidates per customer, best first, in input order: the blend for customers who did
 * not refuse PERSONALIZATION, the most popular products (reason POPULAR) for those who did. Before
 * the first trained model, the association rules alone.
 */
export async function recommendationCandidates(
  db: Db,
  customerIds: readonly string[],
  limit = RECOMMENDATION_CANDIDATES,
  now = new Date(),
): Promise<ScoredItem[][]> {
  const model = await findLatestModel(db, 'SERVING');
  const refusals = await consentRefusals(db, customerIds);
  const personalised = customerIds.filter((_, i) => !refusals[i].personalization);
  const histories = await loadHistories(
    db,
    { asOf: now, halfLifeDays: model?.half_life_days ?? 180, holdout: false, includeAnalyticsRefusers: true },
    personalised,
  );
  const historySkus = [...new Set([...histories.values()].flatMap((history) => history.map((h) => h.sku)))];
  const [neighbours, popular, repeatCategories, rules] = await Promise.all([
    model ? loadNeighbours(db, model.version, historySkus) : new Map(),
    model ? loadPopular(db, model.version, limit * 2) : [],
    model ? loadRepeatCategories(db, model.version) : new Set<string>(),
    loadApplicableRules(db, historySkus),
  ]);
  const candidateSkus = new Set<string>([
    ...historySkus,
    ...popular.map((p) => p.sku),
    ...[...neighbours.values()].flatMap((list) => list.map((n: { sku: string }) => n.sku)),
    ...rules.flatMap((rule) => rule.consequent),
  ]);
  const states = await loadProductStates(db, [...candidateSkus]);
  const discontinued = (sku: string) => states.get(sku)?.discontinued === true;
  const scoring: ScoringModel = { neighbours, rules, popular: popular.filter((p) => !discontinued(p.sku)) };
  return customerIds.map((id, i) => {
    if (refusals[i].personalization)
      return scoreCandidates([], scoring, { similarity: 0, rules: 0, popularity: 1 }, discontinued, limit);
    const history = histories.get(id) ?? [];
    const bought = alreadyBought(history, (sku) => states.get(sku)?.category, repeatCategories);
    return scoreCandidates(history, scoring, BLEND_WEIGHTS, (sku) => discontinued(sku) || bought(sku), limit);
  });
}

/** Rules of the latest mining run whose antecedent lies within these skus. */
async function loadApplicableRules(db: Db, skus: readonly string[]) {
  if (skus.length === 0) return [];
  const rows = await db
    .selectFrom('association_rules')
    .select(['antecedent_skus', 'consequent_skus', 'confidence'])
    .where('run_id', '=', (eb) => eb.selectFrom('association_rule_runs').select((e) => e.fn.max('id').as('id')))
    .where(sql<boolean>`antecedent_skus <@ ${sql.val([...skus])}::text[]`)
    .execute();
  return rows.map((row) => ({
    antecedent: row.antecedent_skus,
    consequent: row.consequent_skus,
    confidence: Number(row.confidence),
  }));
}

// ---------------------------------------------------------------------------------------------
// Training and offline evaluation (the TRAIN_RECOMMENDATIONS job)

export interface RecommendationEvaluation {
  modelVersion: number;
  servingModelVersion: number;
  evaluatedAt: Date;
  results: RecommendationEvaluationRow[];
}

/**
 * Trains the serving model on every order, then evaluates offline: a HOLDOUT model (and association
 * rules) trained without each customer's last order, every strategy's top 10 for each customer with
 * at least one order before the last, scored against the last order's products. One transaction.
 */
export async function trainRecommendations(
  db: Kysely<OrdersDatabase>,
  input: SimilarityInput | null | undefined,
  now = () => new Date(),
  progress?: (fraction: number) => void,
): Promise<RecommendationEvaluation> {
  const params = validateSimilarity(input);
  const asOf = now();
  return db.transaction().execute(async (trx) => {
    const serving = await trainItemSimilarity(trx, 'SERVING', params, asOf, now);
    progress?.(0.3);
    const holdout = await trainItemSimilarity(trx, 'HOLDOUT', params, asOf, now);
    progress?.(0.6);
    const results = await evaluateHoldoutModel(trx, holdout.version, asOf, params.halfLifeDays, now());
    await pruneModels(trx, 'SERVING');
    await pruneModels(trx, 'HOLDOUT');
    progress?.(0.95);
    return {
      modelVersion: holdout.version,
      servingModelVersion: serving.version,
      evaluatedAt: results[0]?.evaluated_at ?? asOf,
      results,
    };
  });
}

async function evaluateHoldoutModel(
  trx: Transaction<OrdersDatabase>,
  version: number,
  asOf: Date,
  halfLifeDays: number,
  evaluatedAt: Date,
): Promise<RecommendationEvaluationRow[]> {
  const histories = await loadHistories(trx, { asOf, halfLifeDays, holdout: true });
  // The held-out products: each customer's last order, for customers with an order before it.
  const heldOutRows = await sql<{ customer_id: string; sku: string }>`
    select t.customer_id, l.sku from ${trainingOrders(asOf)} t join order_lines l on l.order_id = t.id
    where t.recency_rank = 1`.execute(trx);
  const heldOut = new Map<string, Set<string>>();
  for (const row of heldOutRows.rows) {
    if (!histories.has(row.customer_id)) continue;
    entry(heldOut, row.customer_id, () => new Set()).add(row.sku);
  }
  // Association rules mined on the training baskets only, with the default thresholds.
  const basketRows = await sql<{ skus: string[] }>`
    select array_agg(l.sku order by l.sku) as skus from ${trainingOrders(asOf)} t join order_lines l on l.order_id = t.id
    where t.recency_rank > 1 group by t.id order by t.id`.execute(trx);
  const skuNumbers = new Map<string, number>();
  const numberOf = (sku: string) => entry(skuNumbers, sku, () => skuNumbers.size);
  const baskets = basketRows.rows.map((row) => row.skus.map(numberOf));
  const itemsets = await frequentItemsets(
    async function* () {
      yield baskets;
    },
    DEFAULT_MINING.minSupport,
    DEFAULT_MINING.maxItemsetSize,
    200_000,
  );
  const skuOf = [...skuNumbers.keys()];
  const rules = associationRules(itemsets, DEFAULT_MINING.minConfidence).map((rule) => ({
    antecedent: rule.antecedent.map((n) => skuOf[n]),
    consequent: rule.consequent.map((n) => skuOf[n]),
    confidence: rule.confidence,
  }));
  const [neighbours, popular, repeatCategories, states] = await Promise.all([
    loadNeighbours(trx, version),
    loadPopular(trx, version),
    loadRepeatCategories(trx, version),
    loadProductStates(trx),
  ]);
  const model: ScoringModel = { neighbours, rules, popular };
  const rows: RecommendationEvaluationRow[] = [];
  for (const strategy of Object.keys(STRATEGY_WEIGHTS) as RecommendationStrategy[]) {
    const cases = [...heldOut].map(([customerId, products]) => {
      const history = histories.get(customerId) ?? [];
      const bought = alreadyBought(history, (sku) => states.get(sku)?.category, repeatCategories);
      const recommended = scoreCandidates(history, model, STRATEGY_WEIGHTS[strategy], bought, 10).map((r) => r.sku);
      return { recommended, heldOut: products };
    });
    const metrics = rankingMetrics(cases);
    rows.push({
      model_version: version,
      strategy,
      evaluated_at: evaluatedAt,
      customer_count: metrics.customerCount,
      hit_rate_at_5: metrics.hitRateAt5,
      recall_at_10: metrics.recallAt10,
    });
  }
  await trx.insertInto('recommendation_evaluations').values(rows).execute();
  return rows;
}

/** The latest evaluation (of the latest HOLDOUT model that has one), every strategy; undefined before the first. */
export async function findLatestEvaluation(db: Db) {
  const rows = await db
    .selectFrom('recommendation_evaluations')
    .selectAll()
    .where('model_version', '=', (eb) =>
      eb.selectFrom('recommendation_evaluations').select((e) => e.fn.max('model_version').as('v')),
    )
    .execute();
  if (rows.length === 0) return undefined;
  const order = Object.keys(STRATEGY_WEIGHTS);
  return rows.sort((a, b) => order.indexOf(a.strategy) - order.indexOf(b.strategy));
}

/** The served model for Query.recommendationModel, with its repurchase rates and the latest evaluation. */
export async function servedRecommendationModel(db: Db) {
  const model = await findLatestModel(db, 'SERVING');
  if (!model) return null;
  const [categories, evaluation] = await Promise.all([
    db
      .selectFrom('category_repurchase')
      .selectAll()
      .where('model_version', '=', model.version)
      .orderBy('rate', 'desc')
      .orderBy('category')
      .execute(),
    findLatestEvaluation(db),
  ]);
  const of = (strategy: RecommendationStrategy) => evaluation?.find((row) => row.strategy === strategy);
  const blend = of('BLEND');
  const popularity = of('POPULARITY');
  return {
    version: model.version,
    trainedAt: model.trained_at,
    halfLifeDays: model.half_life_days,
    minCoCustomers: model.min_co_customers,
    neighbours: model.neighbours,
    customerCount: model.customer_count,
    productCount: model.item_count,
    pairCount: model.pair_count,
    durationMs: model.duration_ms,
    categoryRepurchase: categories.map((row) => ({
      category: row.category,
      buyers: row.buyers,
      repurchasers: row.repurchasers,
      rate: Number(row.rate),
      repeatPurchase: row.repeat_purchase,
    })),
    evaluation:
      evaluation && evaluation.length > 0
        ? {
            holdoutModelVersion: evaluation[0].model_version,
            evaluatedAt: evaluation[0].evaluated_at,
            customerCount: evaluation[0].customer_count,
            strategies: evaluation.map((row) => ({
              strategy: row.strategy,
              hitRateAt5: Number(row.hit_rate_at_5),
              recallAt10: Number(row.recall_at_10),
            })),
            blendBeatsPopularity:
              !!blend &&
              !!popularity &&
              blend.hit_rate_at_5 > popularity.hit_rate_at_5 &&
              blend.recall_at_10 > popularity.recall_at_10,
          }
        : null,
  };
}
