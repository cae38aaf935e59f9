import { sql, type Kysely } from 'kysely';

const timestamp = sql`timestamptz(3)`;
const money = sql`numeric(14,2)`;

export async function up(db: Kysely<any>): Promise<void> {
  // One row per refresh. as_of is unique: refreshing the same reference date replaces the snapshot.
  await db.schema
    .createTable('rfm_snapshots')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('as_of', timestamp, (col) => col.notNull().unique())
    .addColumn('computed_at', timestamp, (col) => col.notNull())
    .addColumn('customer_count', 'integer', (col) => col.notNull())
    .addColumn('total_revenue', money, (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('rfm_snapshots_computed_idx')
    .on('rfm_snapshots')
    .columns(['computed_at desc', 'id desc'])
    .execute();

  await db.schema
    .createTable('rfm_scores')
    .addColumn('snapshot_id', 'integer', (col) => col.notNull().references('rfm_snapshots.id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('recency_days', 'integer', (col) => col.notNull())
    .addColumn('frequency', 'integer', (col) => col.notNull())
    .addColumn('monetary', money, (col) => col.notNull())
    .addColumn('r', 'smallint', (col) => col.notNull())
    .addColumn('f', 'smallint', (col) => col.notNull())
    .addColumn('m', 'smallint', (col) => col.notNull())
    .addColumn('segment', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('rfm_scores_pk', ['snapshot_id', 'customer_id'])
    .execute();
  // customersInSegment: one segment's members in customer id order.
  await db.schema
    .createIndex('rfm_scores_segment_idx')
    .on('rfm_scores')
    .columns(['snapshot_id', 'segment', 'customer_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rfm_scores').execute();
  await db.schema.dropTable('rfm_snapshots').execute();
}
