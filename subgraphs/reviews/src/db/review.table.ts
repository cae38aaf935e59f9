import type { Generated, Insertable, Selectable } from 'kysely';
import type { ReviewLanguage, SentimentLabel } from '../sentiment.js';

export interface ReviewTable {
  id: string;
  sku: string;
  customer_id: string;
  rating: number;
  title: string | null;
  body: string;
  language: ReviewLanguage;
  sentiment: SentimentLabel;
  sentiment_score: number;
  /** The lexicon words and phrases that scored positive in this review (text[]). */
  positive_phrases: string[];
  negative_phrases: string[];
  created_at: Generated<Date>;
}

export type ReviewRow = Selectable<ReviewTable>;
export type NewReviewRow = Insertable<ReviewTable>;
