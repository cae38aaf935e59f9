// FROZEN: the outbox tables every domain database gets (each subgraph's `<timestamp>_outbox`
// migration re-exports this). Never edit it once released; change the tables with a new migration.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Events the domain published, written in the same transaction as the change they describe.
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('occurred_at', 'timestamptz', (col) => col.notNull())
    .addColumn('payload', 'jsonb', (col) => col.notNull())
    .addColumn('recorded_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    // Assigned only by the relay, one relay transaction at a time, so positions follow commit order.
    .addColumn('position', 'bigint', (col) => col.unique())
    .addColumn('published_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('outbox_unpositioned_idx')
    .on('outbox')
    .columns(['recorded_at', 'id'])
    .where(sql.ref('position'), 'is', null)
    .execute();
  await db.schema
    .createIndex('outbox_unpublished_idx')
    .on('outbox')
    .column('position')
    .where(sql.ref('published_at'), 'is', null)
    .execute();
  await sql`create sequence outbox_position_seq`.execute(db);

  // Events this domain consumed: the row is written in the handler's transaction (idempotency).
  await db.schema
    .createTable('processed_events')
    .addColumn('consumer', 'text', (col) => col.notNull())
    .addColumn('event_id', 'uuid', (col) => col.notNull())
    .addColumn('applied_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('processed_events_pk', ['consumer', 'event_id'])
    .execute();

  // How far each consumer has read each producer's log (no-broker mode; freshness on both).
  await db.schema
    .createTable('consumer_positions')
    .addColumn('consumer', 'text', (col) => col.notNull())
    .addColumn('producer', 'text', (col) => col.notNull())
    .addColumn('position', 'bigint', (col) => col.notNull())
    .addColumn('last_event_id', 'uuid')
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('consumer_positions_pk', ['consumer', 'producer'])
    .execute();

  // Events a consumer gave up on after its attempts; kept whole for inspection and replay.
  await db.schema
    .createTable('dead_letters')
    .addColumn('consumer', 'text', (col) => col.notNull())
    .addColumn('event_id', 'uuid', (col) => col.notNull())
    .addColumn('producer', 'text', (col) => col.notNull())
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('event', 'jsonb', (col) => col.notNull())
    .addColumn('error', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull())
    .addColumn('failed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('dead_letters_pk', ['consumer', 'event_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('dead_letters').execute();
  await db.schema.dropTable('consumer_positions').execute();
  await db.schema.dropTable('processed_events').execute();
  await sql`drop sequence outbox_position_seq`.execute(db);
  await db.schema.dropTable('outbox').execute();
}
