// What a product's reviews say (Product.reviewSummary) and the "well reviewed" rule marketing
// filters promoted products by (Campaign.wellReviewedPromotedSkus).
import type { PhraseRow, ReviewStats } from './db/review.repository.js';

/** Well reviewed: at least this many reviews ... */
export const WELL_REVIEWED_MIN_COUNT = 3;
/** ... averaging at least this many stars. */
export const WELL_REVIEWED_MIN_AVERAGE = 4;
/** Phrases listed per polarity. */
export const TOP_PHRASES = 5;

export interface ReviewSummary {
  count: number;
  averageRating: number | null;
  wellReviewed: boolean;
  sentimentShare: { positive: number; neutral: number; negative: number };
  topPositivePhrases: { phrase: string; reviews: number }[];
  topNegativePhrases: { phrase: string; reviews: number }[];
}

export const isWellReviewed = (stats: ReviewStats | undefined): boolean =>
  stats !== undefined &&
  stats.count >= WELL_REVIEWED_MIN_COUNT &&
  stats.averageRating !== null &&
  stats.averageRating >= WELL_REVIEWED_MIN_AVERAGE;

const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000);

/** Most used first, ties by phrase, at most TOP_PHRASES. */
function top(phrases: PhraseRow[], polarity: PhraseRow['polarity']) {
  return phrases
    .filter((row) => row.polarity === polarity)
    .sort((a, b) => b.reviews - a.reviews || a.phrase.localeCompare(b.phrase))
    .slice(0, TOP_PHRASES)
    .map(({ phrase, reviews }) => ({ phrase, reviews }));
}

export function summarize(stats: ReviewStats | undefined, phrases: PhraseRow[]): ReviewSummary {
  const count = stats?.count ?? 0;
  return {
    count,
    averageRating: stats?.averageRating ?? null,
    wellReviewed: isWellReviewed(stats),
    sentimentShare: {
      positive: share(stats?.positive ?? 0, count),
      neutral: share(stats?.neutral ?? 0, count),
      negative: share(stats?.negative ?? 0, count),
    },
    topPositivePhrases: top(phrases, 'POSITIVE'),
    topNegativePhrases: top(phrases, 'NEGATIVE'),
  };
}
