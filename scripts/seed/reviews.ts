import type { Kysely } from 'kysely';
import type { ReviewsDatabase } from '../../subgraphs/reviews/src/db/database.js';
import type { NewReviewRow } from '../../subgraphs/reviews/src/db/review.table.js';
import { analyzeSentiment, type ReviewLanguage } from '../../subgraphs/reviews/src/sentiment.js';
import { batches, type DemoWorld } from './world.js';

/** Review texts by stars (index 0 = 1 star), in English and Chinese. */
const TEXTS: Record<ReviewLanguage, string[][]> = {
  EN: [
    ['Terrible quality, it fell apart after one wash.', 'Awful fit and cheap fabric. Returned it.'],
    ['Disappointed, the colour is nothing like the photo.', 'Uncomfortable and too small.'],
    ['It is okay for the price.', 'Arrived on time, fits as expected.'],
    ['Good quality and comfortable, happy with it.', 'Nice fabric, fits well.'],
    ['Love it! Excellent quality and a perfect fit.', 'Beautiful and comfortable, highly recommended.'],
  ],
  ZH: [
    ['质量太差了，洗一次就坏了。', '做工粗糙，非常失望，已经退货。'],
    ['颜色和图片不一样，有点失望。', '尺码偏小，穿着不舒服。'],
    ['按时收到，尺码正常。', '价格合适，还没穿。'],
    ['质量不错，穿着舒服。', '面料很好，挺满意的。'],
    ['非常喜欢，做工精致，强烈推荐！', '很漂亮，穿着舒适，物美价廉。'],
  ],
};

/** 0 to 1 from an integer, the same on every run. */
function unit(n: number): number {
  const x = Math.sin(n * 12.9898 + 78.233) * 43758.5453;
  return x - Math.floor(x);
}

/**
 * Writes the world's reviews into the reviews database only: each product gets 0 to 6 reviews from
 * distinct customers, half in English and half in Chinese. A third of the products are liked (4 and
 * 5 stars), a third mixed (2 to 4), a third disliked (1 to 3), so campaigns promote some products
 * that are well reviewed and some that are not.
 */
export async function seedReviews(
  db: Kysely<ReviewsDatabase>,
  world: DemoWorld,
  progress?: (done: number, total: number) => void,
): Promise<void> {
  const total = world.sizes.products;
  const customers = world.sizes.customers;
  for (const [start, end] of batches(total, 500)) {
    const rows: NewReviewRow[] = [];
    for (let p = start; p < end; p++) {
      const sku = world.sku(p);
      const count = Math.min(Math.floor(unit(p) * 7), customers);
      const tier = p % 3;
      for (let k = 0; k < count; k++) {
        const r = unit(p * 31 + k);
        const rating = tier === 0 ? 4 + Math.round(r) : tier === 1 ? 2 + Math.round(r * 2) : 1 + Math.round(r * 2);
        const language: ReviewLanguage = (p + k) % 2 === 0 ? 'EN' : 'ZH';
        const options = TEXTS[language][rating - 1];
        const body = options[(p + k) % options.length];
        const sentiment = analyzeSentiment(body, language);
        rows.push({
          id: `rev-${String(p + 1).padStart(5, '0')}-${k + 1}`,
          sku,
          customer_id: world.customerId((p * 7 + k * 13) % customers),
          rating,
          title: null,
          body,
          language,
          sentiment: sentiment.label,
          sentiment_score: sentiment.score,
          positive_phrases: sentiment.positive,
          negative_phrases: sentiment.negative,
          created_at: new Date(world.anchor.getTime() - (p * 7 + k) * 3_600_000),
        });
      }
    }
    if (rows.length > 0) await db.insertInto('reviews').values(rows).execute();
    progress?.(end, total);
  }
}
