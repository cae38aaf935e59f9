import { describe, expect, it } from 'vitest';
import { associationRules, frequentItemsets, type BasketScan } from '../src/association-rules.js';

/** Baskets served in pages of two, as the job streams them from the database. */
const scanOf = (baskets: number[][]): BasketScan =>
  async function* () {
    for (let i = 0; i < baskets.length; i += 2) yield baskets.slice(i, i + 2);
  };

const asObject = (counts: Map<string, number>) =>
  Object.fromEntries([...counts].sort(([a], [b]) => a.length - b.length || a.localeCompare(b)));

describe('Apriori on the MARKETING.md worked example (Agrawal & Srikant 1994)', () => {
  const baskets = [
    [1, 3, 4],
    [2, 3, 5],
    [1, 2, 3, 5],
    [2, 5],
  ];

  it('finds exactly the published frequent itemsets with minimum support count 2', async () => {
    const mined = await frequentItemsets(scanOf(baskets), 0.5, 3);
    expect(mined.basketCount).toBe(4);
    expect(asObject(mined.counts)).toEqual({
      '1': 2,
      '2': 3,
      '3': 3,
      '5': 3,
      '1,3': 2,
      '2,3': 2,
      '2,5': 3,
      '3,5': 2,
      '2,3,5': 2,
    });
  });

  it('derives support, confidence and lift of the rules', async () => {
    const rules = associationRules(await frequentItemsets(scanOf(baskets), 0.5, 3), 0);
    const rule = (a: number[], c: number[]) =>
      rules.find((r) => r.antecedent.join() === a.join() && r.consequent.join() === c.join());
    // {2,5}: support 3/4; 2 → 5 confidence 3/3; lift 1 / (3/4).
    expect(rule([2], [5])).toEqual({
      antecedent: [2],
      consequent: [5],
      supportCount: 3,
      support: 0.75,
      confidence: 1,
      lift: 4 / 3,
    });
    // {1,3}: 1 → 3 confidence 2/2, lift 1 / (3/4); 3 → 1 confidence 2/3, lift (2/3) / (2/4).
    expect(rule([1], [3])).toMatchObject({ support: 0.5, confidence: 1, lift: 4 / 3 });
    expect(rule([3], [1])!.confidence).toBeCloseTo(2 / 3, 15);
    expect(rule([3], [1])!.lift).toBeCloseTo(4 / 3, 15);
    // {2,3,5}: {3,5} → 2 confidence 2/2; 2 → {3,5} confidence 2/3, lift (2/3) / (2/4).
    expect(rule([3, 5], [2])).toMatchObject({ supportCount: 2, support: 0.5, confidence: 1, lift: 4 / 3 });
    expect(rule([2], [3, 5])!.confidence).toBeCloseTo(2 / 3, 15);
    // 6 rules from the four 2-itemsets' both directions (8) plus 6 from {2,3,5}.
    expect(rules).toHaveLength(8 + 6);
  });

  it('stops at the requested itemset size and respects minConfidence', async () => {
    const pairsOnly = await frequentItemsets(scanOf(baskets), 0.5, 2);
    expect(pairsOnly.counts.has('2,3,5')).toBe(false);
    const confident = associationRules(await frequentItemsets(scanOf(baskets), 0.5, 3), 0.9);
    for (const rule of confident) expect(rule.confidence).toBe(1);
    expect(confident.map((r) => `${r.antecedent}→${r.consequent}`).sort()).toEqual(
      ['1→3', '2,3→5', '2→5', '3,5→2', '5→2'].sort(),
    );
  });
});

describe('Apriori on Han, Kamber & Pei, Data Mining: Concepts and Techniques, Table 6.1 (AllElectronics)', () => {
  // T100..T900 over items I1..I5, minimum support count 2.
  const baskets = [
    [1, 2, 5],
    [2, 4],
    [2, 3],
    [1, 2, 4],
    [1, 3],
    [2, 3],
    [1, 3],
    [1, 2, 3, 5],
    [1, 2, 3],
  ];

  it('finds the textbook frequent itemsets (L1, L2 and L3 = {I1,I2,I3}:2, {I1,I2,I5}:2)', async () => {
    const mined = await frequentItemsets(scanOf(baskets), 2 / 9, 3);
    expect(asObject(mined.counts)).toEqual({
      '1': 6,
      '2': 7,
      '3': 6,
      '4': 2,
      '5': 2,
      '1,2': 4,
      '1,3': 4,
      '1,5': 2,
      '2,3': 4,
      '2,4': 2,
      '2,5': 2,
      '1,2,3': 2,
      '1,2,5': 2,
    });
  });

  it('gives the textbook confidences of the rules from {I1, I2, I5}', async () => {
    const rules = associationRules(await frequentItemsets(scanOf(baskets), 2 / 9, 3), 0);
    const confidence = (a: number[], c: number[]) =>
      rules.find((r) => r.antecedent.join() === a.join() && r.consequent.join() === c.join())!.confidence;
    expect(confidence([1, 2], [5])).toBe(2 / 4); // 50%
    expect(confidence([1, 5], [2])).toBe(2 / 2); // 100%
    expect(confidence([2, 5], [1])).toBe(2 / 2); // 100%
    expect(confidence([1], [2, 5])).toBe(2 / 6); // 33%
    expect(confidence([2], [1, 5])).toBe(2 / 7); // 29%
    expect(confidence([5], [1, 2])).toBe(2 / 2); // 100%
    for (const rule of rules.filter((r) => [...r.antecedent, ...r.consequent].sort().join() === '1,2,5'))
      expect(rule.support).toBe(2 / 9);
  });
});

describe('bounds', () => {
  it('rounds the minimum support up to a count and refuses to hold more frequent itemsets than allowed', async () => {
    const { minSupportCount, TooManyItemsetsError } = await import('../src/association-rules.js');
    expect(minSupportCount(0.5, 4)).toBe(2);
    expect(minSupportCount(2 / 9, 9)).toBe(2);
    expect(minSupportCount(0.001, 1_000_000)).toBe(1000);
    expect(minSupportCount(0.0000001, 10)).toBe(1);
    await expect(
      frequentItemsets(
        scanOf([
          [1, 2, 3],
          [1, 2, 3],
        ]),
        0.5,
        3,
        5,
      ),
    ).rejects.toBeInstanceOf(TooManyItemsetsError);
  });
});
