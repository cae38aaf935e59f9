import { describe, expect, it } from 'vitest';
import {
  holmAdjust,
  newcombeInterval,
  normalCdf,
  sampleTooSmallReason,
  twoProportionTest,
  wilsonInterval,
} from '../src/experiment-stats.js';
import {
  assignVariant,
  assignmentPoint,
  compareVariants,
  validateExposureKinds,
  validateVariants,
} from '../src/experiments.js';

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
  });

  it('is not significant for a small difference, and symmetric in sign', () => {
    // 105/1000 vs 100/1000: p̂ = 0.1025, SE = √(0.1025 · 0.8975 · 0.002) = 0.013564, z = 0.005 / 0.013564 = 0.3686, p = 0.7124.
    const up = twoProportionTest(105, 1000, 100, 1000)!;
    expect(up.zScore).toBeCloseTo(0.3686, 4);
    expect(up.pValue).toBeCloseTo(0.7124, 4);
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

// Published values: Newcombe, "Two-sided confidence intervals for the single proportion: comparison of
// seven methods", Stat Med 1998;17:857–872, Table I, method 3 (score interval without continuity
// correction); and Newcombe, "Interval estimation for the difference between independent proportions:
// comparison of eleven methods", Stat Med 1998;17:873–890, Table II, method 10 (hybrid score).
// Both are given to 4 decimals, so the checks are to 4 decimals.
const close = (interval: { lower: number; upper: number } | null, lower: number, upper: number) => {
  expect(interval).not.toBeNull();
  expect(Math.abs(interval!.lower - lower)).toBeLessThan(5e-5);
  expect(Math.abs(interval!.upper - upper)).toBeLessThan(5e-5);
};

describe('Wilson score interval', () => {
  it('matches Newcombe (1998a) for 81/263, 15/148, 0/20 and 1/29', () => {
    close(wilsonInterval(81, 263), 0.2553, 0.3662);
    close(wilsonInterval(15, 148), 0.0624, 0.1605);
    close(wilsonInterval(0, 20), 0, 0.1611);
    close(wilsonInterval(1, 29), 0.0061, 0.1718);
  });

  it('matches the formula worked by hand for 2/10', () => {
    // p = 0.2, z² = 3.841459; denominator 1 + z²/n = 1.3841459; centre (0.2 + 0.1920729) / 1.3841459 = 0.2832593;
    // half = (1.959964 / 1.3841459) · √(0.016 + 0.0096036) = 1.4160169 · 0.1600113 = 0.2265787 → [0.0567, 0.5098].
    close(wilsonInterval(2, 10), 0.05668, 0.50984);
  });

  it('is null without trials and stays inside [0, 1]', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    const all = wilsonInterval(20, 20)!;
    expect(all.upper).toBe(1);
    expect(all.lower).toBeCloseTo(1 - 0.1611, 4);
  });
});

describe('Newcombe interval for a difference of proportions', () => {
  it('matches Newcombe (1998b) method 10 for 56/70 − 48/80, 9/10 − 3/10, 6/7 − 2/7 and 5/56 − 0/29', () => {
    close(newcombeInterval(56, 70, 48, 80), 0.0524, 0.3339);
    close(newcombeInterval(9, 10, 3, 10), 0.1705, 0.809);
    close(newcombeInterval(6, 7, 2, 7), 0.0582, 0.8062);
    close(newcombeInterval(5, 56, 0, 29), -0.0381, 0.1926);
  });

  it('is null when a group is empty, and mirrors when the groups swap', () => {
    expect(newcombeInterval(1, 0, 1, 10)).toBeNull();
    const swapped = newcombeInterval(48, 80, 56, 70)!;
    close(swapped, -0.3339, -0.0524);
  });
});

describe('Holm correction', () => {
  it('adjusts step-down, keeps input order and is monotone (hand-computed)', () => {
    // Sorted 0.01, 0.03, 0.04 (m = 3): 3 · 0.01 = 0.03; 2 · 0.03 = 0.06; max(0.06, 1 · 0.04) = 0.06.
    const adjusted = holmAdjust([0.01, 0.04, 0.03]);
    expect(adjusted[0]).toBeCloseTo(0.03, 12);
    expect(adjusted[1]).toBeCloseTo(0.06, 12);
    expect(adjusted[2]).toBeCloseTo(0.06, 12);
    // m = 5: 0.05, 0.08, 0.09, max(0.09, 0.08) = 0.09, max(0.09, 0.05) = 0.09 — where Bonferroni gives 0.05, 0.1, 0.15, 0.2, 0.25.
    const five = holmAdjust([0.01, 0.02, 0.03, 0.04, 0.05]);
    for (const [i, value] of [0.05, 0.08, 0.09, 0.09, 0.09].entries()) expect(five[i]).toBeCloseTo(value, 12);
  });

  it('caps at 1 and leaves a single comparison as it is', () => {
    expect(holmAdjust([0.6, 0.5])).toEqual([1, 1]);
    expect(holmAdjust([0.02])).toEqual([0.02]);
    expect(holmAdjust([])).toEqual([]);
  });
});

describe('minimum sample for the z-test', () => {
  it('needs 30 judged exposures in each group', () => {
    expect(sampleTooSmallReason(10, 29, 10, 30)).toMatch(/29 judged exposures.*at least 30/);
    expect(sampleTooSmallReason(10, 30, 10, 30)).toBeNull();
  });

  it('needs 5 expected conversions and non-conversions per group under the pooled rate', () => {
    // Pooled 3/80 = 0.0375; 40 · 0.0375 = 1.5 expected conversions < 5.
    expect(sampleTooSmallReason(2, 40, 1, 40)).toMatch(/expects 1.5 conversions or non-conversions/);
    // Pooled 0.975: 40 · 0.025 = 1 expected non-conversion.
    expect(sampleTooSmallReason(39, 40, 39, 40)).toMatch(/expects 1 /);
    expect(sampleTooSmallReason(250, 1000, 200, 1000)).toBeNull();
  });
});

describe('variants compared with the control', () => {
  const variant = (key: string, control = false) => ({ key, name: null, trafficShare: 0.25, control });
  const results = compareVariants([
    { variant: variant('A', true), exposures: 1000, conversions: 200, pendingExposures: 7 },
    { variant: variant('B'), exposures: 1000, conversions: 250, pendingExposures: 0 },
    { variant: variant('C'), exposures: 1000, conversions: 230, pendingExposures: 0 },
    { variant: variant('D'), exposures: 20, conversions: 3, pendingExposures: 0 },
  ]);
  const [a, b, c, d] = results;

  it('gives the control its Wilson interval and no test', () => {
    expect(a).toMatchObject({ exposures: 1000, conversions: 200, pendingExposures: 7, conversionRate: 0.2 });
    expect(a).toMatchObject({ absoluteLift: null, liftInterval: null, pValue: null, adjustedPValue: null });
    expect(a).toMatchObject({ significant: null, sampleTooSmall: null });
    // 200/1000: centre (0.2 + 0.0019207) / 1.0038415 = 0.2011466; half 1.952464 · √(0.00016 + 0.00000096) = 0.0247617.
    close(a.conversionRateInterval, 0.1764, 0.2259);
  });

  it('corrects with Holm over the three comparisons, the untestable one counting as p = 1', () => {
    // Raw p (pooled z-test): B 0.007420 (z = 2.6774), C 0.1025 (z = 1.6329). Holm, m = 3, sorted
    // 0.007420, 0.1025, 1: B 3 · 0.007420 = 0.02226; C 2 · 0.1025 = 0.2050; D has no p-value.
    expect(b.pValue).toBeCloseTo(0.00742, 5);
    expect(b.adjustedPValue).toBeCloseTo(0.02226, 4);
    expect(b.significant).toBe(true);
    expect(c.zScore).toBeCloseTo(1.6329, 4);
    expect(c.pValue).toBeCloseTo(0.1025, 4);
    expect(c.adjustedPValue).toBeCloseTo(0.205, 3);
    expect(c.significant).toBe(false);
  });

  it('reports a sample too small for the z-test instead of a p-value, but still its intervals', () => {
    expect(d).toMatchObject({
      sampleTooSmall: true,
      zScore: null,
      pValue: null,
      adjustedPValue: null,
      significant: null,
    });
    expect(d.sampleTooSmallReason).toMatch(/20 judged exposures/);
    expect(d.absoluteLift).toBeCloseTo(0.15 - 0.2, 12);
    expect(d.liftInterval).toEqual(newcombeInterval(3, 20, 200, 1000));
    expect(b.sampleTooSmall).toBe(false);
    expect(b.sampleTooSmallReason).toBeNull();
  });
});

describe('exposure kinds', () => {
  it('accepts impressions, opens and clicks, never sends, and removes repeats', () => {
    expect(validateExposureKinds(['OPEN', 'IMPRESSION', 'OPEN'])).toEqual(['OPEN', 'IMPRESSION']);
    expect(codeOfThrow(() => validateExposureKinds(['OPEN', 'SEND']))).toBe('BAD_USER_INPUT');
    expect(codeOfThrow(() => validateExposureKinds([]))).toBe('BAD_USER_INPUT');
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
