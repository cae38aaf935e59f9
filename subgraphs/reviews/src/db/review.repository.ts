import { sql, type Kysely, type Transaction } from 'kysely';
import type { TimeKey } from '../../../../shared/pagination.js';
import type { ReviewLanguage, SentimentLabel } from '../sentiment.js';
import type { ReviewsDatabase } from './database.js';
import type { NewReviewRow, ReviewRow } from './review.table.js';

type Db = Kysely<ReviewsDatabase> | Transaction<ReviewsDatabase>;

export interface Review {
  id: string;
  sku: string;
  customerId: string;
  rating: number;
  title: string | null;
  body: string;
  language: ReviewLanguage;
  sentiment: SentimentLabel;
  sentimentScore: number;
  createdAt: Date;
}

export function rowToReview(row: ReviewRow): Review {
  return {
    id: row.id,
    sku: row.sku,
    customerId: row.customer_id,
    rating: row.rating,
    title: row.title,
    body: row.body,
    language: row.language,
    sentiment: row.sentiment,
    sentimentScore: Number(row.sentiment_score),
    createdAt: row.created_at,
  };
}

export async function findReviewsByIds(db: Db, ids: readonly string[]): Promise<ReviewRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('reviews').selectAll().where('id', 'in', ids).execute();
}

/** Inserts the review; undefined when the customer reviewed that product already. */
export async function insertReview(db: Db, row: NewReviewRow): Promise<ReviewRow | undefined> {
  return db
    .insertInto('reviews')
    .values(row)
    .onConflict((oc) => oc.columns(['customer_id', 'sku']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Newest first, for several customers at once: at most `limit` rows per customer. */
export async function firstReviewsOfCustomers(db: Db, customerIds: readonly string[], limit: number) {
  if (customerIds.length === 0) return [];
  const ranked = db
    .selectFrom('reviews')
    .selectAll()
    .select(sql<number>`row_number() over (partition by customer_id order by created_at desc, id desc)`.as('position'))
    .where('customer_id', 'in', customerIds)
    .as('ranked');
  return db
    .selectFrom(ranked)
    .selectAll()
    .where('position', '<=', limit)
    .orderBy('customer_id')
    .orderBy('position')
    .execute() as Promise<(ReviewRow & { position: number })[]>;
}

/** One customer's reviews after a cursor, newest first. */
export async function reviewsOfCustomerAfter(db: Db, customerId: string, after: TimeKey, limit: number) {
  return db
    .selectFrom('reviews')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where((eb) =>
      eb.or([eb('created_at', '<', after.at), eb.and([eb('created_at', '=', after.at), eb('id', '<', after.id)])]),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export interface ReviewStats {
  sku: string;
  count: number;
  averageRating: number | null;
  positive: number;
  neutral: number;
  negative: number;
}

/** Counts, mean rating and sentiment counts per sku, in one statement. */
export async function statsBySkus(db: Db, skus: readonly string[]): Promise<ReviewStats[]> {
  if (skus.length === 0) return [];
  const rows = await db
    .selectFrom('reviews')
    .select([
      'sku',
      sql<number>`count(*)::int`.as('count'),
      sql<string>`round(avg(rating)::numeric, 2)`.as('average_rating'),
      sql<number>`(count(*) filter (where sentiment = 'POSITIVE'))::int`.as('positive'),
      sql<number>`(count(*) filter (where sentiment = 'NEUTRAL'))::int`.as('neutral'),
      sql<number>`(count(*) filter (where sentiment = 'NEGATIVE'))::int`.as('negative'),
    ])
    .where('sku', 'in', skus)
    .groupBy('sku')
    .execute();
  return rows.map((row) => ({
    sku: row.sku,
    count: Number(row.count),
    averageRating: row.average_rating === null ? null : Number(row.average_rating),
    positive: Number(row.positive),
    neutral: Number(row.neutral),
    negative: Number(row.negative),
  }));
}

export interface PhraseRow {
  sku: string;
  polarity: 'POSITIVE' | 'NEGATIVE';
  phrase: string;
  reviews: number;
}

/** How many reviews of each sku use each phrase, per polarity, in one statement. */
export async function phrasesBySkus(db: Db, skus: readonly string[]): Promise<PhraseRow[]> {
  if (skus.length === 0) return [];
  const result = await sql<PhraseRow>`
    select sku, 'POSITIVE' as polarity, phrase, count(*)::int as reviews
      from reviews cross join lateral unnest(positive_phrases) as phrase where sku in (${sql.join(skus)})
      group by sku, phrase
    union all
    select sku, 'NEGATIVE' as polarity, phrase, count(*)::int as reviews
      from reviews cross join lateral unnest(negative_phrases) as phrase where sku in (${sql.join(skus)})
      group by sku, phrase`.execute(db);
  return result.rows.map((row) => ({ ...row, reviews: Number(row.reviews) }));
}
