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

/** E[Y(t) | x, t_x, T]: expected purchases in the next t weeks (eq. 10 of Fader, Hardie & Lee 2005). */
export function expectedPurchases(
  params: BgNbdParameters,
  summary: Pick<CustomerSummary, 'x' | 'tx' | 'T'>,
  t: number,
): number {
  const { r, alpha, a, b } = params;
  const { x, tx, T } = summary;
  const hyp = hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  const numerator = ((a + b + x - 1) / (a - 1)) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp);
  const denominator = x > 0 ? 1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x) : 1;
  return numerator / denominator;
}

/**
 * Gamma-Gamma E[M | m̄, x]: a weighted average of the population mean pγ/(q − 1) and the customer's
 * own mean m̄, the weight growing with x (Fader & Hardie 2013, eq. 5). With x = 0 it is the population mean.
 */
export function expectedSpendPerPurchase({ p, q, gamma }: GammaGammaParameters, x: number, meanValue: number): number {
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

/** Minimizes f by the Nelder–Mead simplex method (standard coefficients), from `start` with initial steps `step`. */
export function nelderMead(
  f: (point: number[]) => number,
  start: number[],
  { step = 0.5, tolerance = 1e-10, maxIterations = 5000 } = {},
): { point: number[]; value: number; iterations: number } {
  const n = start.length;
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))].map((point) => ({
    point,
    value: f(point),
  }));
  let iterations = 0;
  const combine = (a: number[], b: number[], t: number) => a.map((v, i) => v + t * (b[i] - v));
  for (; iterations < maxIterations; iterations++) {
    simplex.sort((u, v) => u.value - v.value);
    const best = simplex[0];
    const worst = simplex[n];
    if (Math.abs(worst.value - best.value) <= tolerance * (Math.abs(best.value) + tolerance)) break;
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
  return { point: simplex[0].point, value: simplex[0].value, iterations };
}

/** Nelder–Mead restarted from its own optimum until it stops improving, which guards against a collapsed simplex. */
function minimize(f: (point: number[]) => number, start: number[]): { point: number[]; value: number } {
  let result = nelderMead(f, start);
  for (let restart = 0; restart < 5; restart++) {
    const next = nelderMead(f, result.point, { step: 0.2 });
    if (next.value >= result.value - 1e-9 * Math.abs(result.value)) return next.value < result.value ? next : result;
    result = next;
  }
  return result;
}

/**
 * Fits BG/NBD by maximum likelihood over log-parameters (so they stay positive). Customers with the
 * same x share the x-only terms, which keeps one evaluation over 100,000 customers to a few logs each.
 */
export function fitBgNbd(
  customers: readonly Pick<CustomerSummary, 'x' | 'tx' | 'T'>[],
): BgNbdParameters & { logLikelihood: number } {
  const maxX = customers.reduce((max, c) => Math.max(max, c.x), 0);
  const x = Float64Array.from(customers, (c) => c.x);
  const tx = Float64Array.from(customers, (c) => c.tx);
  const T = Float64Array.from(customers, (c) => c.T);
  const negLogLikelihood = ([lr, lalpha, la, lb]: number[]) => {
    const r = Math.exp(lr);
    const alpha = Math.exp(lalpha);
    const a = Math.exp(la);
    const b = Math.exp(lb);
    if (![r, alpha, a, b].every((v) => Number.isFinite(v) && v > 1e-8 && v < 1e8)) return Number.POSITIVE_INFINITY;
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
  const { point, value } = minimize(negLogLikelihood, [0, Math.log(Math.max(1, mean(T))), 0, 0]);
  const [r, alpha, a, b] = point.map(Math.exp);
  return { r, alpha, a, b, logLikelihood: -value };
}

/** Fits Gamma-Gamma by maximum likelihood on customers with at least one repeat purchase of positive mean value. */
export function fitGammaGamma(
  customers: readonly Pick<CustomerSummary, 'x' | 'meanRepeatValue'>[],
): GammaGammaParameters & { logLikelihood: number; customers: number } {
  const eligible = customers.filter((c) => c.x > 0 && c.meanRepeatValue > 0);
  const x = Float64Array.from(eligible, (c) => c.x);
  const m = Float64Array.from(eligible, (c) => c.meanRepeatValue);
  const logM = m.map(Math.log);
  const logX = x.map(Math.log);
  const negLogLikelihood = ([lp, lq, lg]: number[]) => {
    const p = Math.exp(lp);
    const q = Math.exp(lq);
    const gamma = Math.exp(lg);
    if (![p, q, gamma].every((v) => Number.isFinite(v) && v > 1e-8 && v < 1e8)) return Number.POSITIVE_INFINITY;
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
  const { point, value } = minimize(negLogLikelihood, [0, 0, Math.log(Math.max(1, mean(m)))]);
  const [p, q, gamma] = point.map(Math.exp);
  return { p, q, gamma, logLikelihood: -value, customers: eligible.length };
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return values.length ? sum / values.length : 0;
}
