// The read path of the churn model and the clusters: served versions, per-customer lookups batched
// per request, the churn band pages and the reports.
import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { NotFoundError, BadUserInputError } from '../../../shared/errors.js';
import { decodeCursor, encodeCursor, pageSize } from '../../../shared/pagination.js';
import type { ChurnBand } from './churn.js';
import type { OrdersDatabase } from './db/database.js';
import type { ChurnFactor, ChurnModelRow, ChurnScoreRow, ClusterModelRow, StoredCluster } from './db/models.table.js';
import {
  countChurnBands,
  findChurnBandMembers,
  findChurnModels,
  findChurnScores,
  findClusterAssignments,
  findLatestChurnModel,
  findLatestClusterModel,
} from './db/models.repository.js';
import type { ChurnFeature } from './features.js';

export interface ChurnRiskValue {
  probability: number;
  band: ChurnBand;
  horizonDays: number;
  mainFactors: (Omit<ChurnFactor, 'feature'> & { feature: ChurnFeature })[];
  modelVersion: number;
  scoredAt: Date;
}

export interface CustomerClusterValue {
  id: number;
  label: string;
  modelVersion: number;
}

const churnRisk = (model: ChurnModelRow, score: ChurnScoreRow): ChurnRiskValue => ({
  probability: score.probability,
  band: score.band as ChurnBand,
  horizonDays: model.horizon_days,
  mainFactors: score.factors as ChurnRiskValue['mainFactors'],
  modelVersion: model.version,
  scoredAt: model.as_of,
});

/** Per-request loaders: the served versions read once, scores and assignments batched by customer. */
export interface ModelLoaders {
  churnModel(): Promise<ChurnModelRow | null>;
  clusterModel(): Promise<ClusterModelRow | null>;
  churnRisk: DataLoader<string, ChurnRiskValue | null>;
  cluster: DataLoader<string, CustomerClusterValue | null>;
}

export function createModelLoaders(db: Kysely<OrdersDatabase>): ModelLoaders {
  let churnModel: Promise<ChurnModelRow | null> | undefined;
  let clusterModel: Promise<ClusterModelRow | null> | undefined;
  const loaders: ModelLoaders = {
    churnModel: () => (churnModel ??= findLatestChurnModel(db).then((row) => row ?? null)),
    clusterModel: () => (clusterModel ??= findLatestClusterModel(db).then((row) => row ?? null)),
    churnRisk: new DataLoader(async (ids) => {
      const model = await loaders.churnModel();
      if (!model) return ids.map(() => null);
      const scores = new Map((await findChurnScores(db, model.version, ids)).map((s) => [s.customer_id, s]));
      return ids.map((id) => {
        const score = scores.get(id);
        return score ? churnRisk(model, score) : null;
      });
    }),
    cluster: new DataLoader(async (ids) => {
      const model = await loaders.clusterModel();
      if (!model) return ids.map(() => null);
      const clusters = new Map((model.clusters as StoredCluster[]).map((c) => [c.id, c]));
      const assigned = new Map(
        (await findClusterAssignments(db, model.version, ids)).map((a) => [a.customer_id, a.cluster]),
      );
      return ids.map((id) => {
        const cluster = clusters.get(assigned.get(id) ?? -1);
        return cluster ? { id: cluster.id, label: cluster.label, modelVersion: model.version } : null;
      });
    }),
  };
  return loaders;
}

const BANDS: readonly ChurnBand[] = ['LOW', 'MEDIUM', 'HIGH'];

export async function churnModelReport(db: Kysely<OrdersDatabase>, row: ChurnModelRow) {
  const counts = await countChurnBands(db, row.version);
  const metrics = row.metrics;
  return {
    version: row.version,
    fittedAt: row.fitted_at,
    asOf: row.as_of,
    horizonDays: row.horizon_days,
    cutoff: row.cutoff,
    trainingCustomers: metrics.trainingCustomers,
    validationCustomers: metrics.validationCustomers,
    holdoutCustomers: metrics.holdoutCustomers,
    holdoutChurnRate: metrics.holdoutChurnRate,
    metrics: metrics.model,
    recencyBaseline: metrics.recencyBaseline,
    bgNbdBaseline: metrics.bgNbdBaseline,
    scoredCustomers: row.scored_customers,
    excludedCustomers: row.excluded_customers,
    bands: BANDS.map((band) => ({ band, customers: counts.get(band) ?? 0 })),
  };
}

export async function churnModelVersions(db: Kysely<OrdersDatabase>, first: number | null | undefined) {
  const count = first ?? 10;
  if (!Number.isInteger(count) || count < 1 || count > 100)
    throw new BadUserInputError('first must be an integer between 1 and 100', { argumentName: 'first' });
  return Promise.all((await findChurnModels(db, count)).map((row) => churnModelReport(db, row)));
}

export const MAX_CHURN_PAGE = 1000;

export async function churnBandMembers(
  db: Kysely<OrdersDatabase>,
  model: ChurnModelRow | null,
  args: { band: ChurnBand; first?: number | null; after?: string | null },
) {
  const first = pageSize(args.first, MAX_CHURN_PAGE);
  const after = decodeCursor(args.after, 1)?.[0];
  if (!model) throw new NotFoundError('No churn model yet; run the fitChurnModel mutation first', {});
  const [rows, counts] = await Promise.all([
    findChurnBandMembers(db, model.version, args.band, first + 1, after === undefined ? undefined : String(after)),
    countChurnBands(db, model.version),
  ]);
  const edges = rows.slice(0, first).map((row) => ({
    cursor: encodeCursor([row.customer_id]),
    node: { id: row.customer_id },
    churnRisk: churnRisk(model, row),
  }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: counts.get(args.band) ?? 0,
  };
}

export function clusterReport(row: ClusterModelRow) {
  return {
    version: row.version,
    fittedAt: row.fitted_at,
    asOf: row.as_of,
    k: row.k,
    chosenBy: row.chosen_by as 'SILHOUETTE' | 'GIVEN',
    silhouette: row.silhouette,
    seed: row.seed,
    customers: row.customers,
    excludedCustomers: row.excluded_customers,
    clusters: (row.clusters as StoredCluster[]).map((c) => ({
      id: c.id,
      label: c.label,
      size: c.size,
      recencyDays: c.centroid.recencyDays,
      orders: c.centroid.orders,
      averageOrderValue: c.centroid.averageOrderValue,
      tenureDays: c.centroid.tenureDays,
      distinctProducts: c.centroid.distinctProducts,
    })),
  };
}
