// The statistics of an A/B test: the pooled two-proportion z-test, when its sample is large enough to
// trust, Wilson score intervals per variant, Newcombe's hybrid score interval for a difference, and
// Holm's step-down correction when several variants are each compared with the control.
// Each is a few lines of textbook arithmetic, pinned in the tests against published values.

/** Two-sided 95%: Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;
/** The level the (Holm-adjusted) p-value is compared with. */
export const SIGNIFICANCE_LEVEL = 0.05;
/** The z-test needs this many judged exposures in each of the two groups, whatever the rates. */
export const MIN_EXPOSURES_PER_VARIANT = 30;
/** ... and at least this many expected conversions and non-conversions per group under the null (pooled rate). */
export const MIN_EXPECTED_COUNT = 5;

/** Φ(x), the standard normal distribution function (erfc by W. J. Cody's rational approximations via Numerical Recipes' erfc, |error| < 1.2e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

export interface Interval {
  lower: number;
  upper: number;
}

/** The Wilson score interval of a proportion x/n (Newcombe 1998, method 3); null when n is 0. */
export function wilsonInterval(successes: number, trials: number, z = Z_95): Interval | null {
  if (trials === 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // Rounding can leave a bound a hair outside [0, 1] at x = 0 or x = n.
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/**
 * Newcombe's hybrid score interval for p1 − p2 (Newcombe 1998, method 10), built from each
 * proportion's Wilson interval; null when either group is empty.
 */
export function newcombeInterval(
  successes1: number,
  trials1: number,
  successes2: number,
  trials2: number,
  z = Z_95,
): Interval | null {
  const first = wilsonInterval(successes1, trials1, z);
  const second = wilsonInterval(successes2, trials2, z);
  if (!first || !second) return null;
  const p1 = successes1 / trials1;
  const p2 = successes2 / trials2;
  const difference = p1 - p2;
  return {
    lower: difference - Math.sqrt((p1 - first.lower) ** 2 + (second.upper - p2) ** 2),
    upper: difference + Math.sqrt((first.upper - p1) ** 2 + (p2 - second.lower) ** 2),
  };
}

/**
 * Holm's step-down adjusted p-values, in input order: sorted ascending, the i-th smallest (1-based)
 * becomes max over j ≤ i of min(1, (m − j + 1) · p(j)). Rejecting where adjusted < α controls the
 * family-wise error rate at α, like Bonferroni, and rejects at least as often.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p || a.index - b.index);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}

/**
 * Why the pooled z-test cannot be trusted on these counts, or null when it can: each group needs
 * MIN_EXPOSURES_PER_VARIANT exposures and, under the null's pooled rate, at least MIN_EXPECTED_COUNT
 * expected conversions and non-conversions (the usual rule for the normal approximation).
 */
export function sampleTooSmallReason(
  conversions: number,
  exposures: number,
  controlConversions: number,
  controlExposures: number,
): string | null {
  const smallest = Math.min(exposures, controlExposures);
  if (smallest < MIN_EXPOSURES_PER_VARIANT)
    return `a group has ${smallest} judged exposures; the z-test needs at least ${MIN_EXPOSURES_PER_VARIANT} in each`;
  const pooled = (conversions + controlConversions) / (exposures + controlExposures);
  const expected = Math.min(smallest * pooled, smallest * (1 - pooled));
  if (expected < MIN_EXPECTED_COUNT)
    return `a group expects ${Number(expected.toFixed(2))} conversions or non-conversions under the null; the z-test needs at least ${MIN_EXPECTED_COUNT}`;
  return null;
}

export interface ProportionTest {
  absoluteLift: number;
  relativeLift: number | null;
  zScore: number | null;
  pValue: number | null;
}

/** Variant vs control: lifts and the pooled two-sided two-proportion z-test; null when a group is empty. */
export function twoProportionTest(
  conversions: number,
  exposures: number,
  controlConversions: number,
  controlExposures: number,
): ProportionTest | null {
  if (exposures === 0 || controlExposures === 0) return null;
  const rate = conversions / exposures;
  const controlRate = controlConversions / controlExposures;
  const pooled = (conversions + controlConversions) / (exposures + controlExposures);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / exposures + 1 / controlExposures));
  const zScore = standardError > 0 ? (rate - controlRate) / standardError : null;
  return {
    absoluteLift: rate - controlRate,
    relativeLift: controlRate > 0 ? (rate - controlRate) / controlRate : null,
    zScore,
    pValue: zScore === null ? null : 2 * (1 - normalCdf(Math.abs(zScore))),
  };
}
