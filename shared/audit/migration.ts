// FROZEN: the access log every domain database gets (each subgraph's `<timestamp>_access_log`
// migration re-exports this). Never edit it once released; change the table with a new migration.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

/** How long an access record is kept; the database refuses to delete a younger one. */
export const ACCESS_LOG_RETENTION_DAYS = 400;

export async function up(db: Kysely<any>): Promise<void> {
  // The domain's own secret for the keyed hashes that stand for customer ids in its log; it lives
  // with the data it protects (whoever can read the log and this key can test a known id, as an
  // auditor must), and no table anywhere else holds the ids the hashes came from after an erasure.
  await db.schema
    .createTable('audit_key')
    .addColumn('singleton', 'boolean', (col) => col.primaryKey().defaultTo(true).check(sql`singleton`))
    .addColumn('key_hex', 'text', (col) => col.notNull())
    .execute();
  await db
    .insertInto('audit_key')
    .values({ key_hex: randomBytes(32).toString('hex') })
    .execute();
  // One row per request that read personal fields or ran a mutation, written before the answer leaves.
  await db.schema
    .createTable('access_log')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('READ', 'MUTATION')`))
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('operation_name', 'text', (col) => col.notNull())
    .addColumn('purpose', 'text')
    .addColumn('request_id', 'text')
    // Schema coordinates, e.g. Customer.email or Mutation.setConsent.
    .addColumn('fields', sql`text[]`, (col) => col.notNull())
    // Keyed hashes (HMAC-SHA-256) of the customer ids concerned: never the ids themselves, so an
    // erasure leaves nothing in this table to find, while an auditor holding an id can still ask.
    .addColumn('customer_refs', sql`text[]`, (col) => col.notNull())
    .addColumn('customer_count', 'integer', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('access_log_at_idx').on('access_log').column('at').execute();
  await sql`create index access_log_customer_refs_idx on access_log using gin (customer_refs)`.execute(db);
  // Append-only in the database itself: no update ever, and a delete only past the retention.
  await sql`
    create function access_log_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        raise exception 'access_log is append-only: records are never changed' using errcode = '42501';
      end if;
      if old.at > now() - interval '${sql.raw(String(ACCESS_LOG_RETENTION_DAYS))} days' then
        raise exception 'access_log keeps records for ${sql.raw(String(ACCESS_LOG_RETENTION_DAYS))} days' using errcode = '42501';
      end if;
      return old;
    end $$`.execute(db);
  await sql`
    create trigger access_log_append_only before update or delete on access_log
    for each row execute function access_log_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('access_log').execute();
  await db.schema.dropTable('audit_key').execute();
  await sql`drop function if exists access_log_append_only()`.execute(db);
}
