import { sql, type Kysely } from 'kysely';

// A/B assignments are recorded at a customer's first exposure and never re-derived: changing the
// variants later (setCampaignVariants) must not re-bucket history. The experiment also declares
// which touchpoint kinds count as an exposure (a SEND is not one: the customer may never see it).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('campaign_experiments')
    .addColumn('campaign_id', 'text', (col) => col.primaryKey().references('campaigns.id').onDelete('cascade'))
    .addColumn('exposure_kinds', 'jsonb', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('experiment_assignments')
    .addColumn('campaign_id', 'text', (col) => col.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (col) => col.notNull())
    // A key, not a reference: the variant may be removed later and the assignment still stands.
    .addColumn('variant_key', 'text', (col) => col.notNull())
    // The earliest exposure of a declared kind: a backdated touchpoint moves it earlier, never the variant.
    .addColumn('exposed_at', 'timestamptz', (col) => col.notNull())
    .addColumn('assigned_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('experiment_assignments_pk', ['campaign_id', 'customer_id'])
    .execute();
  await db.schema
    .createIndex('experiment_assignments_exposed')
    .on('experiment_assignments')
    .columns(['campaign_id', 'exposed_at'])
    .execute();
  await backfillAssignments(db);
}

/**
 * Experiments running before this migration: each customer already exposed (IMPRESSION or OPEN) is
 * assigned as the application did then, by the hash of campaign and customer id over the current
 * shares (the first 48 bits of sha256("campaign:customer") / 2^48 against the cumulative shares in
 * position order; the last variant takes the rounding sliver). Exported for its test.
 */
export async function backfillAssignments(db: Kysely<any>): Promise<void> {
  await sql`
    insert into experiment_assignments (campaign_id, customer_id, variant_key, exposed_at)
    select e.campaign_id, e.customer_id,
      coalesce(
        (select v.key from (
            select key, position, sum(traffic_share) over (order by position) as cumulative
            from campaign_variants where campaign_id = e.campaign_id) v
          where e.point < v.cumulative order by v.position limit 1),
        (select key from campaign_variants where campaign_id = e.campaign_id order by position desc limit 1)),
      e.first_at
    from (
      select campaign_id, customer_id, min(occurred_at) as first_at,
        cast(cast(cast('x' || substr(encode(sha256(convert_to(campaign_id || ':' || customer_id, 'UTF8')), 'hex'), 1, 12) as bit(48)) as bigint) as float8)
          / cast(281474976710656 as float8) as point
      from touchpoints
      where kind in ('IMPRESSION', 'OPEN') and campaign_id in (select campaign_id from campaign_variants)
      group by campaign_id, customer_id) e
    on conflict do nothing`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('experiment_assignments').execute();
  await db.schema.dropTable('campaign_experiments').execute();
}
