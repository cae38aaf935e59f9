// K-means with k-means++ initialisation from a seeded generator (the same data and seed give the same
// assignment), the silhouette to choose k, and the adjusted Rand index to compare two partitions.

/** mulberry32: a small seeded generator, so a clustering is a pure function of (data, seed). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const squaredDistance = (p: readonly number[], q: readonly number[]) => {
  let sum = 0;
  for (let j = 0; j < p.length; j++) sum += (p[j] - q[j]) ** 2;
  return sum;
};

export interface KMeansResult {
  centroids: number[][];
  assignment: number[];
  /** Sum of squared distances of the points to their centroids. */
  inertia: number;
  iterations: number;
}

/** k-means++ seeding: each next centre drawn with probability proportional to D(x)². */
function kmeansPlusPlus(points: readonly number[][], k: number, random: () => number): number[][] {
  const centroids = [points[Math.floor(random() * points.length)].slice()];
  const nearest = points.map((p) => squaredDistance(p, centroids[0]));
  while (centroids.length < k) {
    const total = nearest.reduce((s, d) => s + d, 0);
    let index = 0;
    if (total > 0) {
      let target = random() * total;
      for (index = 0; index < points.length - 1; index++) {
        target -= nearest[index];
        if (target <= 0) break;
      }
    } else index = Math.floor(random() * points.length);
    const centre = points[index].slice();
    centroids.push(centre);
    for (let i = 0; i < points.length; i++) nearest[i] = Math.min(nearest[i], squaredDistance(points[i], centre));
  }
  return centroids;
}

/** Lloyd's iterations from k-means++ seeds; `restarts` seedings (one stream), the lowest inertia kept. */
export function kmeans(
  points: readonly number[][],
  k: number,
  seed: number,
  options: { restarts?: number; maxIterations?: number } = {},
): KMeansResult {
  const { restarts = 4, maxIterations = 100 } = options;
  if (!Number.isInteger(k) || k < 1 || k > points.length) throw new RangeError(`k must be 1 to ${points.length}`);
  const random = seededRandom(seed);
  let best: KMeansResult | null = null;
  for (let restart = 0; restart < restarts; restart++) {
    const result = lloyd(points, kmeansPlusPlus(points, k, random), maxIterations);
    if (!best || result.inertia < best.inertia - 1e-12) best = result;
  }
  return best!;
}

function lloyd(points: readonly number[][], centroids: number[][], maxIterations: number): KMeansResult {
  const k = centroids.length;
  const d = points[0].length;
  const assignment = new Array<number>(points.length).fill(-1);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let changed = false;
    for (let i = 0; i < points.length; i++) {
      let bestCluster = 0;
      let bestDistance = Number.POSITIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        const distance = squaredDistance(points[i], centroids[c]);
        if (distance < bestDistance) {
          bestDistance = distance;
          bestCluster = c;
        }
      }
      if (assignment[i] !== bestCluster) {
        assignment[i] = bestCluster;
        changed = true;
      }
    }
    if (!changed) break;
    const sums = Array.from({ length: k }, () => new Array<number>(d).fill(0));
    const counts = new Array<number>(k).fill(0);
    for (let i = 0; i < points.length; i++) {
      counts[assignment[i]]++;
      for (let j = 0; j < d; j++) sums[assignment[i]][j] += points[i][j];
    }
    // An emptied cluster keeps its centre (it may win points back next round).
    for (let c = 0; c < k; c++) if (counts[c] > 0) centroids[c] = sums[c].map((s) => s / counts[c]);
  }
  let inertia = 0;
  for (let i = 0; i < points.length; i++) inertia += squaredDistance(points[i], centroids[assignment[i]]);
  return { centroids, assignment, inertia, iterations };
}

/** Mean silhouette (Rousseeuw 1987) of a partition; O(n²), so callers pass a sample. A point alone in its cluster scores 0. */
export function silhouette(points: readonly number[][], assignment: readonly number[], k: number): number {
  const n = points.length;
  if (n < 2) return 0;
  let total = 0;
  const sums = new Array<number>(k);
  const counts = new Array<number>(k).fill(0);
  for (const c of assignment) counts[c]++;
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    for (let j = 0; j < n; j++) if (j !== i) sums[assignment[j]] += Math.sqrt(squaredDistance(points[i], points[j]));
    const own = assignment[i];
    if (counts[own] <= 1) continue;
    const a = sums[own] / (counts[own] - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) if (c !== own && counts[c] > 0) b = Math.min(b, sums[c] / counts[c]);
    if (Number.isFinite(b)) total += (b - a) / Math.max(a, b);
  }
  return total / n;
}

/** Adjusted Rand index (Hubert & Arabie 1985): 1 for identical partitions, about 0 for random ones. */
export function adjustedRandIndex(left: readonly number[], right: readonly number[]): number {
  if (left.length !== right.length) throw new RangeError('partitions of different sizes');
  const choose2 = (m: number) => (m * (m - 1)) / 2;
  const table = new Map<string, number>();
  const rows = new Map<number, number>();
  const columns = new Map<number, number>();
  for (let i = 0; i < left.length; i++) {
    const key = `${left[i]}|${right[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rows.set(left[i], (rows.get(left[i]) ?? 0) + 1);
    columns.set(right[i], (columns.get(right[i]) ?? 0) + 1);
  }
  let index = 0;
  for (const m of table.values()) index += choose2(m);
  let rowSum = 0;
  for (const m of rows.values()) rowSum += choose2(m);
  let columnSum = 0;
  for (const m of columns.values()) columnSum += choose2(m);
  const expected = (rowSum * columnSum) / choose2(left.length);
  const maximum = (rowSum + columnSum) / 2;
  return maximum === expected ? 1 : (index - expected) / (maximum - expected);
}

/** A fixed sample of indices (partial Fisher–Yates on the seeded stream), in ascending order. */
export function sampleIndices(n: number, size: number, seed: number): number[] {
  if (size >= n) return Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(seed ^ 0x5bd1e995);
  const indices = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (n - i));
    [indices[i], indices[j]] = [indices[j], indices[i]];
  }
  return indices.slice(0, size).sort((a, b) => a - b);
}

export interface ChosenClustering extends KMeansResult {
  k: number;
  /** Silhouette of the chosen k on the sample; null when k was given. */
  silhouette: number | null;
  /** Every candidate k with its sample silhouette (empty when k was given). */
  candidates: { k: number; silhouette: number }[];
}

/**
 * Clusters the points with the given k, or chooses k from minK to maxK by the mean silhouette on a
 * fixed random sample of at most sampleSize points (k-means fitted on all points for each k).
 */
export function chooseAndCluster(
  points: readonly number[][],
  options: { k?: number | null; seed: number; minK?: number; maxK?: number; sampleSize?: number },
): ChosenClustering {
  const { seed, minK = 2, maxK = 10, sampleSize = 2000 } = options;
  if (options.k != null) return { ...kmeans(points, options.k, seed), k: options.k, silhouette: null, candidates: [] };
  const sample = sampleIndices(points.length, sampleSize, seed);
  const samplePoints = sample.map((i) => points[i]);
  let best: ChosenClustering | null = null;
  const candidates: { k: number; silhouette: number }[] = [];
  for (let k = minK; k <= Math.min(maxK, points.length - 1); k++) {
    const result = kmeans(points, k, seed);
    const score = silhouette(
      samplePoints,
      sample.map((i) => result.assignment[i]),
      k,
    );
    candidates.push({ k, silhouette: score });
    if (!best || score > (best.silhouette ?? Number.NEGATIVE_INFINITY) + 1e-12)
      best = { ...result, k, silhouette: score, candidates };
  }
  if (!best) throw new RangeError(`clustering needs more than ${minK} points`);
  return best;
}
