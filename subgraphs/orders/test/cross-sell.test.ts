import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  errorCodeOf as codeOf,
  runJobToEnd,
  startSubgraphForTest,
  type OperationResult as Result,
  type SubgraphUnderTest,
  type TestDatabase,
} from '../../../shared/testing.js';
import type { OrdersDatabase } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';
import type { OrderStatus } from '../src/db/order.table.js';
import { createServer } from '../src/server.js';
import { applyProductChanged } from '../src/events/consumed.js';
import type { DomainEvent } from '../../../shared/events/index.js';

let subgraph: SubgraphUnderTest<OrdersDatabase>;
let testDb: TestDatabase<OrdersDatabase>;
const run = (query: string, variables?: Record<string, unknown>): Promise<Result> => subgraph.run(query, variables);

/**
 * Ten baskets: DRESS+HEELS+BAG ×3, DRESS+HEELS, DRESS+BAG, HEELS, SCARF+BAG ×2, SCARF, HEELS+SCARF, and
 * one cancelled SCARF order that is not a basket. By hand (N = 10):
 *   support: DRESS .5, HEELS .6, BAG .6, SCARF .4, {DRESS,HEELS} .4, {DRESS,BAG} .4, {HEELS,BAG} .3,
 *            {SCARF,BAG} .2, {HEELS,SCARF} .1, {DRESS,HEELS,BAG} .3
 *   {DRESS,HEELS} → BAG: confidence .3/.4 = .75, lift .75/.6 = 1.25
 *   {BAG,HEELS} → DRESS: confidence .3/.3 = 1, lift 1/.5 = 2
 *   SCARF → BAG: confidence .2/.4 = .5, lift .5/.6
 */
const BASKETS: { customer: string; skus: string[]; status?: OrderStatus }[] = [
  { customer: 'c1', skus: ['DRESS', 'HEELS', 'BAG'] },
  { customer: 'c2', skus: ['DRESS', 'HEELS', 'BAG'] },
  { customer: 'c3', skus: ['DRESS', 'HEELS', 'BAG'] },
  { customer: 'c4', skus: ['DRESS', 'HEELS'] },
  { customer: 'c5', skus: ['DRESS', 'BAG'] },
  { customer: 'c6', skus: ['HEELS'] },
  { customer: 'c7', skus: ['SCARF', 'BAG'] },
  { customer: 'c8', skus: ['SCARF', 'BAG'] },
  { customer: 'c9', skus: ['SCARF'] },
  { customer: 'c4', skus: ['SCARF'], status: 'CANCELLED' },
  { customer: 'c10', skus: ['HEELS', 'SCARF'] },
];

async function seed() {
  const db = testDb.db;
  await db.deleteFrom('jobs').execute();
  await db.deleteFrom('association_rule_runs').execute();
  await db.deleteFrom('product_states').execute();
  await db.deleteFrom('order_lines').execute();
  await db.deleteFrom('orders').execute();
  const now = Date.now();
  for (const [i, basket] of BASKETS.entries()) {
    const id = `ord-${i}`;
    await db
      .insertInto('orders')
      .values({
        id,
        external_id: id,
        customer_id: basket.customer,
        status: basket.status ?? 'DELIVERED',
        channel: 'WEB',
        currency: 'EUR',
        placed_at: new Date(now - (20 - i) * 60_000),
        total: 10 * basket.skus.length,
      })
      .execute();
    await db
      .insertInto('order_lines')
      .values(basket.skus.map((sku, n) => ({ order_id: id, line_no: n + 1, sku, quantity: 1, unit_price: 10 })))
      .execute();
  }
}

beforeAll(async () => {
  subgraph = await startSubgraphForTest('orders', migrations, createServer);
  testDb = subgraph.testDb;
});

afterAll(async () => {
  await subgraph.stop();
});

beforeEach(seed);

const MINE = `mutation($input: MineAssociationRulesInput) { mineAssociationRules(input: $input) { id status } }`;
/** Mines through the job and waits for it, as the mutation did before it became a job. */
async function mine(input: Record<string, unknown>) {
  const job = await runJobToEnd(subgraph, MINE, { input });
  expect(job).toMatchObject({ kind: 'MINE_ASSOCIATION_RULES', status: 'SUCCEEDED', error: null });
  return job;
}

describe('mineAssociationRules', () => {
  it('mines every non-cancelled basket and stores the run with its parameters', async () => {
    const job = await mine({ minSupport: 0.2, minConfidence: 0.5 });
    const run_ = (
      await run(
        `{ associationRuleMining { computedAt orderCount minSupport minConfidence maxItemsetSize frequentItemsetCount ruleCount durationMs } }`,
      )
    ).data.associationRuleMining;
    // Frequent at support ≥ .2: 4 items, 5 pairs ({DRESS,HEELS},{DRESS,BAG},{HEELS,BAG},{SCARF,BAG}, and none else), 1 triple.
    expect(run_).toMatchObject({
      orderCount: 11 - 1,
      minSupport: 0.2,
      minConfidence: 0.5,
      maxItemsetSize: 3,
      frequentItemsetCount: 4 + 4 + 1,
    });
    expect(run_.ruleCount).toBeGreaterThan(0);
    expect(job.result).toBe(run_.computedAt);
  });

  it('answers "dress with heels → bag" with exact support, confidence and lift', async () => {
    await mine({ minSupport: 0.2, minConfidence: 0 });
    const result = await run(
      `{ associationRules(antecedentSkus: ["HEELS", "DRESS"]) { antecedentSkus consequentSkus supportCount support confidence lift consequent { sku } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.associationRules).toHaveLength(1);
    const [rule] = result.data.associationRules;
    expect(rule).toMatchObject({
      antecedentSkus: ['DRESS', 'HEELS'],
      consequentSkus: ['BAG'],
      supportCount: 3,
      consequent: [{ sku: 'BAG' }],
    });
    expect(rule.support).toBeCloseTo(0.3, 12);
    expect(rule.confidence).toBeCloseTo(0.75, 12);
    expect(rule.lift).toBeCloseTo(1.25, 12);
  });

  it('filters by thresholds and orders by lift, then confidence', async () => {
    await mine({ minSupport: 0.2, minConfidence: 0 });
    const result = await run(
      `{ associationRules(minConfidence: 0.6, minLift: 1.1, first: 100) { antecedentSkus consequentSkus confidence lift } }`,
    );
    const rules = result.data.associationRules;
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.confidence).toBeGreaterThanOrEqual(0.6);
      expect(rule.lift).toBeGreaterThanOrEqual(1.1);
    }
    for (let i = 1; i < rules.length; i++)
      expect(
        rules[i - 1].lift > rules[i].lift ||
          (rules[i - 1].lift === rules[i].lift && rules[i - 1].confidence >= rules[i].confidence),
      ).toBe(true);
    expect(rules).toContainEqual({
      antecedentSkus: ['BAG', 'HEELS'],
      consequentSkus: ['DRESS'],
      confidence: 1,
      lift: 2,
    });
    expect(rules.find((rule: { antecedentSkus: string[] }) => rule.antecedentSkus.join() === 'SCARF')).toBeUndefined();
  });

  it('rejects thresholds outside their ranges', async () => {
    for (const input of [{ minSupport: 0 }, { minSupport: 1.5 }, { minConfidence: -0.1 }, { maxItemsetSize: 4 }]) {
      expect(codeOf(await run(MINE, { input })), JSON.stringify(input)).toBe('BAD_USER_INPUT');
    }
    expect(codeOf(await run(`{ associationRules(first: 101) { lift } }`))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(`{ associationRules(minConfidence: 1.5) { lift } }`))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(`{ associationRules(minSupport: 2) { lift } }`))).toBe('BAD_USER_INPUT');
    expect(await testDb.rowCount('association_rule_runs')).toBe(0);
    expect(await testDb.rowCount('jobs')).toBe(0);
  });

  it('never replaces rules with an empty run: minSupport 1 fails the job and the last run is kept', async () => {
    await mine({ minSupport: 0.2, minConfidence: 0.5 });
    const good = (await run(`{ associationRuleMining { computedAt ruleCount } }`)).data.associationRuleMining;
    expect(good.ruleCount).toBeGreaterThan(0);
    const empty = await runJobToEnd(subgraph, MINE, { input: { minSupport: 1 } });
    expect(empty.status).toBe('FAILED');
    expect(empty.error).toMatch(/^BAD_USER_INPUT: .*leave no rules/);
    expect((await run(`{ associationRuleMining { computedAt ruleCount } }`)).data.associationRuleMining).toEqual(good);
    expect(await testDb.rowCount('association_rules')).toBe(good.ruleCount);
  });
});

describe('Product.frequentlyBoughtWith and Customer.recommendationCandidateSkus', () => {
  it('lists the rules whose antecedent holds each product, batched in one statement', async () => {
    await mine({ minSupport: 0.2, minConfidence: 0.5 });
    testDb.resetStatementCount();
    const result =
      await run(`{ _entities(representations: [{ __typename: "Product", sku: "SCARF" }, { __typename: "Product", sku: "NOTHING" }, { __typename: "Product", sku: "HEELS" }]) {
      ... on Product { sku frequentlyBoughtWith(first: 2) { antecedentSkus consequentSkus confidence } } } }`);
    expect(result.errors).toBeUndefined();
    expect(testDb.statementCount()).toBe(1);
    const [scarf, nothing, heels] = result.data._entities;
    expect(scarf.frequentlyBoughtWith).toEqual([
      { antecedentSkus: ['SCARF'], consequentSkus: ['BAG'], confidence: 0.5 },
    ]);
    expect(nothing.frequentlyBoughtWith).toEqual([]);
    expect(heels.frequentlyBoughtWith).toHaveLength(2);
    for (const rule of heels.frequentlyBoughtWith) expect(rule.antecedentSkus).toContain('HEELS');
  });

  it('recommends what sells with what a customer bought, never what they bought, best lift first', async () => {
    await mine({ minSupport: 0.2, minConfidence: 0.5 });
    testDb.resetStatementCount();
    const result =
      await run(`{ _entities(representations: [{ __typename: "Customer", id: "c4" }, { __typename: "Customer", id: "c9" }, { __typename: "Customer", id: "c1" }, { __typename: "Customer", id: "nobody" }]) {
      ... on Customer { id recommendationCandidateSkus } } }`);
    expect(result.errors).toBeUndefined();
    expect(testDb.statementCount()).toBe(1);
    const [c4, c9, c1, nobody] = result.data._entities;
    // c4 bought DRESS and HEELS (its SCARF order was cancelled): {DRESS,HEELS} → BAG, lift 1.25.
    expect(c4.recommendationCandidateSkus).toEqual(['BAG']);
    // c9 bought SCARF: SCARF → BAG.
    expect(c9.recommendationCandidateSkus).toEqual(['BAG']);
    expect(c1.recommendationCandidateSkus).toEqual([]);
    expect(nobody.recommendationCandidateSkus).toEqual([]);
  });

  /** Applies inventory's ProductChanged as its consumer would, at a position of inventory's log. */
  async function productChanged(position: number, sku: string, discontinued?: boolean) {
    const payload = {
      sku,
      name: sku,
      category: 'c',
      price: 10,
      ...(discontinued === undefined ? {} : { discontinued }),
    };
    await testDb.db
      .transaction()
      .execute((trx) =>
        applyProductChanged(trx, { id: `evt-${position}`, type: 'ProductChanged', position, payload } as DomainEvent),
      );
  }

  const RULES = `query($include: Boolean) { associationRules(first: 100, includeDiscontinued: $include) { antecedentSkus consequentSkus } }`;
  const BOUGHT_WITH = `{ _entities(representations: [{ __typename: "Product", sku: "DRESS" }]) { ... on Product { frequentlyBoughtWith(first: 2) { antecedentSkus consequentSkus } } } }`;
  const CANDIDATES = `{ _entities(representations: [{ __typename: "Customer", id: "c4" }, { __typename: "Customer", id: "c9" }]) { ... on Customer { recommendationCandidateSkus } } }`;

  it('never recommends a product inventory discontinued, and still fills the page before first', async () => {
    await mine({ minSupport: 0.2, minConfidence: 0.5 });
    const all = (await run(RULES, { include: true })).data.associationRules;
    await productChanged(1, 'BAG', false);
    await productChanged(2, 'BAG', true);
    const sold = (rule: { consequentSkus: string[] }) => !rule.consequentSkus.includes('BAG');
    expect(all.some((rule: { consequentSkus: string[] }) => !sold(rule))).toBe(true);
    expect((await run(RULES, {})).data.associationRules).toEqual(all.filter(sold));
    expect((await run(RULES, { include: true })).data.associationRules).toEqual(all);

    testDb.resetStatementCount();
    const dress = (await run(BOUGHT_WITH)).data._entities[0].frequentlyBoughtWith;
    expect(testDb.statementCount()).toBe(1);
    const expected = all
      .filter((rule: { antecedentSkus: string[] }) => rule.antecedentSkus.includes('DRESS'))
      .filter(sold)
      .slice(0, 2);
    expect(expected).toHaveLength(2);
    expect(dress).toEqual(expected);
    // c4 and c9 were recommended BAG only.
    const candidates = (await run(CANDIDATES)).data._entities;
    expect(candidates).toEqual([{ recommendationCandidateSkus: [] }, { recommendationCandidateSkus: [] }]);
  });

  it('applies the latest ProductChanged by log position: a late older event changes nothing', async () => {
    await mine({ minSupport: 0.2, minConfidence: 0.5 });
    await productChanged(5, 'BAG', true);
    await productChanged(3, 'BAG', false); // delivered late: older than the discontinuation
    await productChanged(4, 'BAG'); // an event from before the flag existed, also older
    expect((await run(CANDIDATES)).data._entities[0].recommendationCandidateSkus).toEqual([]);
    await productChanged(6, 'BAG', false); // reinstated later in inventory's log
    expect((await run(CANDIDATES)).data._entities[0].recommendationCandidateSkus).toEqual(['BAG']);
    const states = await testDb.db.selectFrom('product_states').select(['sku', 'discontinued', 'event_id']).execute();
    expect(states).toEqual([{ sku: 'BAG', discontinued: false, event_id: 'evt-6' }]);
  });
});
