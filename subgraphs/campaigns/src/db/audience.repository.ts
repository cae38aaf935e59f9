import { sql, type Kysely, type Transaction } from 'kysely';
import type { AudienceRow, AudienceRule, CampaignAudienceRuleRow } from './audience.table.js';
import type { CampaignsDatabase } from './database.js';
import { withoutMarketingSuppressed } from './read-model.repository.js';

type Db = Kysely<CampaignsDatabase> | Transaction<CampaignsDatabase>;

export function rowToAudienceRule(row: CampaignAudienceRuleRow): AudienceRule {
  return {
    segments: row.segments,
    channel: row.channel,
    country: row.country,
    minPredictedValue: row.min_predicted_value,
    horizonDays: row.horizon_days,
    churnBands: row.churn_bands ?? null,
    clusters: row.clusters ?? null,
  };
}

export async function upsertAudienceRule(db: Db, campaignId: string, rule: AudienceRule): Promise<void> {
  const values = {
    segments: sql<string[]>`cast(${rule.segments} as text[])` as unknown as AudienceRule['segments'],
    channel: rule.channel,
    country: rule.country,
    min_predicted_value: rule.minPredictedValue,
    horizon_days: rule.horizonDays,
    churn_bands: rule.churnBands ? JSON.stringify(rule.churnBands) : null,
    clusters: rule.clusters ? JSON.stringify(rule.clusters) : null,
    updated_at: new Date(),
  };
  await db
    .insertInto('campaign_audience_rules')
    .values({ campaign_id: campaignId, ...values })
    .onConflict((oc) => oc.column('campaign_id').doUpdateSet(values))
    .execute();
}

export async function findAudienceRules(db: Db, campaignIds: readonly string[]): Promise<CampaignAudienceRuleRow[]> {
  if (campaignIds.length === 0) return [];
  return db
    .selectFrom('campaign_audience_rules')
    .selectAll()
    .where('campaign_id', 'in', [...campaignIds])
    .execute();
}

/** The next version number of a campaign's audience; call with the campaign row locked. */
export async function nextAudienceVersion(trx: Transaction<CampaignsDatabase>, campaignId: string): Promise<number> {
  const row = await trx
    .selectFrom('audiences')
    .select(sql<number>`coalesce(max(version), 0) + 1`.as('next'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return row.next;
}

/**
 * Writes a snapshot and its members; the caller runs it in a transaction. Members the read models
 * know objected or withdrew on the rule's channel are left out, even if the graph said otherwise.
 */
export async function insertAudience(
  trx: Transaction<CampaignsDatabase>,
  audience: { campaignId: string; version: number; computedAt: Date; rule: AudienceRule },
  candidateIds: readonly string[],
): Promise<AudienceRow> {
  const memberIds = await withoutMarketingSuppressed(trx, candidateIds, audience.rule.channel);
  const row = await trx
    .insertInto('audiences')
    .values({
      campaign_id: audience.campaignId,
      version: audience.version,
      computed_at: audience.computedAt,
      size: memberIds.length,
      rule: sql`cast(${JSON.stringify(audience.rule)} as jsonb)` as unknown as AudienceRule,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  for (let i = 0; i < memberIds.length; i += 1000) {
    await trx
      .insertInto('audience_members')
      .values(
        memberIds.slice(i, i + 1000).map((customerId) => ({
          campaign_id: audience.campaignId,
          version: audience.version,
          customer_id: customerId,
        })),
      )
      .execute();
  }
  return row;
}

/** The given version of a campaign's audience, or its latest. */
export async function findAudience(db: Db, campaignId: string, version?: number): Promise<AudienceRow | undefined> {
  let query = db.selectFrom('audiences').selectAll().where('campaign_id', '=', campaignId);
  if (version !== undefined) query = query.where('version', '=', version);
  return query.orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export async function listAudienceVersions(
  db: Db,
  campaignIds: readonly string[],
): Promise<Pick<AudienceRow, 'campaign_id' | 'version' | 'size' | 'computed_at'>[]> {
  if (campaignIds.length === 0) return [];
  return db
    .selectFrom('audiences')
    .select(['campaign_id', 'version', 'size', 'computed_at'])
    .where('campaign_id', 'in', [...campaignIds])
    .orderBy('campaign_id')
    .orderBy('version', 'desc')
    .execute();
}

/** Member ids of one snapshot after `after`, in id order. */
export async function findAudienceMembers(
  db: Db,
  campaignId: string,
  version: number,
  limit: number,
  after?: string,
): Promise<string[]> {
  let query = db
    .selectFrom('audience_members')
    .select('customer_id')
    .where('campaign_id', '=', campaignId)
    .where('version', '=', version);
  if (after !== undefined) query = query.where('customer_id', '>', after);
  const rows = await query.orderBy('customer_id').limit(limit).execute();
  return rows.map((row) => row.customer_id);
}

/**
 * The difference between two snapshots of a campaign: counts in one statement (a full join on the
 * members' primary key), and the first `sample` added and removed ids in id order.
 */
export async function compareAudienceMembers(
  db: Db,
  campaignId: string,
  fromVersion: number,
  toVersion: number,
  sample: number,
): Promise<{ added: number; removed: number; kept: number; addedSample: string[]; removedSample: string[] }> {
  const counts = await sql<{ added: number; removed: number; kept: number }>`
    select count(*) filter (where a.customer_id is null)::int as added,
           count(*) filter (where b.customer_id is null)::int as removed,
           count(*) filter (where a.customer_id is not null and b.customer_id is not null)::int as kept
      from (select customer_id from audience_members where campaign_id = ${campaignId} and version = ${fromVersion}) a
      full join (select customer_id from audience_members where campaign_id = ${campaignId} and version = ${toVersion}) b
        on a.customer_id = b.customer_id`.execute(db);
  const onlyIn = async (version: number, other: number) =>
    sample === 0
      ? []
      : (
          await db
            .selectFrom('audience_members as m')
            .select('m.customer_id')
            .where('m.campaign_id', '=', campaignId)
            .where('m.version', '=', version)
            .where((eb) =>
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('audience_members as o')
                    .select('o.customer_id')
                    .where('o.campaign_id', '=', campaignId)
                    .where('o.version', '=', other)
                    .whereRef('o.customer_id', '=', 'm.customer_id'),
                ),
              ),
            )
            .orderBy('m.customer_id')
            .limit(sample)
            .execute()
        ).map((row) => row.customer_id);
  const [addedSample, removedSample] = await Promise.all([
    onlyIn(toVersion, fromVersion),
    onlyIn(fromVersion, toVersion),
  ]);
  return { ...counts.rows[0]!, addedSample, removedSample };
}
