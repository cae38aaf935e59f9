import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  errorCodeOf as codeOf,
  runJobToEnd,
  startSubgraphForTest,
  type SubgraphUnderTest,
} from '../../../shared/testing.js';
import {
  bgNbdLogLikelihood,
  calibrationByFrequency,
  expectedPurchases,
  expectedSpendPerPurchase,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  hyp2f1,
  lnGamma,
  nelderMead,
  probabilityAlive,
} from '../src/clv.js';
import { gammaSample, rng, simulateCustomers } from './clv-simulation.js';
import { findPurchaseSummaries, insertClvModel } from '../src/db/clv.repository.js';
import { predictValue, toSummary, type ClvModel } from '../src/lifetime-value.js';
import type { OrdersDatabase } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';
import { createServer } from '../src/server.js';

// Published CDNOW estimates: BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy
// way", section 5) and Gamma-Gamma (Fader & Hardie 2013, "The Gamma-Gamma model of monetary value").
const CDNOW_BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const CDNOW_GG = { p: 6.25, q: 3.74, gamma: 15.44 };

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

describe('formula guards', () => {
  it('give E[Y(t)] at a = 1 and, for x = 0, at a + b = 1 as the limit of both sides, finite', () => {
    // Both are removable singularities of the closed form: the value there is between its neighbours.
    for (const [params, summary] of [
      [
        { r: 0.5, alpha: 5, a: 1, b: 2 },
        { x: 2, tx: 20, T: 30 },
      ],
      [
        { r: 0.5, alpha: 5, a: 1, b: 2 },
        { x: 0, tx: 0, T: 30 },
      ],
      [
        { r: 0.5, alpha: 5, a: 0.4, b: 0.6 },
        { x: 0, tx: 0, T: 30 },
      ],
    ] as const) {
      const at = expectedPurchases(params, summary, 52);
      const below = expectedPurchases({ ...params, a: params.a - 0.01 }, summary, 52);
      const above = expectedPurchases({ ...params, a: params.a + 0.01 }, summary, 52);
      expect(Number.isFinite(at)).toBe(true);
      expect(at).toBeGreaterThan(Math.min(below, above));
      expect(at).toBeLessThan(Math.max(below, above));
    }
  });

  it('refuse a Gamma-Gamma q ≤ 1, whose population mean spend pγ/(q − 1) is infinite or negative', () => {
    expect(() => expectedSpendPerPurchase({ p: 6, q: 1, gamma: 15 }, 0, 0)).toThrow(RangeError);
    expect(() => expectedSpendPerPurchase({ p: 6, q: 0.5, gamma: 15 }, 3, 40)).toThrow(RangeError);
  });
});

describe('predictValue', () => {
  it('answers a non-finite prediction with INTERNAL_SERVER_ERROR instead of a Float the API cannot serialize', () => {
    const model = {
      fittedAt: new Date(0),
      bgNbd: { ...CDNOW_BG, r: Number.NaN },
      gammaGamma: CDNOW_GG,
    } as unknown as ClvModel;
    const summary = { customer_id: 'c-1', x: 2, tx: 10, t_cal: 30, mean_repeat_value: 40, revenue: 100 };
    expect(() => predictValue(model, summary, 365)).toThrow(/no finite prediction for customer c-1/);
    try {
      predictValue(model, summary, 365);
    } catch (error) {
      expect((error as { extensions: { code: string } }).extensions.code).toBe('INTERNAL_SERVER_ERROR');
    }
    expect(
      predictValue({ ...model, bgNbd: { ...model.bgNbd, ...CDNOW_BG } }, summary, 365).expectedValue,
    ).toBeGreaterThan(0);
  });
});

describe('Nelder–Mead', () => {
  const bowl = ([u, v]: number[]) => (u - 1) ** 2 + 10 * (v + 2) ** 2;

  it('reports convergence and its iterations on a bowl, and non-convergence at the iteration limit', () => {
    const done = nelderMead(bowl, [0, 0]);
    expect(done.converged).toBe(true);
    expect(done.iterations).toBeGreaterThan(10);
    expect(done.point[0]).toBeCloseTo(1, 5);
    expect(done.point[1]).toBeCloseTo(-2, 5);
    const cut = nelderMead(bowl, [0, 0], { maxIterations: 10 });
    expect(cut).toMatchObject({ converged: false, iterations: 10 });
  });
});

describe('maximum-likelihood fits', () => {
  // 10,000 customers from BG/NBD + Gamma-Gamma with the published CDNOW parameters (deterministic seed).
  const customers = simulateCustomers(CDNOW_BG, 10_000, 1, { spend: CDNOW_GG, holdoutWeeks: 39 });
  const bg = fitBgNbd(customers);
  const gg = fitGammaGamma(customers);
  /** Within two standard errors of the truth or within 10% of it. */
  const recovers = (fitted: number, standardError: number, truth: number) =>
    Math.abs(fitted - truth) <= Math.max(2 * standardError, 0.1 * truth);

  it('recover each BG/NBD parameter of the generator within two standard errors or 10%, converged', () => {
    expect(bg).toMatchObject({ status: 'CONVERGED', reason: null });
    expect(bg.iterations).toBeGreaterThan(0);
    for (const name of ['r', 'alpha', 'a', 'b'] as const)
      expect(recovers(bg[name], bg.standardErrors[name], CDNOW_BG[name]), name).toBe(true);
    // The optimum beats the truth on the same data (it is the maximum).
    const llTruth = customers.reduce((sum, c) => sum + bgNbdLogLikelihood(CDNOW_BG, c), 0);
    expect(bg.logLikelihood).toBeGreaterThanOrEqual(llTruth - 1e-6);
  });

  it('recover each Gamma-Gamma parameter of the generator within two standard errors or 10%, converged', () => {
    expect(gg).toMatchObject({ status: 'CONVERGED', reason: null });
    expect(gg.customers).toBe(customers.filter((c) => c.x > 0).length);
    for (const name of ['p', 'q', 'gamma'] as const)
      expect(recovers(gg[name], gg.standardErrors[name], CDNOW_GG[name]), name).toBe(true);
    const llTruth = customers
      .filter((c) => c.x > 0)
      .reduce((sum, c) => sum + gammaGammaLogLikelihood(CDNOW_GG, c.x, c.meanRepeatValue), 0);
    expect(gg.logLikelihood).toBeGreaterThanOrEqual(llTruth - 1e-6);
  });

  it('give the same parameters whatever order the customers come in (the database guarantees none)', () => {
    const random = rng(99);
    const shuffled = customers
      .map((c) => ({ c, key: random() }))
      .sort((u, v) => u.key - v.key)
      .map(({ c }) => c);
    const again = fitBgNbd(shuffled);
    const ggAgain = fitGammaGamma(shuffled);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) expect(again[name] / bg[name], name).toBeCloseTo(1, 4);
    for (const name of ['p', 'q', 'gamma'] as const) expect(ggAgain[name] / gg[name], name).toBeCloseTo(1, 4);
  });

  it('predict the holdout purchases of every frequency group within three standard errors of the actual mean', () => {
    const groups = calibrationByFrequency(bg, customers, 39);
    expect(groups.map((g) => g.repeatPurchases)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(groups.reduce((sum, g) => sum + g.customers, 0)).toBe(customers.length);
    for (const group of groups) {
      const actual = customers
        .filter((c) => (group.orMore ? c.x >= group.repeatPurchases : c.x === group.repeatPurchases))
        .map((c) => c.holdoutPurchases);
      const mean = actual.reduce((sum, v) => sum + v, 0) / actual.length;
      expect(group.actualPurchases).toBeCloseTo(mean, 10);
      const sd = Math.sqrt(actual.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (actual.length - 1));
      expect(Math.abs(group.predictedPurchases - mean), `x = ${group.repeatPurchases}`).toBeLessThan(
        3 * (sd / Math.sqrt(actual.length)),
      );
    }
  });

  it('flag a population that never drops out as AT_BOUND instead of a fit (b → ∞)', () => {
    // Pure Poisson buyers: BG/NBD's dropout is not identified and b runs to its bound.
    const fit = fitBgNbd(simulateCustomers({ r: 1, alpha: 5, a: 1e-9, b: 1e9 }, 5_000, 3));
    expect(fit.status).toBe('AT_BOUND');
    expect(fit.reason).toMatch(/b = /);
  });

  it('keep q > 1 when the spends are so dispersed that the unconstrained optimum has q ≤ 1, and say so', () => {
    const random = rng(11);
    const heavy = Array.from({ length: 3_000 }, () => {
      const nu = gammaSample(random, 0.6, 5);
      const x = 1 + Math.floor(random() * 4);
      let total = 0;
      for (let i = 0; i < x; i++) total += gammaSample(random, 2, nu);
      return { x, meanRepeatValue: total / x };
    });
    const fit = fitGammaGamma(heavy);
    expect(fit.q).toBeGreaterThan(1);
    expect(fit.status).toBe('AT_BOUND');
    expect(Number.isFinite(expectedSpendPerPurchase(fit, 0, 0))).toBe(true);
  });
});

const NOW = Date.now();
const WEEK = 7 * 86_400_000;

/**
 * Writes simulated customers as orders ending now: the first at −T, the x repeats evenly up to t_x,
 * the first worth 20 and each repeat the customer's mean repeat value (so the summaries are the simulated ones).
 */
async function insertCustomers(
  subgraph: SubgraphUnderTest<OrdersDatabase>,
  customers: ReturnType<typeof simulateCustomers>,
  prefix: string,
) {
  const rows = customers.flatMap((c, k) => {
    const start = NOW - c.T * WEEK;
    const times = [0, ...Array.from({ length: c.x }, (_, i) => (c.tx * (i + 1)) / c.x)];
    return times.map((t, j) => ({
      id: `${prefix}-ord-${k}-${j}`,
      external_id: `${prefix}-EXT-${k}-${j}`,
      customer_id: `${prefix}-${String(k).padStart(3, '0')}`,
      status: 'DELIVERED' as const,
      channel: 'WEB' as const,
      currency: 'EUR',
      placed_at: new Date(start + t * WEEK),
      total: j === 0 ? 20 : Math.round(c.meanRepeatValue * 100) / 100,
    }));
  });
  for (let i = 0; i < rows.length; i += 500)
    await subgraph.testDb.db
      .insertInto('orders')
      .values(rows.slice(i, i + 500))
      .execute();
}

const MODEL_FIELDS = `fittedAt asOf customers status statusReason
  bgNbd { r alpha a b logLikelihood status iterations }
  gammaGamma { p q gamma logLikelihood customers status iterations }
  calibration { holdoutFrom holdoutWeeks groups { repeatPurchases orMore customers predictedPurchases actualPurchases } }`;

describe('fitClvModel and Customer.lifetimeValue', () => {
  let subgraph: SubgraphUnderTest<OrdersDatabase>;

  beforeAll(async () => {
    subgraph = await startSubgraphForTest('orders', migrations, createServer);
    const customers = simulateCustomers({ r: 0.8, alpha: 4, a: 0.6, b: 3 }, 300, 3, {
      spend: { p: 6, q: 4, gamma: 150 },
    });
    await insertCustomers(subgraph, customers, 'clv');
  });

  afterAll(async () => {
    await subgraph.stop();
  });

  it('is null before the first fit; a converged fit is served with its status, iterations and holdout check', async () => {
    const before = await subgraph.run(
      `{ clvModel { fittedAt } _entities(representations: [{ __typename: "Customer", id: "clv-000" }]) { ... on Customer { lifetimeValue { historical predicted { expectedValue } } } } }`,
    );
    expect(before.data.clvModel).toBeNull();
    expect(before.data._entities[0].lifetimeValue.predicted).toBeNull();

    const job = await runJobToEnd(subgraph, `mutation { fitClvModel { id } }`);
    expect(job).toMatchObject({ kind: 'FIT_CLV_MODEL', status: 'SUCCEEDED', progress: 1, error: null });
    const model = (await subgraph.run(`{ clvModel { ${MODEL_FIELDS} } }`)).data.clvModel;
    // The job's result names the model it stored.
    expect(job.result).toBe(model.fittedAt);
    expect(model).toMatchObject({
      customers: 300,
      status: 'CONVERGED',
      statusReason: null,
      bgNbd: { status: 'CONVERGED' },
      gammaGamma: { status: 'CONVERGED' },
    });
    // The stored parameters are the maximum-likelihood fits of the purchases as the database summarises them.
    const summaries = (await findPurchaseSummaries(subgraph.testDb.db, new Date(model.asOf))).map(toSummary);
    const bg = fitBgNbd(summaries);
    const gg = fitGammaGamma(summaries);
    for (const name of ['r', 'alpha', 'a', 'b', 'logLikelihood'] as const)
      expect(model.bgNbd[name] / bg[name], name).toBeCloseTo(1, 8);
    for (const name of ['p', 'q', 'gamma', 'logLikelihood'] as const)
      expect(model.gammaGamma[name] / gg[name], name).toBeCloseTo(1, 8);
    expect(model.bgNbd.iterations).toBe(bg.iterations);
    expect(model.gammaGamma.iterations).toBe(gg.iterations);

    // The holdout check: a third of the observed weeks (up to 78), at most 26; every customer who bought before it is in a group.
    const { calibration } = model;
    const holdoutWeeks = Math.min(26, Math.floor(Math.max(...summaries.map((s) => s.T)) / 3));
    expect(holdoutWeeks).toBeGreaterThanOrEqual(24);
    expect(calibration.holdoutWeeks).toBe(holdoutWeeks);
    const holdoutFrom = new Date(calibration.holdoutFrom);
    expect(new Date(model.asOf).getTime() - holdoutFrom.getTime()).toBe(holdoutWeeks * WEEK);
    const calibrationSummaries = await findPurchaseSummaries(subgraph.testDb.db, holdoutFrom);
    const groups: { customers: number; actualPurchases: number; predictedPurchases: number }[] = calibration.groups;
    expect(groups.reduce((sum, g) => sum + g.customers, 0)).toBe(calibrationSummaries.length);
    const holdoutOrders = await subgraph.testDb.db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('placed_at', '>', holdoutFrom)
      .where('placed_at', '<=', new Date(model.asOf))
      .where(
        'customer_id',
        'in',
        calibrationSummaries.map((c) => c.customer_id),
      )
      .executeTakeFirstOrThrow();
    expect(groups.reduce((sum, g) => sum + g.customers * g.actualPurchases, 0)).toBeCloseTo(Number(holdoutOrders.n), 6);
    // Predicted and actual totals agree to within the sampling noise of 300 customers.
    const predicted = groups.reduce((sum, g) => sum + g.customers * g.predictedPurchases, 0);
    expect(Math.abs(predicted / Number(holdoutOrders.n) - 1)).toBeLessThan(0.25);
  });

  it('keeps serving the converged model when a later fit is degenerate, and lists both in clvModelFits', async () => {
    const served = (await subgraph.run(`{ clvModel { fittedAt asOf } }`)).data.clvModel;
    const row = await subgraph.testDb.db.selectFrom('clv_models').selectAll().executeTakeFirstOrThrow();
    const later = new Date(Date.parse(served.asOf) + 1000);
    await insertClvModel(subgraph.testDb.db, {
      ...row,
      id: undefined,
      calibration: null,
      fitted_at: later,
      as_of: later,
      b: 999_000,
      status: 'AT_BOUND',
      status_reason: 'BG/NBD: b = 9.99e+5 at the limit',
      bg_status: 'AT_BOUND',
    });
    const { data } = await subgraph.run(`{ clvModel { fittedAt } clvModelFits { fittedAt status statusReason } }`);
    expect(data.clvModel.fittedAt).toBe(served.fittedAt);
    expect(data.clvModelFits).toEqual([
      { fittedAt: later.toISOString(), status: 'AT_BOUND', statusReason: 'BG/NBD: b = 9.99e+5 at the limit' },
      { fittedAt: served.fittedAt, status: 'CONVERGED', statusReason: null },
    ]);
    expect(codeOf(await subgraph.run(`{ clvModelFits(first: 0) { fittedAt } }`))).toBe('BAD_USER_INPUT');
    await subgraph.testDb.db.deleteFrom('clv_models').where('status', '=', 'AT_BOUND').execute();
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

describe('fitClvModel on purchases that do not identify the model', () => {
  let subgraph: SubgraphUnderTest<OrdersDatabase>;

  beforeAll(async () => {
    subgraph = await startSubgraphForTest('orders', migrations, createServer);
    // Buyers who never drop out: the maximum likelihood runs b to its bound.
    await insertCustomers(
      subgraph,
      simulateCustomers({ r: 1, alpha: 5, a: 1e-9, b: 1e9 }, 1_000, 5, { spend: { p: 6, q: 4, gamma: 150 } }),
      'poisson',
    );
  });

  afterAll(async () => {
    await subgraph.stop();
  });

  it('stores the fit as AT_BOUND with its reason and serves no model and no prediction', async () => {
    const job = await runJobToEnd(subgraph, `mutation { fitClvModel { id } }`);
    expect(job).toMatchObject({ status: 'SUCCEEDED', error: null });
    const { data } = await subgraph.run(
      `{ clvModel { fittedAt } clvModelFits { ${MODEL_FIELDS} } _entities(representations: [{ __typename: "Customer", id: "poisson-000" }]) { ... on Customer { lifetimeValue { predicted { expectedValue } } } } }`,
    );
    expect(data.clvModel).toBeNull();
    expect(data._entities[0].lifetimeValue.predicted).toBeNull();
    expect(data.clvModelFits).toHaveLength(1);
    const [fit] = data.clvModelFits;
    expect(fit.fittedAt).toBe(job.result);
    expect(fit).toMatchObject({ status: 'AT_BOUND', bgNbd: { status: 'AT_BOUND' } });
    expect(fit.statusReason).toMatch(/^BG\/NBD: .*b = .* at the limit/);
  });
});
