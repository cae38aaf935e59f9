import type { Generated, Insertable, Selectable } from 'kysely';

export const RECOMMENDATION_MODEL_PURPOSES = ['SERVING', 'HOLDOUT'] as const;
export type RecommendationModelPurpose = (typeof RECOMMENDATION_MODEL_PURPOSES)[number];

/** One trained item-to-item model: its parameters and sizes; its rows live in the tables below. */
export interface RecommendationModelTable {
  version: Generated<number>;
  purpose: RecommendationModelPurpose;
  trained_at: Date;
  /** Purchases are weighted by exp(−ln 2 · age / half-life), age counted back from as_of. */
  as_of: Date;
  half_life_days: number;
  min_co_customers: number;
  neighbours: number;
  customer_count: number;
  item_count: number;
  pair_count: number;
  duration_ms: number;
}

export interface ItemSimilarityTable {
  model_version: number;
  sku: string;
  neighbour_sku: string;
  /** Cosine of the two items' time-decayed purchase vectors over customers, in (0, 1]. */
  score: number;
  co_customers: number;
}

export interface ItemPopularityTable {
  model_version: number;
  sku: string;
  /** Time-decayed number of buyers. */
  score: number;
  customers: number;
}

export interface CategoryRepurchaseTable {
  model_version: number;
  category: string;
  /** (customer, product) pairs of the category. */
  buyers: number;
  /** Of those, the pairs bought in two orders or more. */
  repurchasers: number;
  rate: number;
  repeat_purchase: boolean;
}

export const RECOMMENDATION_STRATEGIES = ['BLEND', 'ITEM_SIMILARITY', 'ASSOCIATION_RULES', 'POPULARITY'] as const;
export type RecommendationStrategy = (typeof RECOMMENDATION_STRATEGIES)[number];

export interface RecommendationEvaluationTable {
  model_version: number;
  strategy: RecommendationStrategy;
  evaluated_at: Date;
  customer_count: number;
  hit_rate_at_5: number;
  recall_at_10: number;
}

export type RecommendationModelRow = Selectable<RecommendationModelTable>;
export type NewRecommendationModelRow = Insertable<RecommendationModelTable>;
export type RecommendationEvaluationRow = Selectable<RecommendationEvaluationTable>;
