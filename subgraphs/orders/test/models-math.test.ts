// The churn model's logistic regression, calibration and metrics, and the clustering's k-means,
// silhouette and adjusted Rand index, against hand-computed cases and data generated with known structure.
import { describe, expect, it } from 'vitest';
import {
  auc,
  fitLogistic,
  fitPlatt,
  fitStandardizer,
  logit,
  precisionAtTopDecile,
  sigmoid,
  solveSpd,
  standardize,
} from '../src/logistic.js';
import { adjustedRandIndex, chooseAndCluster, kmeans, sampleIndices, seededRandom, silhouette } from '../src/kmeans.js';

/** Standard normal draws (Box–Muller) from a seeded stream. */
function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

describe('metrics', () => {
  it('AUC counts pairs ranked right, ties as half', () => {
    // Positives 0.9, 0.4; negatives 0.5, 0.1: pairs (0.9>0.5)(0.9>0.1)(0.4<0.5)(0.4>0.1) = 3/4.
    expect(auc([0.9, 0.5, 0.4, 0.1], [1, 0, 1, 0])).toBeCloseTo(0.75, 12);
    // A tie between a positive and a negative is half a pair: positives 0.7, 0.2 against the negative 0.7: (0.5 + 0) / 2.
    expect(auc([0.7, 0.7, 0.2], [1, 0, 1])).toBeCloseTo(0.25, 12);
    expect(auc([1, 2], [1, 1])).toBeNaN();
  });

  it('precision at the top decile takes the best tenth (at least one row)', () => {
    const scores = Array.from({ length: 20 }, (_, i) => i);
    const labels = scores.map((s) => (s === 19 || s === 17 ? 1 : 0));
    // Top two rows: 19 (positive) and 18 (negative).
    expect(precisionAtTopDecile(scores, labels)).toBe(0.5);
    expect(precisionAtTopDecile([0.3, 0.9, 0.1], [0, 1, 0])).toBe(1);
  });
});

describe('logistic regression', () => {
  it('solves a positive definite system', () => {
    const x = solveSpd(
      [
        [4, 2],
        [2, 3],
      ],
      [2, 1],
    );
    expect(x[0]).toBeCloseTo(0.5, 12);
    expect(x[1]).toBeCloseTo(0, 12);
  });

  it('recovers the coefficients of data generated from a known logistic model', () => {
    const random = seededRandom(7);
    const truth = { intercept: -0.5, coefficients: [1.5, -2, 0] };
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const row = [normal(random), normal(random), normal(random)];
      x.push(row);
      y.push(random() < sigmoid(logit(truth, row)) ? 1 : 0);
    }
    const fit = fitLogistic(x, y, { l2: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(truth.intercept, 1);
    for (const [j, beta] of fit.coefficients.entries())
      expect(Math.abs(beta - truth.coefficients[j])).toBeLessThan(0.08);
    // L2 shrinks the coefficients towards 0; class weights move the intercept towards balance.
    const shrunk = fitLogistic(x, y, { l2: 5000 });
    expect(Math.abs(shrunk.coefficients[0])).toBeLessThan(Math.abs(fit.coefficients[0]));
    const balanced = fitLogistic(x, y, { l2: 0, balanced: true });
    // At the optimum without a penalty the (weighted) mean prediction equals the (weighted) mean label:
    // the observed rate unweighted, one half with balanced weights.
    const positives = y.reduce((s, v) => s + v, 0);
    const weight = (label: number) =>
      label === 1 ? x.length / (2 * positives) : x.length / (2 * (x.length - positives));
    const weightedMean = (f: typeof fit, w: (label: number) => number) =>
      x.reduce((s, row, i) => s + w(y[i]) * sigmoid(logit(f, row)), 0) / y.reduce((s, v) => s + w(v), 0);
    expect(weightedMean(balanced, weight)).toBeCloseTo(0.5, 6);
    expect(weightedMean(fit, () => 1)).toBeCloseTo(positives / x.length, 6);
    // Balanced weights raise the intercept of a rare positive class.
    expect(positives / x.length).toBeLessThan(0.5);
    expect(balanced.intercept).toBeGreaterThan(fit.intercept);
  });

  it('Platt scaling turns miscalibrated scores into probabilities that match the observed rates', () => {
    const random = seededRandom(11);
    // The true probability is σ(0.5 s − 1), but the raw score says σ(s).
    const scores: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const s = 4 * normal(random);
      scores.push(s);
      y.push(random() < sigmoid(0.5 * s - 1) ? 1 : 0);
    }
    const { a, b } = fitPlatt(scores, y);
    expect(a).toBeCloseTo(0.5, 1);
    expect(b).toBeCloseTo(-1, 1);
  });

  it('standardizes to mean 0 and sd 1, and leaves a constant feature at 0', () => {
    const rows = [
      [1, 5],
      [3, 5],
      [5, 5],
    ];
    const s = fitStandardizer(rows);
    expect(rows.map((r) => standardize(s, r))).toEqual([
      [-Math.sqrt(1.5), 0],
      [0, 0],
      [Math.sqrt(1.5), 0],
    ]);
  });
});

/** Well-separated Gaussian blobs with known labels. */
function blobs(centres: number[][], perCluster: number, sd: number, seed: number) {
  const random = seededRandom(seed);
  const points: number[][] = [];
  const labels: number[] = [];
  centres.forEach((centre, c) => {
    for (let i = 0; i < perCluster; i++) {
      points.push(centre.map((v) => v + sd * normal(random)));
      labels.push(c);
    }
  });
  return { points, labels };
}

describe('k-means', () => {
  const centres = [
    [0, 0, 0],
    [6, 0, 1],
    [0, 6, -1],
    [6, 6, 4],
  ];

  it('recovers well-separated clusters (adjusted Rand index ≥ 0.9) and chooses their number by silhouette', () => {
    const { points, labels } = blobs(centres, 150, 1, 3);
    const chosen = chooseAndCluster(points, { seed: 42, sampleSize: 400 });
    expect(chosen.k).toBe(4);
    expect(chosen.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(adjustedRandIndex(labels, chosen.assignment)).toBeGreaterThanOrEqual(0.9);
  });

  it('gives the same assignment for the same data and seed', () => {
    const { points } = blobs(centres, 50, 2.5, 5);
    const first = kmeans(points, 4, 9);
    const second = kmeans(points, 4, 9);
    expect(second.assignment).toEqual(first.assignment);
    expect(second.centroids).toEqual(first.centroids);
  });

  it('silhouette is near 1 for tight far clusters and the ARI is 1 only for the same partition up to renaming', () => {
    const points = [[0], [0.1], [10], [10.1]];
    expect(silhouette(points, [0, 0, 1, 1], 2)).toBeGreaterThan(0.98);
    expect(silhouette(points, [0, 1, 0, 1], 2)).toBeLessThan(0);
    expect(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeLessThan(0);
  });

  it('samples a fixed subset by seed', () => {
    expect(sampleIndices(100, 10, 1)).toEqual(sampleIndices(100, 10, 1));
    expect(sampleIndices(100, 10, 1)).not.toEqual(sampleIndices(100, 10, 2));
    expect(new Set(sampleIndices(100, 10, 1)).size).toBe(10);
  });
});
