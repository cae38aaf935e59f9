import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  errorCodeOf as codeOf,
  runJobToEnd,
  startSubgraphForTest,
  type SubgraphUnderTest,
} from '../../../shared/testing.js';
import {
  bgNbdLogLikelihood,
  expectedPurchases,
  expectedSpendPerPurchase,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  hyp2f1,
  lnGamma,
  probabilityAlive,
  type CustomerSummary,
} from '../src/clv.js';
import type { OrdersDatabase } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';
import { createServer } from '../src/server.js';

// Published CDNOW estimates: BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy
// way", section 5) and Gamma-Gamma (Fader & Hardie 2013, "The Gamma-Gamma model of monetary value").
const CDNOW_BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const CDNOW_GG = { p: 6.25, q: 3.74, gamma: 15.44 };

/** A seeded PRNG (mulberry32), so the simulated populations are the same on every run. */
function rng(seed: number) {
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
function gammaSample(random: () => number, shape: number, rate: number): number {
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

/** Customers drawn from BG/NBD: λ ~ Gamma(r, α), p ~ Beta(a, b), Poisson purchases, dropout after each repeat purchase with probability p. */
function simulateBgNbd(params: typeof CDNOW_BG, count: number, seed: number): CustomerSummary[] {
  const random = rng(seed);
  return Array.from({ length: count }, () => {
    const lambda = gammaSample(random, params.r, params.alpha);
    const g1 = gammaSample(random, params.a, 1);
    const p = g1 / (g1 + gammaSample(random, params.b, 1));
    const T = 26 + random() * 52;
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += -Math.log(1 - random()) / lambda;
      if (t > T) break;
      x += 1;
      tx = t;
      if (random() < p) break;
    }
    return { x, tx, T, meanRepeatValue: 0 };
  });
}

describe('BG/NBD and Gamma-Gamma formulas', () => {
  it('match the published CDNOW example: E[X(39)] = 1.226 for x = 2, t_x = 30.43, T = 38.86', () => {
    // Fader, Hardie & Lee (2005), section 5: this customer is expected to make 1.226 purchases in the next 39 weeks.
    expect(expectedPurchases(CDNOW_BG, { x: 2, tx: 30.43, T: 38.86 }, 39)).toBeCloseTo(1.226, 3);
    // A customer with no repeat purchase is alive with certainty under BG/NBD (dropout follows a purchase).
    expect(probabilityAlive(CDNOW_BG, { x: 0, tx: 0, T: 38.86 })).toBe(1);
    // P(alive) for the example, by hand: 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)) = 1 / (1 + 0.793/3.426 · (43.274/34.844)^2.243) = 0.7266.
    expect(probabilityAlive(CDNOW_BG, { x: 2, tx: 30.43, T: 38.86 })).toBeCloseTo(0.7266, 4);
  });

  it('compute ln Γ and ₂F₁ to many digits', () => {
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    // ₂F₁(1, 1; 2; z) = −ln(1 − z) / z
    expect(hyp2f1(1, 1, 2, 0.5)).toBeCloseTo(-Math.log(0.5) / 0.5, 12);
  });

  it("weigh a customer's own mean spend against the population mean as the Gamma-Gamma model says", () => {
    // x = 0: the population mean pγ/(q − 1) = 6.25 · 15.44 / 2.74 = 35.2190.
    expect(expectedSpendPerPurchase(CDNOW_GG, 0, 0)).toBeCloseTo(35.219, 3);
    // x = 2, m̄ = 50: (γ + m̄x)p / (px + q − 1) = (15.44 + 100) · 6.25 / (12.5 + 2.74) = 47.3425.
    expect(expectedSpendPerPurchase(CDNOW_GG, 2, 50)).toBeCloseTo(47.3425, 4);
    // The weighted-average form of the same expectation (Fader & Hardie 2013, eq. 5).
    const weight = (CDNOW_GG.p * 2) / (CDNOW_GG.p * 2 + CDNOW_GG.q - 1);
    expect(expectedSpendPerPurchase(CDNOW_GG, 2, 50)).toBeCloseTo((1 - weight) * 35.21898 + weight * 50, 4);
  });

  it('give a log-likelihood whose two BG/NBD branches agree with the direct formula', () => {
    const { r, alpha, a, b } = CDNOW_BG;
    const direct = (x: number, tx: number, T: number) => {
      const beta = (u: number, v: number) => Math.exp(lnGamma(u) + lnGamma(v) - lnGamma(u + v));
      const common = Math.exp(lnGamma(r + x) - lnGamma(r)) * alpha ** r;
      const l1 = ((beta(a, b + x) / beta(a, b)) * common) / (alpha + T) ** (r + x);
      const l2 = x > 0 ? ((beta(a + 1, b + x - 1) / beta(a, b)) * common) / (alpha + tx) ** (r + x) : 0;
      return Math.log(l1 + l2);
    };
    expect(bgNbdLogLikelihood(CDNOW_BG, { x: 0, tx: 0, T: 30 })).toBeCloseTo(direct(0, 0, 30), 10);
    expect(bgNbdLogLikelihood(CDNOW_BG, { x: 3, tx: 20, T: 30 })).toBeCloseTo(direct(3, 20, 30), 10);
  });
});

describe('maximum-likelihood fits', () => {
  it('recover the BG/NBD parameters of a population generated by the model', () => {
    const truth = { r: 0.5, alpha: 6, a: 0.7, b: 2.5 };
    const fit = fitBgNbd(simulateBgNbd(truth, 20_000, 42));
    expect(fit.r).toBeCloseTo(truth.r, 1);
    expect(Math.abs(fit.alpha / truth.alpha - 1)).toBeLessThan(0.15);
    expect(Math.abs(fit.a / truth.a - 1)).toBeLessThan(0.3);
    expect(Math.abs(fit.b / truth.b - 1)).toBeLessThan(0.35);
    // The optimum beats the truth on the same data (it is the maximum).
    const data = simulateBgNbd(truth, 20_000, 42);
    const llTruth = data.reduce((sum, c) => sum + bgNbdLogLikelihood(truth, c), 0);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(llTruth - 1e-6);
  });

  it('recover the Gamma-Gamma parameters of spends generated by the model', () => {
    const truth = { p: 6, q: 4, gamma: 15 };
    const random = rng(7);
    const customers = Array.from({ length: 5_000 }, () => {
      const nu = gammaSample(random, truth.q, truth.gamma);
      const x = 1 + Math.floor(random() * 6);
      let total = 0;
      for (let i = 0; i < x; i++) total += gammaSample(random, truth.p, nu);
      return { x, meanRepeatValue: total / x };
    });
    const fit = fitGammaGamma(customers);
    expect(fit.customers).toBe(5_000);
    expect(Math.abs(fit.p / truth.p - 1)).toBeLessThan(0.1);
    // q and γ are only weakly identified one by one; their ratio (the mean of ν) is pinned well.
    expect(Math.abs(fit.gamma / (fit.q - 1) / (truth.gamma / (truth.q - 1)) - 1)).toBeLessThan(0.1);
    const llTruth = customers.reduce((sum, c) => sum + gammaGammaLogLikelihood(truth, c.x, c.meanRepeatValue), 0);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(llTruth - 1e-6);
  });
});

describe('fitClvModel and Customer.lifetimeValue', () => {
  let subgraph: SubgraphUnderTest<OrdersDatabase>;
  const NOW = Date.now();
  const WEEK = 7 * 86_400_000;

  beforeAll(async () => {
    subgraph = await startSubgraphForTest('orders', migrations, createServer);
    // 300 simulated customers; order values 20 + 10·(purchase number).
    const customers = simulateBgNbd({ r: 0.8, alpha: 4, a: 0.6, b: 3 }, 300, 3);
    const rows = customers.flatMap((c, k) => {
      const start = NOW - c.T * WEEK;
      const times = [0, ...Array.from({ length: c.x }, (_, i) => (c.x === 1 ? c.tx : (c.tx * (i + 1)) / c.x))];
      return times.map((t, j) => ({
        id: `ord-${k}-${j}`,
        external_id: `EXT-${k}-${j}`,
        customer_id: `clv-${String(k).padStart(3, '0')}`,
        status: 'DELIVERED' as const,
        channel: 'WEB' as const,
        currency: 'EUR',
        placed_at: new Date(start + t * WEEK),
        total: 20 + 10 * j,
      }));
    });
    for (let i = 0; i < rows.length; i += 500)
      await subgraph.testDb.db
        .insertInto('orders')
        .values(rows.slice(i, i + 500))
        .execute();
  });

  afterAll(async () => {
    await subgraph.stop();
  });

  it('is null before the first fit, and the fit stores its parameters as the latest model', async () => {
    const before = await subgraph.run(
      `{ clvModel { fittedAt } _entities(representations: [{ __typename: "Customer", id: "clv-000" }]) { ... on Customer { lifetimeValue { historical predicted { expectedValue } } } } }`,
    );
    expect(before.data.clvModel).toBeNull();
    expect(before.data._entities[0].lifetimeValue.predicted).toBeNull();

    const job = await runJobToEnd(subgraph, `mutation { fitClvModel { id } }`);
    expect(job).toMatchObject({ kind: 'FIT_CLV_MODEL', status: 'SUCCEEDED', progress: 1, error: null });
    const model = (
      await subgraph.run(
        `{ clvModel { fittedAt asOf customers bgNbd { r alpha a b logLikelihood } gammaGamma { p q gamma logLikelihood customers } } }`,
      )
    ).data.clvModel;
    // The job's result names the model it stored.
    expect(job.result).toBe(model.fittedAt);
    expect(model.customers).toBe(300);
    for (const value of [
      model.bgNbd.r,
      model.bgNbd.alpha,
      model.bgNbd.a,
      model.bgNbd.b,
      model.gammaGamma.p,
      model.gammaGamma.q,
      model.gammaGamma.gamma,
    ])
      expect(value).toBeGreaterThan(0);
    expect(model.bgNbd.logLikelihood).toBeLessThan(0);
  });

  it("predicts from the stored parameters and the customer's purchases, batched for many customers", async () => {
    const model = (await subgraph.run(`{ clvModel { bgNbd { r alpha a b } gammaGamma { p q gamma } } }`)).data.clvModel;
    const ids = ['clv-000', 'clv-001', 'clv-002', 'nobody'];
    subgraph.testDb.resetStatementCount();
    const result = await subgraph.run(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { id lifetimeValue { historical
      year: predicted { horizonDays expectedPurchases probabilityAlive expectedSpendPerPurchase expectedValue }
      quarter: predicted(horizonDays: 90) { expectedPurchases } } } } }`,
      { reps: ids.map((id) => ({ __typename: 'Customer', id })) },
    );
    expect(result.errors).toBeUndefined();
    // One statement for the summaries of all customers, one for the model.
    expect(subgraph.testDb.statementCount()).toBe(2);
    const [first, , , nobody] = result.data._entities;
    expect(nobody.lifetimeValue).toBeNull();

    const orders = await subgraph.testDb.db
      .selectFrom('orders')
      .select(['placed_at', 'total'])
      .where('customer_id', '=', 'clv-000')
      .orderBy('placed_at')
      .execute();
    const x = orders.length - 1;
    expect(first.lifetimeValue.historical).toBeCloseTo(
      orders.reduce((sum, o) => sum + o.total, 0),
      2,
    );
    const summary = {
      x,
      tx: (orders.at(-1)!.placed_at.getTime() - orders[0].placed_at.getTime()) / WEEK,
      T: (Date.now() - orders[0].placed_at.getTime()) / WEEK,
    };
    const year = first.lifetimeValue.year;
    expect(year.horizonDays).toBe(365);
    expect(year.expectedPurchases).toBeCloseTo(expectedPurchases(model.bgNbd, summary, 365 / 7), 3);
    expect(year.probabilityAlive).toBeCloseTo(probabilityAlive(model.bgNbd, summary), 3);
    const meanRepeat = x > 0 ? orders.slice(1).reduce((sum, o) => sum + o.total, 0) / x : 0;
    expect(year.expectedSpendPerPurchase).toBeCloseTo(expectedSpendPerPurchase(model.gammaGamma, x, meanRepeat), 6);
    expect(year.expectedValue).toBeCloseTo(year.expectedPurchases * year.expectedSpendPerPurchase, 6);
    expect(first.lifetimeValue.quarter.expectedPurchases).toBeLessThan(year.expectedPurchases);
  });

  it('rejects a horizon outside 1..3650 days, and an asOf in the future or before the first order before a job exists', async () => {
    expect(
      codeOf(
        await subgraph.run(
          `{ _entities(representations: [{ __typename: "Customer", id: "clv-000" }]) { ... on Customer { lifetimeValue { predicted(horizonDays: 0) { expectedValue } } } } }`,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    const future = new Date(NOW + 2 * 86_400_000).toISOString();
    expect(
      codeOf(await subgraph.run(`mutation($asOf: DateTime) { fitClvModel(asOf: $asOf) { id } }`, { asOf: future })),
    ).toBe('BAD_USER_INPUT');
    expect(await subgraph.testDb.rowCount('jobs')).toBe(1);
    // An asOf before the first order is refused before a job exists.
    const early = new Date(NOW - 80 * WEEK).toISOString();
    const refused = await subgraph.run(`mutation($asOf: DateTime) { fitClvModel(asOf: $asOf) { id } }`, {
      asOf: early,
    });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].message).toMatch(/before the first order/);
    expect(await subgraph.testDb.rowCount('jobs')).toBe(1);
  });
});
