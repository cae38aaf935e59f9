// Customer lifetime value: BG/NBD for the number of future purchases and Gamma-Gamma for the spend
// per purchase (Fader, Hardie & Lee 2005, "Counting your customers the easy way"; Fader & Hardie
// 2013, "The Gamma-Gamma model of monetary value"), fitted by maximum likelihood. Time is in weeks.

/** One customer's calibration summary: x repeat purchases, the last at t_x, observed for T, spending m̄ per repeat purchase. */
export interface CustomerSummary {
  x: number;
  tx: number;
  T: number;
  /** Mean value of the repeat purchases; 0 when x = 0. */
  meanRepeatValue: number;
}

export interface BgNbdParameters {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface GammaGammaParameters {
  p: number;
  q: number;
  gamma: number;
}

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(z) for z > 0 (Lanczos, g = 7; about 15 significant digits). */
export function lnGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lnGamma(1 - z);
  const x = z - 1;
  let sum = 0.99999999999980993;
  for (let i = 0; i < LANCZOS.length; i++) sum += LANCZOS[i] / (x + i + 1);
  const t = x + LANCZOS.length - 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** The Gaussian hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1, by its power series. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 200_000; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (Math.abs(term) < 1e-15 * Math.abs(sum)) return sum;
  }
  return sum;
}

/** ln of the BG/NBD likelihood of one customer (eq. 6 of Fader, Hardie & Lee 2005). */
export function bgNbdLogLikelihood(
  { r, alpha, a, b }: BgNbdParameters,
  { x, tx, T }: Pick<CustomerSummary, 'x' | 'tx' | 'T'>,
): number {
  const a1 = lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha);
  const a2 = lnGamma(a + b) + lnGamma(b + x) - lnGamma(b) - lnGamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return a1 + a2 + a3;
  const a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  const max = Math.max(a3, a4);
  return a1 + a2 + max + Math.log(Math.exp(a3 - max) + Math.exp(a4 - max));
}

/** P(alive | x, t_x, T) (eq. 11 of Fader, Hardie & Lee 2005's technical note). */
export function probabilityAlive(
  { r, alpha, a, b }: BgNbdParameters,
  { x, tx, T }: Pick<CustomerSummary, 'x' | 'tx' | 'T'>,
): number {
  if (x === 0) return 1;
  return 1 / (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x));
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in the next t weeks (eq. 10 of Fader, Hardie & Lee 2005).
 * The closed form divides by a − 1 and, for x = 0, its ₂F₁ has c = a + b − 1, which may be 0; both
 * are removable singularities (the expectation is continuous in a), so near one the value is the
 * mean of the two sides a ± δ.
 */
export function expectedPurchases(
  params: BgNbdParameters,
  summary: Pick<CustomerSummary, 'x' | 'tx' | 'T'>,
  t: number,
): number {
  const { a, b } = params;
  const near = (v: number) => Math.abs(v) < SINGULARITY_DISTANCE;
  if (near(a - 1) || near(a + b + summary.x - 1)) {
    const delta = Math.min(2 * SINGULARITY_DISTANCE, a / 2);
    return (
      (expectedPurchasesClosedForm({ ...params, a: a + delta }, summary, t) +
        expectedPurchasesClosedForm({ ...params, a: a - delta }, summary, t)) /
      2
    );
  }
  return expectedPurchasesClosedForm(params, summary, t);
}

const SINGULARITY_DISTANCE = 1e-4;

function expectedPurchasesClosedForm(
  { r, alpha, a, b }: BgNbdParameters,
  { x, tx, T }: Pick<CustomerSummary, 'x' | 'tx' | 'T'>,
  t: number,
): number {
  const hyp = hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  const numerator = ((a + b + x - 1) / (a - 1)) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp);
  const denominator = x > 0 ? 1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x) : 1;
  return numerator / denominator;
}

/**
 * Gamma-Gamma E[M | m̄, x]: a weighted average of the population mean pγ/(q − 1) and the customer's
 * own mean m̄, the weight growing with x (Fader & Hardie 2013, eq. 5). With x = 0 it is the population
 * mean, which exists only for q > 1 (fitGammaGamma guarantees it; other parameters are refused).
 */
export function expectedSpendPerPurchase({ p, q, gamma }: GammaGammaParameters, x: number, meanValue: number): number {
  if (!(q > 1)) throw new RangeError(`Gamma-Gamma needs q > 1 for a finite mean spend (q = ${q})`);
  return ((gamma + meanValue * x) * p) / (p * x + q - 1);
}

/** ln of the Gamma-Gamma likelihood of one customer with x ≥ 1 purchases of mean value m̄ > 0. */
export function gammaGammaLogLikelihood({ p, q, gamma }: GammaGammaParameters, x: number, meanValue: number): number {
  return (
    lnGamma(p * x + q) -
    lnGamma(p * x) -
    lnGamma(q) +
    q * Math.log(gamma) +
    (p * x - 1) * Math.log(meanValue) +
    p * x * Math.log(x) -
    (p * x + q) * Math.log(gamma + meanValue * x)
  );
}

/** How an optimizer run ended: CONVERGED, NOT_CONVERGED (iteration limit) or AT_BOUND (a parameter at its box limit). */
export type FitStatus = 'CONVERGED' | 'NOT_CONVERGED' | 'AT_BOUND';

export interface FitDiagnostics {
  status: FitStatus;
  /** Nelder–Mead iterations over every restart. */
  iterations: number;
  /** Why the fit is not CONVERGED; null when it is. */
  reason: string | null;
}

export interface NelderMeadResult {
  point: number[];
  value: number;
  iterations: number;
  /** Both the spread of the function values and the simplex's size fell under their tolerances. */
  converged: boolean;
}

/**
 * Minimizes f by the Nelder–Mead simplex method (standard coefficients), from `start` with initial
 * steps `step`. It converges when the simplex's values agree to `tolerance` (relative) and its points
 * to `pointTolerance`: the value test alone also stops on a flat ridge far from any optimum.
 */
export function nelderMead(
  f: (point: number[]) => number,
  start: number[],
  { step = 0.5, tolerance = 1e-10, pointTolerance = 1e-6, maxIterations = 5000 } = {},
): NelderMeadResult {
  const n = start.length;
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))].map((point) => ({
    point,
    value: f(point),
  }));
  let iterations = 0;
  let converged = false;
  const combine = (a: number[], b: number[], t: number) => a.map((v, i) => v + t * (b[i] - v));
  for (; iterations < maxIterations; iterations++) {
    simplex.sort((u, v) => u.value - v.value);
    const best = simplex[0];
    const worst = simplex[n];
    const size = Math.max(...simplex.map((s) => Math.max(...s.point.map((v, i) => Math.abs(v - best.point[i])))));
    if (
      Number.isFinite(best.value) &&
      Math.abs(worst.value - best.value) <= tolerance * (Math.abs(best.value) + tolerance) &&
      size <= pointTolerance
    ) {
      converged = true;
      break;
    }
    const centroid = start.map((_, i) => simplex.slice(0, n).reduce((sum, s) => sum + s.point[i], 0) / n);
    const reflected = combine(centroid, worst.point, -1);
    const fr = f(reflected);
    if (fr < best.value) {
      const expanded = combine(centroid, worst.point, -2);
      const fe = f(expanded);
      simplex[n] = fe < fr ? { point: expanded, value: fe } : { point: reflected, value: fr };
    } else if (fr < simplex[n - 1].value) {
      simplex[n] = { point: reflected, value: fr };
    } else {
      const outside = fr < worst.value;
      const contracted = combine(centroid, outside ? reflected : worst.point, 0.5);
      const fc = f(contracted);
      if (fc < (outside ? fr : worst.value)) {
        simplex[n] = { point: contracted, value: fc };
      } else {
        simplex = simplex.map((s, i) =>
          i === 0 ? s : { point: combine(best.point, s.point, 0.5), value: f(combine(best.point, s.point, 0.5)) },
        );
      }
    }
  }
  simplex.sort((u, v) => u.value - v.value);
  return { point: simplex[0].point, value: simplex[0].value, iterations, converged };
}

/**
 * Nelder–Mead restarted from its own optimum until a restart neither moves nor improves, which
 * guards against a collapsed simplex. Converged only when the last restart converged on its own.
 */
export function minimize(
  f: (point: number[]) => number,
  start: number[],
  options: { maxIterations?: number } = {},
): NelderMeadResult {
  let result = nelderMead(f, start, options);
  let iterations = result.iterations;
  for (let restart = 0; restart < 5; restart++) {
    const next = nelderMead(f, result.point, { ...options, step: 0.1 });
    iterations += next.iterations;
    const improved = next.value < result.value - 1e-9 * Math.abs(result.value);
    if (!improved) {
      const best = next.value < result.value ? next : result;
      return { ...best, iterations, converged: result.converged && next.converged };
    }
    result = next;
  }
  return { ...result, iterations, converged: false };
}

/**
 * The fitted parameters live on a log scale inside [ln LOWER, ln UPPER]: the likelihood is +∞
 * outside. A parameter within a factor of AT_BOUND_FACTOR of either end is a degenerate fit (for
 * BG/NBD, b → ∞ means nobody ever drops out: the data do not identify the model).
 */
export const PARAMETER_LOWER = 1e-4;
export const PARAMETER_UPPER = 1e6;
const AT_BOUND_FACTOR = 10;

function inBox(values: number[]): boolean {
  return values.every((v) => Number.isFinite(v) && v >= PARAMETER_LOWER && v <= PARAMETER_UPPER);
}

/** The status of a fit from its optimizer run and which box-constrained parameters ended near a bound. */
export function diagnose(result: NelderMeadResult, boxed: Record<string, number>): FitDiagnostics {
  const atBound = Object.entries(boxed).filter(
    ([, v]) => v <= PARAMETER_LOWER * AT_BOUND_FACTOR || v >= PARAMETER_UPPER / AT_BOUND_FACTOR,
  );
  if (atBound.length > 0)
    return {
      status: 'AT_BOUND',
      iterations: result.iterations,
      reason: `${atBound.map(([name, v]) => `${name} = ${v.toPrecision(3)}`).join(', ')} at the limit of [${PARAMETER_LOWER}, ${PARAMETER_UPPER}]: the data do not identify the model`,
    };
  if (!result.converged || !Number.isFinite(result.value))
    return {
      status: 'NOT_CONVERGED',
      iterations: result.iterations,
      reason: `the optimizer did not converge in ${result.iterations} iterations`,
    };
  return { status: 'CONVERGED', iterations: result.iterations, reason: null };
}

/**
 * Standard errors of the parameters exp(point) from the observed information: the numerical Hessian
 * of the negative log-likelihood over the log-parameters, inverted, then the delta method
 * (se(θ) = θ · se(ln θ)). NaN where the Hessian is not positive definite.
 */
export function standardErrorsOfLogFit(f: (point: number[]) => number, point: number[]): number[] {
  const n = point.length;
  const h = 1e-4;
  /** f with coordinate i moved by di and coordinate j by dj. */
  const at = (i: number, di: number, j = -1, dj = 0) =>
    f(point.map((v, k) => v + (k === i ? di : 0) + (k === j ? dj : 0)));
  const f0 = f(point);
  const hessian = point.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    hessian[i][i] = (at(i, h) - 2 * f0 + at(i, -h)) / (h * h);
    for (let j = 0; j < i; j++) {
      const value = (at(i, h, j, h) - at(i, h, j, -h) - at(i, -h, j, h) + at(i, -h, j, -h)) / (4 * h * h);
      hessian[i][j] = value;
      hessian[j][i] = value;
    }
  }
  const inverse = invert(hessian);
  return point.map((v, i) => {
    const variance = inverse?.[i][i] ?? Number.NaN;
    return variance > 0 ? Math.exp(v) * Math.sqrt(variance) : Number.NaN;
  });
}

/** Gauss–Jordan inverse with partial pivoting; null when the matrix is singular. */
function invert(matrix: number[][]): number[][] | null {
  const n = matrix.length;
  const m = matrix.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) pivot = row;
    if (!(Math.abs(m[pivot][col]) > 1e-300)) return null;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    const scale = m[col][col];
    for (let k = 0; k < 2 * n; k++) m[col][k] /= scale;
    for (let row = 0; row < n; row++) {
      if (row === col) continue;
      const factor = m[row][col];
      for (let k = 0; k < 2 * n; k++) m[row][k] -= factor * m[col][k];
    }
  }
  return m.map((row) => row.slice(n));
}

export interface BgNbdFit extends BgNbdParameters, FitDiagnostics {
  logLikelihood: number;
  standardErrors: BgNbdParameters;
}

/**
 * Fits BG/NBD by maximum likelihood over log-parameters (so they stay positive). Customers with the
 * same x share the x-only terms, which keeps one evaluation over 100,000 customers to a few logs each.
 */
export function fitBgNbd(customers: readonly Pick<CustomerSummary, 'x' | 'tx' | 'T'>[]): BgNbdFit {
  const maxX = customers.reduce((max, c) => Math.max(max, c.x), 0);
  const x = Float64Array.from(customers, (c) => c.x);
  const tx = Float64Array.from(customers, (c) => c.tx);
  const T = Float64Array.from(customers, (c) => c.T);
  const negLogLikelihood = ([lr, lalpha, la, lb]: number[]) => {
    const r = Math.exp(lr);
    const alpha = Math.exp(lalpha);
    const a = Math.exp(la);
    const b = Math.exp(lb);
    if (!inBox([r, alpha, a, b])) return Number.POSITIVE_INFINITY;
    // Terms that depend on x only: ln Γ(r+x) − ln Γ(r) and the beta-function ratio, by recurrence.
    const byX = new Float64Array(maxX + 1);
    let gammaPart = 0;
    let betaPart = 0;
    for (let k = 0; k <= maxX; k++) {
      byX[k] = gammaPart + betaPart + r * Math.log(alpha);
      gammaPart += Math.log(r + k);
      betaPart += Math.log(b + k) - Math.log(a + b + k);
    }
    let total = 0;
    for (let i = 0; i < x.length; i++) {
      const xi = x[i];
      const a3 = -(r + xi) * Math.log(alpha + T[i]);
      let ll = a3;
      if (xi > 0) {
        const a4 = Math.log(a) - Math.log(b + xi - 1) - (r + xi) * Math.log(alpha + tx[i]);
        const max = Math.max(a3, a4);
        ll = max + Math.log(Math.exp(a3 - max) + Math.exp(a4 - max));
      }
      total += byX[xi] + ll;
    }
    return Number.isFinite(total) ? -total : Number.POSITIVE_INFINITY;
  };
  const result = minimize(negLogLikelihood, [0, Math.log(Math.max(1, mean(T))), 0, 0]);
  const [r, alpha, a, b] = result.point.map(Math.exp);
  const [seR, seAlpha, seA, seB] = standardErrorsOfLogFit(negLogLikelihood, result.point);
  return {
    r,
    alpha,
    a,
    b,
    logLikelihood: -result.value,
    standardErrors: { r: seR, alpha: seAlpha, a: seA, b: seB },
    ...diagnose(result, { r, alpha, a, b }),
  };
}

export interface GammaGammaFit extends GammaGammaParameters, FitDiagnostics {
  logLikelihood: number;
  customers: number;
  standardErrors: GammaGammaParameters;
}

/**
 * Fits Gamma-Gamma by maximum likelihood on customers with at least one repeat purchase of positive
 * mean value. q is fitted as 1 + exp(·), so q > 1 and the population mean spend pγ/(q − 1), the
 * prediction for a customer without repeats, is finite and positive.
 */
export function fitGammaGamma(customers: readonly Pick<CustomerSummary, 'x' | 'meanRepeatValue'>[]): GammaGammaFit {
  const eligible = customers.filter((c) => c.x > 0 && c.meanRepeatValue > 0);
  const x = Float64Array.from(eligible, (c) => c.x);
  const m = Float64Array.from(eligible, (c) => c.meanRepeatValue);
  const logM = m.map(Math.log);
  const logX = x.map(Math.log);
  const negLogLikelihood = ([lp, lq1, lg]: number[]) => {
    const p = Math.exp(lp);
    const qMinus1 = Math.exp(lq1);
    const q = 1 + qMinus1;
    const gamma = Math.exp(lg);
    if (!inBox([p, qMinus1, gamma])) return Number.POSITIVE_INFINITY;
    const lnGammaQ = lnGamma(q);
    const byX = new Map<number, number>();
    let total = 0;
    for (let i = 0; i < x.length; i++) {
      const px = p * x[i];
      let shared = byX.get(x[i]);
      if (shared === undefined) {
        shared = lnGamma(px + q) - lnGamma(px) - lnGammaQ + q * Math.log(gamma) + px * logX[i];
        byX.set(x[i], shared);
      }
      total += shared + (px - 1) * logM[i] - (px + q) * Math.log(gamma + m[i] * x[i]);
    }
    return Number.isFinite(total) ? -total : Number.POSITIVE_INFINITY;
  };
  const result = minimize(negLogLikelihood, [0, 0, Math.log(Math.max(1, mean(m)))]);
  const [p, qMinus1, gamma] = result.point.map(Math.exp);
  const [seP, seQMinus1, seGamma] = standardErrorsOfLogFit(negLogLikelihood, result.point);
  return {
    p,
    q: 1 + qMinus1,
    gamma,
    logLikelihood: -result.value,
    customers: eligible.length,
    // se(q) = se(q − 1).
    standardErrors: { p: seP, q: seQMinus1, gamma: seGamma },
    ...diagnose(result, { p, 'q − 1': qMinus1, gamma }),
  };
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return values.length ? sum / values.length : 0;
}

/** One row of the calibration/holdout check: customers with the same repeat count in the calibration period. */
export interface CalibrationGroup {
  /** Repeat purchases in the calibration period; the last group holds this many or more. */
  repeatPurchases: number;
  /** Whether the last group also holds customers with more repeat purchases. */
  orMore: boolean;
  customers: number;
  /** Mean purchases in the holdout period predicted by BG/NBD from the calibration summary. */
  predictedPurchases: number;
  /** Mean purchases the customers made in the holdout period. */
  actualPurchases: number;
}

/**
 * Predicted vs actual purchases in a holdout period of `holdoutWeeks`, by repeat purchases in the
 * calibration period (0, 1, …, maxGroup or more): the standard check that a BG/NBD fit describes
 * the customers it will be asked about (Fader, Hardie & Lee 2005, figure 4).
 */
export function calibrationByFrequency(
  params: BgNbdParameters,
  customers: readonly (Pick<CustomerSummary, 'x' | 'tx' | 'T'> & { holdoutPurchases: number })[],
  holdoutWeeks: number,
  maxGroup = 6,
): CalibrationGroup[] {
  const groups = Array.from({ length: maxGroup + 1 }, (_, k) => ({
    repeatPurchases: k,
    orMore: k === maxGroup,
    customers: 0,
    predictedPurchases: 0,
    actualPurchases: 0,
  }));
  for (const customer of customers) {
    const group = groups[Math.min(customer.x, maxGroup)];
    group.customers += 1;
    group.predictedPurchases += expectedPurchases(params, customer, holdoutWeeks);
    group.actualPurchases += customer.holdoutPurchases;
  }
  return groups
    .filter((g) => g.customers > 0)
    .map((g) => ({
      ...g,
      predictedPurchases: g.predictedPurchases / g.customers,
      actualPurchases: g.actualPurchases / g.customers,
    }));
}
