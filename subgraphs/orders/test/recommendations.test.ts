// Recommendations (issue 16): the item-to-item model against data with known structure, the offline
// evaluation against a hand-computed case, consent (ANALYTICS out of training, PERSONALIZATION
// refusers get popular products only), discontinued and already-bought products, repeat-purchase categories.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../shared/events/index.js';
import {
  errorCodeOf,
  runJobToEnd,
  startSubgraphForTest,
  type SubgraphUnderTest,
  type TestDatabase,
} from '../../../shared/testing.js';
import { consentRefusals } from '../src/consent-state.js';
import { applyConsentToModels as applyConsentEvent } from '../src/events/consent.js';
import type { OrdersDatabase } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';
import { applyProductChanged } from '../src/events/consumed.js';
import { rankingMetrics, scoreCandidates } from '../src/recommendations.js';
import { createServer } from '../src/server.js';

let subgraph: SubgraphUnderTest<OrdersDatabase>;
let testDb: TestDatabase<OrdersDatabase>;
const DAY = 86_400_000;
const NOW = Date.now();

beforeAll(async () => {
  subgraph = await startSubgraphForTest('orders', migrations, createServer);
  testDb = subgraph.testDb;
});
afterAll(async () => {
  await subgraph.stop();
});

let orderNo = 0;
async function order(
  customer: string,
  skus: string[],
  daysAgo: number,
  status: 'DELIVERED' | 'CANCELLED' = 'DELIVERED',
) {
  const id = `ord-${++orderNo}`;
  await testDb.db
    .insertInto('orders')
    .values({
      id,
      external_id: id,
      customer_id: customer,
      status,
      channel: 'WEB',
      currency: 'EUR',
      placed_at: new Date(NOW - daysAgo * DAY),
      total: 10 * skus.length,
    })
    .execute();
  await testDb.db
    .insertInto('order_lines')
    .values(skus.map((sku, n) => ({ order_id: id, line_no: n + 1, sku, quantity: 1, unit_price: 10 })))
    .execute();
}

async function reset() {
  const db = testDb.db;
  for (const table of [
    'jobs',
    'recommendation_models',
    'association_rule_runs',
    'product_states',
    'consent_states',
    'privacy_states',
    'order_lines',
    'orders',
  ] as const)
    await db.deleteFrom(table).execute();
}

let eventNo = 0;
function event(type: string, payload: Record<string, unknown>): DomainEvent {
  eventNo += 1;
  return { id: `evt-${eventNo}`, type, version: 1, position: eventNo, payload } as unknown as DomainEvent;
}
const consent = (customerId: string, purpose: string, status: string, seq: number) =>
  testDb.db
    .transaction()
    .execute((trx) =>
      applyConsentEvent(trx, event('ConsentChanged', { customerId, purpose, channel: 'EMAIL', status, seq })),
    );
const product = (sku: string, category: string, discontinued = false) =>
  testDb.db
    .transaction()
    .execute((trx) => applyProductChanged(trx, event('ProductChanged', { sku, category, discontinued })));

const TRAIN = `mutation($input: TrainRecommendationsInput) { trainRecommendations(input: $input) { id status } }`;
async function train(input: Record<string, unknown> = {}) {
  const job = await runJobToEnd(subgraph, TRAIN, { input });
  expect(job).toMatchObject({ kind: 'TRAIN_RECOMMENDATIONS', status: 'SUCCEEDED', error: null });
  return job;
}
const MODEL = `{ recommendationModel { version customerCount productCount pairCount halfLifeDays
  categoryRepurchase { category buyers repurchasers rate repeatPurchase }
  evaluation { holdoutModelVersion customerCount blendBeatsPopularity strategies { strategy hitRateAt5 recallAt10 } } } }`;
async function candidates(...ids: string[]) {
  const result = await subgraph.run(
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { recommendationCandidates { sku score reason basedOnSku } } } }`,
    { r: ids.map((id) => ({ __typename: 'Customer', id })) },
  );
  expect(result.errors).toBeUndefined();
  return result.data._entities.map(
    (e: { recommendationCandidates: { sku: string; score: number; reason: string; basedOnSku: string | null }[] }) =>
      e.recommendationCandidates,
  );
}
async function similarities() {
  return testDb.db
    .selectFrom('item_similarities')
    .innerJoin('recommendation_models', 'recommendation_models.version', 'item_similarities.model_version')
    .select(['sku', 'neighbour_sku', 'score', 'co_customers'])
    .where('purpose', '=', 'SERVING')
    .orderBy('sku')
    .orderBy('neighbour_sku')
    .execute();
}

describe('scoring and metrics (pure)', () => {
  it('computes hit rate@5 and recall@10 as defined', () => {
    const metrics = rankingMetrics([
      // The held-out F is sixth: no hit at 5; one of two held-out products in the top 10.
      { recommended: ['A', 'B', 'C', 'D', 'E', 'F'], heldOut: new Set(['F', 'Z']) },
      { recommended: ['X'], heldOut: new Set(['X']) },
      // No held-out products: not counted.
      { recommended: ['X'], heldOut: new Set() },
    ]);
    expect(metrics).toEqual({ customerCount: 2, hitRateAt5: 0.5, recallAt10: 0.75 });
  });

  it('weights each history item by its decay and names the term that dominates', () => {
    const model = {
      neighbours: new Map([
        ['A', [{ sku: 'C', score: 0.8 }]],
        [
          'B',
          [
            { sku: 'C', score: 0.2 },
            { sku: 'D', score: 0.6 },
          ],
        ],
      ]),
      rules: [{ antecedent: ['B'], consequent: ['E'], confidence: 0.9 }],
      popular: [
        { sku: 'P', score: 10 },
        { sku: 'C', score: 5 },
      ],
    };
    const history = [
      { sku: 'A', w: 1 },
      { sku: 'B', w: 0.5 },
    ];
    const scored = scoreCandidates(history, model, { similarity: 0.6, rules: 0.3, popularity: 0.1 }, () => false, 10);
    // C: 0.6 × (1×0.8 + 0.5×0.2)/1.5 + 0.1 × 5/10 = 0.36 + 0.05; E: 0.3 × 0.9; D: 0.6 × 0.3/1.5; P: 0.1.
    expect(scored.map((s) => [s.sku, Number(s.score.toFixed(6)), s.reason, s.basedOnSku])).toEqual([
      ['C', 0.41, 'SIMILAR_ITEMS', 'A'],
      ['E', 0.27, 'BOUGHT_TOGETHER', 'B'],
      ['D', 0.12, 'SIMILAR_ITEMS', 'B'],
      ['P', 0.1, 'POPULAR', null],
    ]);
  });
});

describe('the item-to-item model', () => {
  beforeEach(reset);

  it('finds two bundles no customer mixes, and none across them', async () => {
    // 30 customers each favour one bundle and buy two to three of its four products over two orders.
    for (let c = 0; c < 30; c++) {
      const bundle = c % 2 === 0 ? 'X' : 'Y';
      const pick = (k: number) => `${bundle}${((c + k) % 4) + 1}`;
      await order(`c${c}`, [pick(0), pick(1)], 40 + c);
      await order(`c${c}`, [pick(2)], 10 + c);
    }
    await train({ minCoCustomers: 1 });
    const rows = await similarities();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.neighbour_sku[0]).toBe(row.sku[0]);
    // Every product is similar to each other product of its bundle.
    const pairsOf = (sku: string) => rows.filter((row) => row.sku === sku).map((row) => row.neighbour_sku);
    expect(pairsOf('X1')).toEqual(['X2', 'X3', 'X4']);
    expect(pairsOf('Y4')).toEqual(['Y1', 'Y2', 'Y3']);
  });

  it('is the cosine of time-decayed purchase vectors (hand-computed)', async () => {
    // c1 bought A and B one half-life ago (w = ½ each), c2 bought A now (w ≈ 1):
    // cos(A, B) = ½·½ / (√(¼ + 1) · ½) = 1/√5.
    await order('c1', ['A', 'B'], 30);
    await order('c2', ['A'], 0);
    await train({ halfLifeDays: 30, minCoCustomers: 1 });
    const rows = await similarities();
    expect(rows.map((row) => [row.sku, row.neighbour_sku, row.co_customers])).toEqual([
      ['A', 'B', 1],
      ['B', 'A', 1],
    ]);
    for (const row of rows) expect(Number(row.score)).toBeCloseTo(1 / Math.sqrt(5), 4);
  });

  it('leaves pairs fewer than minCoCustomers share out, and cancelled orders', async () => {
    await order('c1', ['A', 'B'], 5);
    await order('c2', ['A', 'B'], 5);
    await order('c3', ['A', 'C'], 5);
    await order('c4', ['B', 'D'], 5, 'CANCELLED');
    await order('c5', ['B', 'D'], 5, 'CANCELLED');
    await train({ minCoCustomers: 2 });
    expect((await similarities()).map((row) => `${row.sku}-${row.neighbour_sku}`)).toEqual(['A-B', 'B-A']);
  });

  it('rejects bad parameters with BAD_USER_INPUT and starts nothing', async () => {
    for (const input of [{ halfLifeDays: 0 }, { minCoCustomers: 0 }, { neighbours: 1.5 }, { neighbours: 500 }]) {
      const result = await subgraph.run(TRAIN, { input });
      expect(errorCodeOf(result)).toBe('BAD_USER_INPUT');
    }
    expect(await testDb.db.selectFrom('jobs').selectAll().execute()).toEqual([]);
  });
});

describe('offline evaluation', () => {
  beforeEach(reset);

  it('scores each strategy on every customer’s held-out last order (hand-computed)', async () => {
    // Training orders (all 20 days ago, so every weight is equal) and each customer's last order:
    //   c1 {A} → {B};  c2 {A,B} → {C};  c3 {B,C} → {A};  c4 {D} → {A}
    // cos(A,B) = 1/2, cos(B,C) = 1/√2; rules A→B, B→A, B→C (½), C→B (1); popularity A = B > C = D.
    //   similarity: c1 [B] hit, c2 [C] hit, c3 [A] hit, c4 [] miss          → 3/4, 3/4
    //   rules:      c1 [B] hit, c2 [C] hit, c3 [A] hit, c4 [] miss          → 3/4, 3/4
    //   popularity: c1 [B,C,D], c2 [C,D], c3 [A,D], c4 [A,B,C]: all hit     → 1, 1
    //   blend: as similarity, and c4 gets popular products: A              → 1, 1
    const training: [string, string[]][] = [
      ['c1', ['A']],
      ['c2', ['A', 'B']],
      ['c3', ['B', 'C']],
      ['c4', ['D']],
    ];
    const last: [string, string[]][] = [
      ['c1', ['B']],
      ['c2', ['C']],
      ['c3', ['A']],
      ['c4', ['A']],
    ];
    for (const [customer, skus] of training) await order(customer, skus, 20);
    for (const [customer, skus] of last) await order(customer, skus, 2);
    await train({ minCoCustomers: 1 });
    const { recommendationModel } = (await subgraph.run(MODEL)).data;
    expect(recommendationModel.evaluation).toMatchObject({
      customerCount: 4,
      blendBeatsPopularity: false,
      strategies: [
        { strategy: 'BLEND', hitRateAt5: 1, recallAt10: 1 },
        { strategy: 'ITEM_SIMILARITY', hitRateAt5: 0.75, recallAt10: 0.75 },
        { strategy: 'ASSOCIATION_RULES', hitRateAt5: 0.75, recallAt10: 0.75 },
        { strategy: 'POPULARITY', hitRateAt5: 1, recallAt10: 1 },
      ],
    });
    // The served model learnt from every order; the holdout one is a different, older-data version.
    expect(recommendationModel.evaluation.holdoutModelVersion).not.toBe(recommendationModel.version);
    expect(recommendationModel.customerCount).toBe(4);
  });
});

describe('serving and consent', () => {
  beforeEach(reset);

  /** Two bundles as above, plus what the tests below need. */
  async function world() {
    for (let c = 0; c < 30; c++) {
      const bundle = c % 2 === 0 ? 'X' : 'Y';
      const pick = (k: number) => `${bundle}${((c + k) % 4) + 1}`;
      await order(`c${c}`, [pick(0), pick(1)], 40 + c);
      await order(`c${c}`, [pick(2)], 10 + c);
    }
  }

  it('recommends the rest of the customer’s bundle, never what they bought, with reason and score', async () => {
    await world();
    await order('new', ['X1'], 1);
    await train({ minCoCustomers: 1 });
    const [recommended] = await candidates('new');
    expect(
      recommended
        .slice(0, 3)
        .map((r: { sku: string }) => r.sku)
        .sort(),
    ).toEqual(['X2', 'X3', 'X4']);
    expect(
      recommended
        .slice(0, 3)
        .every((r: { reason: string; basedOnSku: string }) => r.reason === 'SIMILAR_ITEMS' && r.basedOnSku === 'X1'),
    ).toBe(true);
    expect(recommended.map((r: { sku: string }) => r.sku)).not.toContain('X1');
    const scores = recommended.map((r: { score: number }) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('never recommends a discontinued product', async () => {
    await world();
    await order('new', ['X1'], 1);
    await product('X2', 'shoes', true);
    await train({ minCoCustomers: 1 });
    const [recommended] = await candidates('new');
    expect(recommended.map((r: { sku: string }) => r.sku)).not.toContain('X2');
    expect(
      recommended
        .slice(0, 2)
        .map((r: { sku: string }) => r.sku)
        .sort(),
    ).toEqual(['X3', 'X4']);
  });

  it('gives customers who refused PERSONALIZATION (or object to direct marketing) popular products only', async () => {
    await world();
    await order('private', ['X1'], 1);
    await order('objector', ['X1'], 1);
    await order('new', ['X1'], 1);
    await consent('private', 'PERSONALIZATION', 'OPT_IN', 1);
    await consent('private', 'PERSONALIZATION', 'OPT_OUT', 2);
    await testDb.db.transaction().execute((trx) =>
      applyConsentEvent(
        trx,
        event('PrivacyPreferenceChanged', {
          customerId: 'objector',
          kind: 'OBJECT_TO_DIRECT_MARKETING',
          active: true,
          seq: 3,
        }),
      ),
    );
    await train({ minCoCustomers: 1 });
    const [priv, objector, personal] = await candidates('private', 'objector', 'new');
    expect(priv.length).toBeGreaterThan(0);
    expect(
      priv.every((r: { reason: string; basedOnSku: null }) => r.reason === 'POPULAR' && r.basedOnSku === null),
    ).toBe(true);
    expect(objector).toEqual(priv);
    // The same history without the refusal is personalised.
    expect(personal[0].reason).toBe('SIMILAR_ITEMS');
    // Popular: the products most customers bought, whatever the customer bought.
    const popular = await testDb.db
      .selectFrom('item_popularity')
      .innerJoin('recommendation_models', 'version', 'model_version')
      .select('sku')
      .where('purpose', '=', 'SERVING')
      .orderBy('score', 'desc')
      .orderBy('sku')
      .limit(3)
      .execute();
    expect(priv.slice(0, 3).map((r: { sku: string }) => r.sku)).toEqual(popular.map((p) => p.sku));
  });

  it('leaves customers who refused ANALYTICS out of training', async () => {
    await world();
    // Only the refusers ever bought Q1 with Q2.
    for (const c of ['r1', 'r2', 'r3']) {
      await order(c, ['Q1', 'Q2'], 3);
      await consent(c, 'ANALYTICS', 'OPT_OUT', 10);
    }
    // A later opt-in applied out of order (lower seq) changes nothing.
    await consent('r1', 'ANALYTICS', 'OPT_IN', 5);
    expect((await consentRefusals(testDb.db, ['r1', 'c0'])).map((r) => r.analytics)).toEqual([true, false]);
    await train({ minCoCustomers: 1 });
    const rows = await similarities();
    expect(rows.filter((row) => row.sku.startsWith('Q'))).toEqual([]);
    const { recommendationModel } = (await subgraph.run(MODEL)).data;
    expect(recommendationModel.customerCount).toBe(30);
    // Once r1 opts in again (a later record), the next model learns from them.
    await consent('r1', 'ANALYTICS', 'OPT_IN', 11);
    await train({ minCoCustomers: 1 });
    expect((await similarities()).filter((row) => row.sku.startsWith('Q')).map((row) => row.sku)).toEqual(['Q1', 'Q2']);
  });

  it('recommends bought products again only in repeat-purchase categories, found from repurchase rates', async () => {
    await world();
    // 40 customers rebuy coffee; the bundle products are rarely bought twice.
    for (let c = 0; c < 40; c++) {
      await order(`k${c}`, ['COFFEE', 'X1'], 30);
      await order(`k${c}`, ['COFFEE'], 5);
    }
    await product('COFFEE', 'grocery');
    for (const sku of ['X1', 'X2', 'X3', 'X4', 'Y1', 'Y2', 'Y3', 'Y4']) await product(sku, 'fashion');
    await train({ minCoCustomers: 1 });
    const { recommendationModel } = (await subgraph.run(MODEL)).data;
    expect(recommendationModel.categoryRepurchase).toEqual([
      { category: 'grocery', buyers: 40, repurchasers: 40, rate: 1, repeatPurchase: true },
      expect.objectContaining({ category: 'fashion', repurchasers: 0, rate: 0, repeatPurchase: false }),
    ]);
    const [again] = await candidates('k0');
    const skus = again.map((r: { sku: string }) => r.sku);
    expect(skus).toContain('COFFEE');
    expect(skus).not.toContain('X1');
  });
});
