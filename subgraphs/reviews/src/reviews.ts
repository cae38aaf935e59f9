// Submitting a review: validation (every refusal a coded error, nothing written), sentiment scored
// on the way in, one insert.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { BadUserInputError, ConflictError } from '../../../shared/errors.js';
import type { ReviewsDatabase } from './db/database.js';
import { insertReview, type Review, rowToReview } from './db/review.repository.js';
import { analyzeSentiment, detectLanguage, type ReviewLanguage } from './sentiment.js';

/** The sku format inventory assigns: 3 to 32 uppercase letters, digits or inner hyphens. */
const SKU_FORMAT = /^[A-Z0-9][A-Z0-9-]{1,30}[A-Z0-9]$/;

export interface SubmitReviewInput {
  sku: string;
  customerId: string;
  rating: number;
  title?: string | null;
  body: string;
  language?: ReviewLanguage | null;
}

export async function submitReview(db: Kysely<ReviewsDatabase>, input: SubmitReviewInput): Promise<Review> {
  if (!SKU_FORMAT.test(input.sku)) {
    throw new BadUserInputError('sku must be 3 to 32 uppercase letters, digits or inner hyphens, e.g. SKU-00015', {
      argumentName: 'sku',
    });
  }
  const customerId = input.customerId.trim();
  if (!customerId) throw new BadUserInputError('customerId must not be empty', { argumentName: 'customerId' });
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) {
    throw new BadUserInputError('rating must be a whole number of stars from 1 to 5', { argumentName: 'rating' });
  }
  const body = input.body.trim();
  if (!body) throw new BadUserInputError('body must not be empty', { argumentName: 'body' });
  const title = input.title?.trim() || null;
  const language = input.language ?? detectLanguage(`${title ?? ''} ${body}`);
  const sentiment = analyzeSentiment(title ? `${title}. ${body}` : body, language);
  const row = await insertReview(db, {
    id: `rev-${randomUUID()}`,
    sku: input.sku,
    customer_id: customerId,
    rating: input.rating,
    title,
    body,
    language,
    sentiment: sentiment.label,
    sentiment_score: sentiment.score,
    positive_phrases: sentiment.positive,
    negative_phrases: sentiment.negative,
  });
  if (!row) throw new ConflictError(`customer ${customerId} has reviewed ${input.sku} already`, { sku: input.sku });
  return rowToReview(row);
}
