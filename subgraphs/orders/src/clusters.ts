// Behavioural clusters: k-means on standardized log-scaled features (recency, frequency, monetary,
// tenure, product breadth) of every consenting customer as of a date, k chosen by silhouette over
// 2–10 on a fixed random sample unless given, each cluster described by its size, its centroid in
// original units and a generated plain-language label. The FIT_CUSTOMER_CLUSTERS job stores a new
// version with every assignment; the served version is the one with the latest asOf.
import type { Kysely } from 'kysely';
import { BadUserInputError } from '../../../shared/errors.js';
import { checkAsOfWithinOrders } from './analytics.js';
import type { OrdersDatabase } from './db/database.js';
import type { ClusterModelRow, StoredCluster } from './db/models.table.js';
import { insertClusterModel } from './db/models.repository.js';
import { CLUSTER_FEATURES, clusterRawValues, clusterVector, customerFeatures } from './features.js';
import { chooseAndCluster } from './kmeans.js';
import { fitStandardizer, standardize } from './logistic.js';

export const DEFAULT_CLUSTER_SEED = 16;
export const MIN_CLUSTER_K = 2;
export const MAX_CLUSTER_K = 10;
/** The silhouette is quadratic in the points: k is chosen on a fixed sample of at most this many customers. */
export const SILHOUETTE_SAMPLE = 2000;
/** The window of the recent-orders feature (not a clustering feature, but the feature query needs one). */
const WINDOW_DAYS = 90;

export function validateClusterArgs(args: { k?: number | null; seed?: number | null }): {
  k: number | null;
  seed: number;
} {
  const k = args.k ?? null;
  if (k !== null && (!Number.isInteger(k) || k < MIN_CLUSTER_K || k > MAX_CLUSTER_K))
    throw new BadUserInputError(`k must be an integer between ${MIN_CLUSTER_K} and ${MAX_CLUSTER_K}`, {
      argumentName: 'k',
    });
  const seed = args.seed ?? DEFAULT_CLUSTER_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed > 2_147_483_647)
    throw new BadUserInputError('seed must be a non-negative 32-bit integer', { argumentName: 'seed' });
  return { k, seed };
}

/**
 * A label from the centroid's standardized recency, frequency and monetary value: each is named only
 * when it stands out (more than half a standard deviation from the mean), e.g. "recent frequent
 * big spenders", "lapsed occasional low spenders"; "typical customers" when none does.
 */
export function clusterLabel(z: { recency: number; frequency: number; monetary: number }): string {
  const parts: string[] = [];
  if (z.recency < -0.5) parts.push('recent');
  else if (z.recency > 0.5) parts.push('lapsed');
  if (z.frequency > 0.5) parts.push('frequent');
  else if (z.frequency < -0.5) parts.push('occasional');
  if (z.monetary > 0.5) return [...parts, 'big spenders'].join(' ');
  if (z.monetary < -0.5) return [...parts, 'low spenders'].join(' ');
  return parts.length === 0 ? 'typical customers' : [...parts, 'customers'].join(' ');
}

export async function fitCustomerClusters(
  db: Kysely<OrdersDatabase>,
  asOf: Date,
  args: { k: number | null; seed: number },
  fittedAt = new Date(),
  job?: { progress(fraction: number): void; signal: AbortSignal },
): Promise<ClusterModelRow> {
  await checkAsOfWithinOrders(db, asOf);
  const { rows, excluded } = await customerFeatures(db, asOf, WINDOW_DAYS);
  const needed = args.k ?? MIN_CLUSTER_K + 1;
  if (rows.length <= needed)
    throw new BadUserInputError(
      `clustering needs more than ${needed} customers with purchases up to asOf (found ${rows.length})`,
      { argumentName: 'asOf' },
    );
  job?.progress(0.2);
  const vectors = rows.map(clusterVector);
  const standardizer = fitStandardizer(vectors);
  const points = vectors.map((v) => standardize(standardizer, v));
  job?.signal.throwIfAborted();
  const chosen = chooseAndCluster(points, {
    k: args.k,
    seed: args.seed,
    minK: MIN_CLUSTER_K,
    maxK: MAX_CLUSTER_K,
    sampleSize: SILHOUETTE_SAMPLE,
  });
  job?.progress(0.8);
  // Clusters are numbered by size (largest first), so a rerun on the same data names them alike.
  const sizes = new Array<number>(chosen.k).fill(0);
  for (const c of chosen.assignment) sizes[c]++;
  const order = sizes.map((_, c) => c).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const renumber = new Map(order.map((c, i) => [c, i + 1]));
  const clusters: StoredCluster[] = order
    .filter((c) => sizes[c] > 0)
    .map((c) => {
      const members = rows.filter((_, i) => chosen.assignment[i] === c);
      const centroid = Object.fromEntries(
        CLUSTER_FEATURES.map((name, j) => [
          name,
          members.reduce((sum, row) => sum + clusterRawValues(row)[j], 0) / members.length,
        ]),
      );
      const [recency, frequency, monetary] = chosen.centroids[c];
      return {
        id: renumber.get(c)!,
        label: clusterLabel({ recency, frequency, monetary }),
        size: sizes[c],
        centroid,
      };
    });
  return insertClusterModel(
    db,
    {
      fitted_at: fittedAt,
      as_of: asOf,
      k: clusters.length,
      seed: args.seed,
      chosen_by: args.k === null ? 'SILHOUETTE' : 'GIVEN',
      silhouette: chosen.silhouette,
      candidates: JSON.stringify(chosen.candidates),
      clusters: JSON.stringify(clusters),
      customers: rows.length,
      excluded_customers: excluded,
    },
    rows.map((row, i) => ({ customer_id: row.customer_id, cluster: renumber.get(chosen.assignment[i])! })),
  );
}
