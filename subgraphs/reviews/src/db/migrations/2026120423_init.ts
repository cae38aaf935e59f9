import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reviews')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('sku', 'text', (col) => col.notNull())
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('rating', 'smallint', (col) => col.notNull().check(sql`rating between 1 and 5`))
    .addColumn('title', 'text')
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('language', 'text', (col) => col.notNull().check(sql`language in ('EN', 'ZH')`))
    .addColumn('sentiment', 'text', (col) => col.notNull().check(sql`sentiment in ('POSITIVE', 'NEUTRAL', 'NEGATIVE')`))
    .addColumn('sentiment_score', 'double precision', (col) => col.notNull())
    .addColumn('positive_phrases', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('negative_phrases', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    // One review per customer and product.
    .addUniqueConstraint('reviews_customer_sku_key', ['customer_id', 'sku'])
    .execute();
  await db.schema.createIndex('reviews_sku_idx').on('reviews').column('sku').execute();
  await db.schema
    .createIndex('reviews_customer_idx')
    .on('reviews')
    .columns(['customer_id', 'created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reviews').execute();
}
