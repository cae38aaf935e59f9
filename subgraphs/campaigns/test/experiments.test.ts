import { describe, expect, it } from 'vitest';
import { assignVariant, assignmentPoint, normalCdf, twoProportionTest, validateVariants } from '../src/experiments.js';

const codeOfThrow = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
  return undefined;
};

describe('two-proportion z-test', () => {
  it('matches the hand computation for control 200/1000 against B 250/1000', () => {
    // p̂ = 450/2000 = 0.225; SE = √(0.225 · 0.775 · (1/1000 + 1/1000)) = √0.00034875 = 0.0186748;
    // z = (0.25 − 0.20) / 0.0186748 = 2.6774; p = 2 · (1 − Φ(2.6774)) = 2 · 0.003710 = 0.00742.
    const test = twoProportionTest(250, 1000, 200, 1000)!;
    expect(test.absoluteLift).toBeCloseTo(0.05, 12);
    expect(test.relativeLift).toBeCloseTo(0.25, 12);
    expect(test.zScore).toBeCloseTo(2.6774, 4);
    expect(test.pValue).toBeCloseTo(0.00742, 5);
    expect(test.significant).toBe(true);
  });

  it('is not significant for a small difference, and symmetric in sign', () => {
    // 105/1000 vs 100/1000: p̂ = 0.1025, SE = √(0.1025 · 0.8975 · 0.002) = 0.013564, z = 0.005 / 0.013564 = 0.3686, p = 0.7124.
    const up = twoProportionTest(105, 1000, 100, 1000)!;
    expect(up.zScore).toBeCloseTo(0.3686, 4);
    expect(up.pValue).toBeCloseTo(0.7124, 4);
    expect(up.significant).toBe(false);
    const down = twoProportionTest(100, 1000, 105, 1000)!;
    expect(down.zScore).toBeCloseTo(-0.3686, 4);
    expect(down.pValue).toBeCloseTo(up.pValue!, 12);
  });

  it('has no z or p when the standard error is 0 or a group is empty, and no relative lift against a 0 control rate', () => {
    expect(twoProportionTest(0, 100, 0, 100)).toEqual({
      absoluteLift: 0,
      relativeLift: null,
      zScore: null,
      pValue: null,
      significant: null,
    });
    expect(twoProportionTest(5, 0, 1, 10)).toBeNull();
    expect(twoProportionTest(5, 100, 0, 100)!.relativeLift).toBeNull();
  });

  it('computes Φ to about 1e-7', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 7);
    expect(normalCdf(-1)).toBeCloseTo(0.158655254, 7);
  });
});

describe('variant assignment', () => {
  const variants = validateVariants([
    { key: 'A', trafficShare: 0.5, control: true },
    { key: 'B', trafficShare: 0.3 },
    { key: 'C', trafficShare: 0.2 },
  ]);

  it('is a pure function of campaign and customer id', () => {
    expect(assignmentPoint('cmp-1', 'cus-1')).toBe(assignmentPoint('cmp-1', 'cus-1'));
    expect(assignmentPoint('cmp-1', 'cus-1')).not.toBe(assignmentPoint('cmp-2', 'cus-1'));
    expect(assignVariant(variants, 'cmp-1', 'cus-42')).toBe(assignVariant(variants, 'cmp-1', 'cus-42'));
    expect(assignVariant([], 'cmp-1', 'cus-42')).toBeNull();
  });

  it('respects the traffic shares over many customers', () => {
    const counts = { A: 0, B: 0, C: 0 } as Record<string, number>;
    for (let i = 0; i < 20_000; i++) counts[assignVariant(variants, 'cmp-1', `cus-${i}`)!.key] += 1;
    // Binomial standard deviations at n = 20,000 are under 0.4%; 1.5% is a wide margin.
    expect(Math.abs(counts.A / 20_000 - 0.5)).toBeLessThan(0.015);
    expect(Math.abs(counts.B / 20_000 - 0.3)).toBeLessThan(0.015);
    expect(Math.abs(counts.C / 20_000 - 0.2)).toBeLessThan(0.015);
  });

  it('rejects variant sets that are not a valid experiment', () => {
    const ok = { key: 'A', trafficShare: 0.5, control: true };
    for (const bad of [
      [ok],
      [ok, { key: 'A', trafficShare: 0.5 }],
      [ok, { key: 'B', trafficShare: 0.4 }],
      [ok, { key: 'B', trafficShare: 0.5, control: true }],
      [
        { ...ok, control: false },
        { key: 'B', trafficShare: 0.5 },
      ],
      [ok, { key: 'with space', trafficShare: 0.5 }],
      [ok, { key: 'B', trafficShare: 0 }, { key: 'C', trafficShare: 0.5 }],
    ]) {
      expect(
        codeOfThrow(() => validateVariants(bad)),
        JSON.stringify(bad),
      ).toBe('BAD_USER_INPUT');
    }
  });
});
