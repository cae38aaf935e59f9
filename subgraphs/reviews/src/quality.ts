// The reviews domain's data-quality checks (shared/quality.ts): on its own tables only.
import { sql } from 'kysely';
import { countCheck, type DomainQualityDefinition } from '../../../shared/quality.js';

export const reviewsQuality: DomainQualityDefinition = {
  rows: { table: 'reviews', changedAt: 'created_at' },
  checks: [
    countCheck(
      'review has a text',
      'COMPLETENESS',
      'Reviews whose text is not blank.',
      'reviews',
      sql`trim(body) = ''`,
    ),
    countCheck('rating in range', 'VALIDITY', 'Reviews rated 1 to 5 stars.', 'reviews', sql`rating < 1 or rating > 5`),
    countCheck(
      'sentiment agrees with rating',
      'VALIDITY',
      'Reviews whose text is not scored positive at 1 star or negative at 5 stars (a sign of a wrong rating or a mis-scored text).',
      'reviews',
      sql`(rating = 1 and sentiment = 'POSITIVE') or (rating = 5 and sentiment = 'NEGATIVE')`,
    ),
  ],
};
