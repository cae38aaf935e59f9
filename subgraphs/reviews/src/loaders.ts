import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { measureBatches } from '../../../shared/metrics.js';
import type { ReviewsDatabase } from './db/database.js';
import {
  findReviewsByIds,
  firstReviewsOfCustomers,
  phrasesBySkus,
  type PhraseRow,
  type Review,
  type ReviewStats,
  rowToReview,
  statsBySkus,
} from './db/review.repository.js';
import { type ReviewSummary, summarize } from './summary.js';

// Every batch's size goes to /metrics (mesh360_dataloader_batch_size): batches of one mean N+1.
const measured = measureBatches('reviews');

export interface ReviewsLoaders {
  reviewById: DataLoader<string, Review | null>;
  /** Counts and sentiment per sku (the well-reviewed rule reads these only). */
  statsBySku: DataLoader<string, ReviewStats | undefined>;
  summaryBySku: DataLoader<string, ReviewSummary>;
  /** The first page (newest first) of each customer's reviews, `limit + 1` rows; key `${limit}:${customerId}`. */
  firstReviewsOfCustomer: DataLoader<string, Review[]>;
}

/** Per-request loaders: one statement per entity type and field, whatever the number of keys. */
export function createLoaders(db: Kysely<ReviewsDatabase>): ReviewsLoaders {
  const statsBySku: ReviewsLoaders['statsBySku'] = new DataLoader(
    measured('statsBySku', async (skus) => {
      const bySku = new Map((await statsBySkus(db, skus)).map((row) => [row.sku, row]));
      return skus.map((sku) => bySku.get(sku));
    }),
  );
  return {
    reviewById: new DataLoader(
      measured('reviewById', async (ids) => {
        const byId = new Map((await findReviewsByIds(db, ids)).map((row) => [row.id, rowToReview(row)]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    ),
    statsBySku,
    summaryBySku: new DataLoader(
      measured('summaryBySku', async (skus) => {
        const [stats, phrases] = await Promise.all([statsBySku.loadMany(skus), phrasesBySkus(db, skus)]);
        const phrasesOf = new Map<string, PhraseRow[]>();
        for (const row of phrases) phrasesOf.set(row.sku, [...(phrasesOf.get(row.sku) ?? []), row]);
        return skus.map((sku, i) => {
          const stat = stats[i];
          if (stat instanceof Error) return stat;
          return summarize(stat, phrasesOf.get(sku) ?? []);
        });
      }),
    ),
    firstReviewsOfCustomer: new DataLoader(
      measured('firstReviewsOfCustomer', async (keys) => {
        // Keys with the same limit share one statement (a page size is the same across one query's customers).
        const byLimit = new Map<number, string[]>();
        for (const key of keys) {
          const [limit, customerId] = [Number(key.slice(0, key.indexOf(':'))), key.slice(key.indexOf(':') + 1)];
          byLimit.set(limit, [...(byLimit.get(limit) ?? []), customerId]);
        }
        const found = new Map<string, Review[]>();
        for (const [limit, customerIds] of byLimit) {
          for (const row of await firstReviewsOfCustomers(db, customerIds, limit)) {
            const key = `${limit}:${row.customer_id}`;
            found.set(key, [...(found.get(key) ?? []), rowToReview(row)]);
          }
        }
        return keys.map((key) => found.get(key) ?? []);
      }),
    ),
  };
}
