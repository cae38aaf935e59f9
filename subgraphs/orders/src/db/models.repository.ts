import { sql, type Kysely, type Transaction } from 'kysely';
import type { OrdersDatabase } from './database.js';
import type {
  ChurnModelRow,
  ChurnModelTable,
  ChurnScoreRow,
  ClusterModelRow,
  ClusterModelTable,
  NewChurnScoreRow,
} from './models.table.js';
import type { Insertable } from 'kysely';

type Db = Kysely<OrdersDatabase> | Transaction<OrdersDatabase>;

/** 5 parameters a score row: 10,000 rows stay under Postgres's 65,535 bind parameters. */
const SCORE_CHUNK = 10_000;
/** 3 parameters an assignment row. */
const ASSIGNMENT_CHUNK = 20_000;

/** A new model version with its scores, in one transaction: a reader sees all of it or none. */
export async function insertChurnModel(
  db: Kysely<OrdersDatabase>,
  model: Insertable<ChurnModelTable>,
  scores: Omit<NewChurnScoreRow, 'model_version'>[],
): Promise<ChurnModelRow> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('churn_models').values(model).returningAll().executeTakeFirstOrThrow();
    for (let i = 0; i < scores.length; i += SCORE_CHUNK)
      await trx
        .insertInto('churn_scores')
        .values(scores.slice(i, i + SCORE_CHUNK).map((s) => ({ ...s, model_version: row.version })))
        .execute();
    return row;
  });
}

/** The served churn model: the latest asOf, then the latest fit. */
export async function findLatestChurnModel(db: Db): Promise<ChurnModelRow | undefined> {
  return db
    .selectFrom('churn_models')
    .selectAll()
    .orderBy('as_of', 'desc')
    .orderBy('fitted_at', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findChurnModels(db: Db, first: number): Promise<ChurnModelRow[]> {
  return db.selectFrom('churn_models').selectAll().orderBy('version', 'desc').limit(first).execute();
}

export async function findChurnScores(
  db: Db,
  version: number,
  customerIds: readonly string[],
): Promise<ChurnScoreRow[]> {
  if (customerIds.length === 0) return [];
  return db
    .selectFrom('churn_scores')
    .selectAll()
    .where('model_version', '=', version)
    .where('customer_id', 'in', customerIds)
    .execute();
}

/** One band of one version, by customer id after `after`. */
export async function findChurnBandMembers(
  db: Db,
  version: number,
  band: string,
  limit: number,
  after: string | undefined,
): Promise<ChurnScoreRow[]> {
  let query = db.selectFrom('churn_scores').selectAll().where('model_version', '=', version).where('band', '=', band);
  if (after !== undefined) query = query.where('customer_id', '>', after);
  return query.orderBy('customer_id').limit(limit).execute();
}

export async function countChurnBands(db: Db, version: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('churn_scores')
    .select(['band', sql<number>`count(*)::int`.as('n')])
    .where('model_version', '=', version)
    .groupBy('band')
    .execute();
  return new Map(rows.map((r) => [r.band, r.n]));
}

export async function insertClusterModel(
  db: Kysely<OrdersDatabase>,
  model: Insertable<ClusterModelTable>,
  assignments: { customer_id: string; cluster: number }[],
): Promise<ClusterModelRow> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('cluster_models').values(model).returningAll().executeTakeFirstOrThrow();
    for (let i = 0; i < assignments.length; i += ASSIGNMENT_CHUNK)
      await trx
        .insertInto('cluster_assignments')
        .values(assignments.slice(i, i + ASSIGNMENT_CHUNK).map((a) => ({ ...a, model_version: row.version })))
        .execute();
    return row;
  });
}

export async function findLatestClusterModel(db: Db): Promise<ClusterModelRow | undefined> {
  return db
    .selectFrom('cluster_models')
    .selectAll()
    .orderBy('as_of', 'desc')
    .orderBy('fitted_at', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findClusterAssignments(
  db: Db,
  version: number,
  customerIds: readonly string[],
): Promise<{ customer_id: string; cluster: number }[]> {
  if (customerIds.length === 0) return [];
  return db
    .selectFrom('cluster_assignments')
    .select(['customer_id', 'cluster'])
    .where('model_version', '=', version)
    .where('customer_id', 'in', customerIds)
    .execute();
}

/** Applies one consent record if it is newer (higher seq) than the one in force. */
export async function upsertConsentState(
  db: Db,
  row: { customer_id: string; purpose: string; channel: string; status: string; seq: number; event_id: string },
): Promise<void> {
  await db
    .insertInto('consent_states')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['customer_id', 'purpose', 'channel'])
        .doUpdateSet({
          status: (eb) => eb.ref('excluded.status'),
          seq: (eb) => eb.ref('excluded.seq'),
          event_id: (eb) => eb.ref('excluded.event_id'),
        })
        .where('consent_states.seq', '<', (eb) => eb.ref('excluded.seq')),
    )
    .execute();
}

export async function upsertPrivacyState(
  db: Db,
  row: { customer_id: string; kind: string; active: boolean; seq: number; event_id: string },
): Promise<void> {
  await db
    .insertInto('privacy_states')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['customer_id', 'kind'])
        .doUpdateSet({
          active: (eb) => eb.ref('excluded.active'),
          seq: (eb) => eb.ref('excluded.seq'),
          event_id: (eb) => eb.ref('excluded.event_id'),
        })
        .where('privacy_states.seq', '<', (eb) => eb.ref('excluded.seq')),
    )
    .execute();
}
