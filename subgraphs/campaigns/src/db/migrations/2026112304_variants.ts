import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('campaign_variants')
    .addColumn('campaign_id', 'text', (col) => col.notNull().references('campaigns.id').onDelete('cascade'))
    // Assignment walks the cumulative shares in this order, so it is part of the experiment's definition.
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('name', 'text')
    .addColumn('traffic_share', 'float8', (col) => col.notNull().check(sql`traffic_share > 0 and traffic_share <= 1`))
    .addColumn('control', 'boolean', (col) => col.notNull())
    .addPrimaryKeyConstraint('campaign_variants_pk', ['campaign_id', 'position'])
    .addUniqueConstraint('campaign_variants_key_unique', ['campaign_id', 'key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('campaign_variants').execute();
}
