// Logistic regression for the churn model: standardization, class weights and L2, fitted by Newton's
// method (IRLS), then Platt scaling on a separate validation split; and the evaluation metrics
// (AUC by the Mann–Whitney statistic with tied ranks, precision at the top decile). No library in
// the registry lists fits this size (tens of features, up to 10⁵ rows) without a native build, so
// this is plain TypeScript, tested against hand-computed cases and generated data.

export interface Standardizer {
  means: number[];
  /** Standard deviations; 1 for a constant feature, so it standardizes to 0 rather than NaN. */
  sds: number[];
}

export function fitStandardizer(rows: readonly number[][]): Standardizer {
  const d = rows[0]?.length ?? 0;
  const means = new Array<number>(d).fill(0);
  const sds = new Array<number>(d).fill(0);
  for (const row of rows) for (let j = 0; j < d; j++) means[j] += row[j] / rows.length;
  for (const row of rows) for (let j = 0; j < d; j++) sds[j] += (row[j] - means[j]) ** 2 / rows.length;
  for (let j = 0; j < d; j++) sds[j] = sds[j] > 1e-12 ? Math.sqrt(sds[j]) : 1;
  return { means, sds };
}

export const standardize = ({ means, sds }: Standardizer, row: readonly number[]): number[] =>
  row.map((v, j) => (v - means[j]) / sds[j]);

export const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Solves A x = b for a symmetric positive definite A (Cholesky); A is not modified. */
export function solveSpd(A: readonly number[][], b: readonly number[]): number[] {
  const n = b.length;
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = A[i][j];
      for (let k = 0; k < j; k++) sum -= L[i][k] * L[j][k];
      if (i === j) {
        if (!(sum > 0)) throw new RangeError('matrix is not positive definite');
        L[i][i] = Math.sqrt(sum);
      } else L[i][j] = sum / L[j][j];
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= L[i][k] * y[k];
    y[i] = sum / L[i][i];
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < n; k++) sum -= L[k][i] * x[k];
    x[i] = sum / L[i][i];
  }
  return x;
}

export interface LogisticFit {
  intercept: number;
  coefficients: number[];
  iterations: number;
  converged: boolean;
}

export interface LogisticOptions {
  /** L2 penalty on the coefficients (never on the intercept). */
  l2?: number;
  /** Weight each class by n / (2 n_class), so the rarer class counts as much as the common one. */
  balanced?: boolean;
  maxIterations?: number;
}

/**
 * Maximizes the (weighted) log-likelihood minus l2/2 ‖β‖² by Newton's method. x are the rows as
 * they should enter the model (standardize first), y is 0/1.
 */
export function fitLogistic(x: readonly number[][], y: readonly number[], options: LogisticOptions = {}): LogisticFit {
  const { l2 = 1, balanced = false, maxIterations = 50 } = options;
  const n = x.length;
  const d = x[0]?.length ?? 0;
  if (n === 0 || n !== y.length) throw new RangeError('logistic regression needs as many labels as rows, at least one');
  const positives = y.reduce((s, v) => s + v, 0);
  const weightOf = (label: number) =>
    !balanced || positives === 0 || positives === n ? 1 : n / (2 * (label === 1 ? positives : n - positives));
  const beta = new Array<number>(d + 1).fill(0); // beta[0] is the intercept
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations && !converged; iterations++) {
    const gradient = new Array<number>(d + 1).fill(0);
    const hessian = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const row = x[i];
      let z = beta[0];
      for (let j = 0; j < d; j++) z += beta[j + 1] * row[j];
      const p = sigmoid(z);
      const w = weightOf(y[i]);
      const r = w * (y[i] - p);
      const h = w * p * (1 - p);
      gradient[0] += r;
      hessian[0][0] += h;
      for (let j = 0; j < d; j++) {
        gradient[j + 1] += r * row[j];
        hessian[0][j + 1] += h * row[j];
        for (let k = 0; k <= j; k++) hessian[j + 1][k + 1] += h * row[j] * row[k];
      }
    }
    for (let j = 0; j <= d; j++) for (let k = 0; k < j; k++) hessian[k][j] = hessian[j][k];
    for (let j = 1; j <= d; j++) {
      gradient[j] -= l2 * beta[j];
      hessian[j][j] += l2;
    }
    hessian[0][0] += 1e-9; // a tiny ridge keeps the intercept's row positive definite on separable data
    const step = solveSpd(hessian, gradient);
    let largest = 0;
    for (let j = 0; j <= d; j++) {
      beta[j] += step[j];
      largest = Math.max(largest, Math.abs(step[j]));
    }
    converged = largest < 1e-8;
  }
  return { intercept: beta[0], coefficients: beta.slice(1), iterations, converged };
}

export const logit = (fit: Pick<LogisticFit, 'intercept' | 'coefficients'>, row: readonly number[]) =>
  row.reduce((z, v, j) => z + fit.coefficients[j] * v, fit.intercept);

export interface PlattScaling {
  a: number;
  b: number;
}

/**
 * Platt scaling: P(y = 1) = σ(a·s + b) fitted by maximum likelihood on held-out scores s, with
 * Platt's smoothed targets (N₊+1)/(N₊+2) and 1/(N₋+2) so a perfectly separated validation set does
 * not send a to infinity.
 */
export function fitPlatt(scores: readonly number[], y: readonly number[]): PlattScaling {
  const positives = y.reduce((s, v) => s + v, 0);
  const negatives = y.length - positives;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  const target = y.map((v) => (v === 1 ? hi : lo));
  const objective = (a: number, b: number) => {
    let sum = 0;
    for (let i = 0; i < scores.length; i++) {
      const z = a * scores[i] + b;
      // −[t ln σ(z) + (1 − t) ln(1 − σ(z))], written to stay finite for large |z|.
      sum += z >= 0 ? (1 - target[i]) * z + Math.log1p(Math.exp(-z)) : -target[i] * z + Math.log1p(Math.exp(z));
    }
    return sum;
  };
  // Platt's start: no slope, the prior log-odds; Newton steps halved until the objective falls.
  let a = 0;
  let b = Math.log((positives + 1) / (negatives + 1));
  let current = objective(a, b);
  for (let iteration = 0; iteration < 100; iteration++) {
    let g0 = 0;
    let g1 = 0;
    let h00 = 1e-12;
    let h01 = 0;
    let h11 = 1e-12;
    for (let i = 0; i < scores.length; i++) {
      const p = sigmoid(a * scores[i] + b);
      const w = p * (1 - p);
      g0 += (target[i] - p) * scores[i];
      g1 += target[i] - p;
      h00 += w * scores[i] * scores[i];
      h01 += w * scores[i];
      h11 += w;
    }
    const [da, db] = solveSpd(
      [
        [h00, h01],
        [h01, h11],
      ],
      [g0, g1],
    );
    let step = 1;
    let next = objective(a + da, b + db);
    while (next > current && step > 1e-6) {
      step /= 2;
      next = objective(a + step * da, b + step * db);
    }
    if (next > current) break;
    a += step * da;
    b += step * db;
    const improvement = current - next;
    current = next;
    if (Math.abs(step * da) + Math.abs(step * db) < 1e-10 || improvement < 1e-12) break;
  }
  return { a, b };
}

/** Area under the ROC curve: the probability that a random positive scores above a random negative (ties count half). */
export function auc(scores: readonly number[], y: readonly number[]): number {
  const order = scores.map((s, i) => [s, y[i]] as const).sort((p, q) => p[0] - q[0]);
  let rankSumPositives = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j][0] === order[i][0]) j++;
    const averageRank = (i + 1 + j) / 2; // ranks i+1 … j
    for (let k = i; k < j; k++)
      if (order[k][1] === 1) {
        rankSumPositives += averageRank;
        positives++;
      }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * The share of positives among the top tenth by score (at least one row). Rows tied at the boundary
 * are taken in their given order, so callers pass rows in a deterministic order.
 */
export function precisionAtTopDecile(scores: readonly number[], y: readonly number[]): number {
  const top = Math.max(1, Math.ceil(scores.length / 10));
  const order = scores.map((_, i) => i).sort((i, j) => scores[j] - scores[i] || i - j);
  let hits = 0;
  for (let k = 0; k < top; k++) hits += y[order[k]];
  return hits / top;
}
