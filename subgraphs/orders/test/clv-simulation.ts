// Populations drawn from BG/NBD + Gamma-Gamma with known parameters, for tests that check a fit
// against the truth it was generated from. Deterministic by seed.
import type { BgNbdParameters, CustomerSummary, GammaGammaParameters } from '../src/clv.js';

/** A seeded PRNG (mulberry32), so the simulated populations are the same on every run. */
export function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number) {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, rate) by Marsaglia & Tsang (with the shape < 1 boost). */
export function gammaSample(random: () => number, shape: number, rate: number): number {
  if (shape < 1) return gammaSample(random, shape + 1, rate) * random() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = normal(random);
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    if (Math.log(random()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

export interface SimulatedCustomer extends CustomerSummary {
  /** Purchases in the holdout period of `holdoutWeeks` after T. */
  holdoutPurchases: number;
}

/**
 * Customers drawn from BG/NBD (λ ~ Gamma(r, α), p ~ Beta(a, b), Poisson purchases, dropout after each
 * repeat purchase with probability p), observed for T ~ U(26, 78) weeks then `holdoutWeeks` more, and,
 * with spend parameters, purchase values from Gamma-Gamma (ν ~ Gamma(q, γ), each value ~ Gamma(p, ν)).
 */
export function simulateCustomers(
  bg: BgNbdParameters,
  count: number,
  seed: number,
  { spend, holdoutWeeks = 0 }: { spend?: GammaGammaParameters; holdoutWeeks?: number } = {},
): SimulatedCustomer[] {
  const random = rng(seed);
  return Array.from({ length: count }, () => {
    const lambda = gammaSample(random, bg.r, bg.alpha);
    const g1 = gammaSample(random, bg.a, 1);
    const dropout = g1 / (g1 + gammaSample(random, bg.b, 1));
    const nu = spend ? gammaSample(random, spend.q, spend.gamma) : 0;
    const T = 26 + random() * 52;
    let t = 0;
    let x = 0;
    let tx = 0;
    let holdoutPurchases = 0;
    let repeatSpend = 0;
    for (;;) {
      t += -Math.log(1 - random()) / lambda;
      if (t > T + holdoutWeeks) break;
      if (t > T) holdoutPurchases += 1;
      else {
        x += 1;
        tx = t;
        if (spend) repeatSpend += gammaSample(random, spend.p, nu);
      }
      if (random() < dropout) break;
    }
    return { x, tx, T, meanRepeatValue: x > 0 ? repeatSpend / x : 0, holdoutPurchases };
  });
}
