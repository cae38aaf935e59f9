// The sentiment scorer's accuracy on the labelled sample kept in the repository
// (subgraphs/reviews/test/fixtures/labelled-reviews.json), per language:
//   npm run reviews:accuracy
import fs from 'node:fs';
import path from 'node:path';
import { analyzeSentiment, type ReviewLanguage, type SentimentLabel } from '../subgraphs/reviews/src/sentiment.js';

export const SAMPLE_PATH = path.join(
  import.meta.dirname,
  '..',
  'subgraphs',
  'reviews',
  'test',
  'fixtures',
  'labelled-reviews.json',
);

export interface LanguageAccuracy {
  language: ReviewLanguage;
  reviews: number;
  correct: number;
  accuracy: number;
  /** The reviews scored wrong: text, label, what the scorer said. */
  misses: { text: string; label: SentimentLabel; scored: SentimentLabel }[];
}

export function measureAccuracy(): LanguageAccuracy[] {
  const sample = JSON.parse(fs.readFileSync(SAMPLE_PATH, 'utf8')) as {
    reviews: { language: ReviewLanguage; label: SentimentLabel; text: string }[];
  };
  return (['EN', 'ZH'] as const).map((language) => {
    const reviews = sample.reviews.filter((review) => review.language === language);
    const misses = reviews
      .map((review) => ({ ...review, scored: analyzeSentiment(review.text, language).label }))
      .filter((review) => review.scored !== review.label)
      .map(({ text, label, scored }) => ({ text, label, scored }));
    const correct = reviews.length - misses.length;
    return { language, reviews: reviews.length, correct, accuracy: correct / reviews.length, misses };
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  for (const result of measureAccuracy()) {
    console.log(
      `${result.language}: ${result.correct}/${result.reviews} correct (${(result.accuracy * 100).toFixed(1)}%)`,
    );
    for (const miss of result.misses) console.log(`  labelled ${miss.label}, scored ${miss.scored}: ${miss.text}`);
  }
}
