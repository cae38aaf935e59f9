import type { Kysely } from 'kysely';
import type { ReviewsDatabase } from './db/database.js';
import { createLoaders, type ReviewsLoaders } from './loaders.js';

export interface ReviewsContext {
  db: Kysely<ReviewsDatabase>;
  loaders: ReviewsLoaders;
}

export function createContext(db: Kysely<ReviewsDatabase>): ReviewsContext {
  return { db, loaders: createLoaders(db) };
}
